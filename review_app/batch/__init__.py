"""``bireview batch``: review a whole folder of releases and write one overview.

Inputs (folders are searched recursively; hidden files and folders, and the output folder, are
skipped):

- pairs matched by name in one folder: ``NAME.zh.EXT`` with ``NAME.en.EXT`` (EXT: txt, md,
  markdown, html, htm, docx; the same EXT preferred, else the one other file of that NAME);
- seed-style folders: ``source.zh.txt`` + ``release.en.txt`` (+ optional ``meta.yaml``);
- bilingual files, each one document with its own pairing and unit ids: ``.xlf``, ``.xliff``
  (1.2 and 2.x), ``.tmx``, ``.tsv``, ``.csv``.

The document date, in this order: ``--date``, ``meta.yaml``, the file's metadata (XLIFF, TMX),
a date in the file (or seed folder) name (``2023-11-10``, ``2023_11_10``, ``20231110``). The
overview shows the date and where it came from.

INPUT and ``--out`` may be fsspec URLs (``s3://…``; :mod:`review_app.batch.storage`).

Outputs, in ``--out DIR`` (every file written whole: a temporary file and a rename, or one
upload at a URL):

- ``NAME.json``: each document's report, exactly as ``bireview check --format json`` (always
  written: it is what a re-run reuses); ``NAME.html`` with ``html``;
- ``index.html`` (always): totals by severity and by check with bar charts, the documents that
  could not be read, and every document, worst first, linked to its report;
- ``findings.csv`` with ``csv``: one row a finding, the columns of ``bireview check --format csv``
  after a first ``document`` column (the report name);
- ``junit.xml`` with ``junit``: one test case a document, a ``<failure>`` when a finding reaches
  ``--fail-on``, an ``<error>`` when the document could not be read;
- ``errors.json`` (always): ``[{"document", "inputs", "error"}]``, ``[]`` when none;
- ``.bireview-batch.json``: what a re-run needs to skip the documents that did not change.

Exit codes: 0 no finding reaches ``--fail-on``; 1 some do, or a document could not be read;
2 the command itself could not run (bad arguments, no documents, a bad glossary, DIR unwritable).
"""

from __future__ import annotations

from review_app.batch.command import add_parser, cpu_count, main, parse_formats, run
from review_app.batch.discover import Job, date_from_name, discover, safe_name, unique_name
from review_app.batch.execute import Settings, check_all, init_worker, review_one
from review_app.batch.outcome import DEFAULT_FORMATS, FORMATS, Brief, Outcome, summarize
from review_app.batch.overview import BatchResult, findings_csv, index_html, junit_xml
from review_app.batch.plan import JOURNAL, MANIFEST, read_manifest, write_manifest
from review_app.batch.progress import Progress

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "JOURNAL",
    "MANIFEST",
    "BatchResult",
    "Brief",
    "Job",
    "Outcome",
    "Progress",
    "Settings",
    "add_parser",
    "check_all",
    "cpu_count",
    "date_from_name",
    "discover",
    "findings_csv",
    "index_html",
    "init_worker",
    "junit_xml",
    "main",
    "parse_formats",
    "read_manifest",
    "review_one",
    "run",
    "safe_name",
    "summarize",
    "unique_name",
    "write_manifest",
]
