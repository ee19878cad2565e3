"""The batch on a Dask cluster: ``bireview batch … --scheduler ADDRESS`` (``tcp://host:8786``),
or ``--scheduler local`` on a ``LocalCluster`` of one single-threaded worker process a core.

Each document is one task, :func:`review_app.batch.execute.review_one`, run by a worker that
loaded the glossary (and the models, if any) once, when it joined: :class:`LoadedOnce`, a
worker plugin. A worker writes the document's reports into ``--out`` itself, so on a cluster of
several machines ``--out`` and the inputs must be places every worker sees: a shared file
system, or fsspec URLs (object storage, :mod:`review_app.batch.storage`). A worker that dies
takes its task with it: the scheduler gives the task to another worker, and a document that
has killed two workers is a failure (errors.json), not the end of the batch (on a cluster
started elsewhere, the number is its scheduler's
``distributed.scheduler.allowed-failures``).

Only this module imports Dask (``pip install 'bireview[dask]'``), and only with
``--scheduler``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.scheduler import KilledWorker

from review_app.batch.execute import Settings, init_worker, review_one
from review_app.batch.outcome import Outcome, died_twice
from review_app.errors import UsageError

if TYPE_CHECKING:
    from review_app.batch.discover import Job
    from review_app.batch.progress import Progress

# A document may kill one worker (out of memory beside another); the second is its own doing.
# A worker holds only the task it runs (saturation 1.0: the rest wait at the scheduler), so a
# worker's death counts against that document alone, not against others queued behind it.
# (A scheduler of its own, --scheduler ADDRESS, follows its own configuration.)
ALLOWED_FAILURES = 1
SCHEDULER_CONFIG = {
    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
    "distributed.scheduler.worker-saturation": 1.0,
}
CONNECT_SECONDS = 10


class LoadedOnce(WorkerPlugin):  # type: ignore[misc]
    """Load the glossary and the models once in each worker, as it joins the cluster."""

    name = "bireview-settings"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        init_worker(self.settings, quiet_interrupt=False)


def check_on_cluster(
    jobs: Sequence[Job], settings: Settings, scheduler: str, workers: int, progress: Progress
) -> Iterator[Outcome]:
    """Check ``jobs`` on the cluster at ``scheduler`` ("local": a LocalCluster of ``workers``
    processes); yield each outcome as it comes (and report it to ``progress``)."""
    if not jobs:
        return
    import dask

    with dask.config.set(SCHEDULER_CONFIG):
        if scheduler == "local":
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        else:
            try:
                cluster, client = None, Client(scheduler, timeout=CONNECT_SECONDS)
            except (OSError, ValueError, TypeError) as error:
                raise UsageError(
                    f"--scheduler {scheduler}: no Dask scheduler answers there ({error})"
                ) from None
        try:
            client.register_plugin(LoadedOnce(settings))
            futures = {client.submit(review_one, job, pure=False): job for job in jobs}
            for future in as_completed(futures):
                job = futures.pop(future)  # and its result is let go once read
                try:
                    outcome = future.result()
                except KilledWorker:
                    outcome = died_twice(job)
                progress.update(outcome)
                yield outcome
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
