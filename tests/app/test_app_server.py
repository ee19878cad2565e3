"""`bireview app` as a real server (issue 13, "hostile input"): it ends with its command however
that dies, and it answers only requests addressed to it by its own loopback name and port.

Each server runs in its own process group with ``HOME`` and ``XDG_DATA_HOME`` in a temporary
folder and a copy of the seed, and the whole group is killed in a ``finally``. The Host tests
share one server (module fixture).
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit

from review_app.app import server as app_server

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
TIMEOUT = 60  # starting Streamlit on a slow machine
GONE_TIMEOUT = 15

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and signals: POSIX")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(folder: Path, port: int) -> tuple[subprocess.Popen[bytes], Path]:
    """``bireview app --no-browser --port PORT SEED`` in its own process group; its output log."""
    seed = folder / "seed"
    shutil.copytree(SEED, seed)
    env = {**os.environ, "HOME": str(folder / "home"), "XDG_DATA_HOME": str(folder / "data")}
    env.pop("BIREVIEW_MT_MODEL", None)
    log = folder / "app.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "review_app.cli", "app", "--no-browser"),
                *("--port", str(port), str(seed), "--store-dir", str(folder / "reviews")),
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed whole in the end
        )
    return process, log


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=GONE_TIMEOUT)


def _get(
    port: int, path: str, host: str, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read() if response.status != 101 else b""
    finally:
        connection.close()


def _wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if _get(port, "/_stcore/health", f"127.0.0.1:{port}")[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None:
            pytest.fail(f"bireview app stopped: {log.read_text(errors='replace')}")
        time.sleep(0.3)
    pytest.fail(f"no answer on port {port}: {log.read_text(errors='replace')}")


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): signal 0 reached it


def _children(pid: int) -> list[int]:
    listing = subprocess.run(["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True)
    rows = (line.split() for line in listing.stdout.splitlines())
    return [int(row[0]) for row in rows if len(row) == 2 and int(row[1]) == pid]


def _wait_gone(port: int | None, pids: list[int]) -> None:
    deadline = time.monotonic() + GONE_TIMEOUT
    while time.monotonic() < deadline:
        if (port is None or not _answers(port)) and not any(_alive(pid) for pid in pids):
            return
        time.sleep(0.2)
    still = [pid for pid in pids if _alive(pid)]
    pytest.fail(f"still there after {GONE_TIMEOUT} s: port {port} answers, pids {still}")


# -- the server ends with its command ----------------------------------------------------------


def test_the_server_ends_when_bireview_app_is_killed(tmp_path: Path) -> None:
    port = _free_port()
    process, log = _start(tmp_path, port)
    try:
        _wait_until_up(port, process, log)
        servers = _children(process.pid)
        assert servers, "no server process under bireview app"
        os.kill(process.pid, signal.SIGKILL)  # the parent only: the server is not told
        process.wait(timeout=GONE_TIMEOUT)
        _wait_gone(port, servers)
    finally:
        _stop_group(process)


WATCHED = (
    "import os, sys, time\n"
    "from review_app import lifetime\n"
    "if sys.argv[1] == 'thread-only':\n"
    "    sys.platform = 'thread-only'  # no prctl: only the portable watch thread\n"
    "lifetime.watch_parent(os.getppid())\n"
    "time.sleep(120)\n"
)
PARENT = (
    "import subprocess, sys\n"
    "child = subprocess.Popen([sys.executable, '-c', sys.argv[1], sys.argv[2]])\n"
    "print(child.pid, flush=True)\n"
    "child.wait()\n"
)


@pytest.mark.parametrize("how", ["platform", "thread-only"])
def test_the_parent_watch_ends_a_child_whose_parent_is_killed(how: str) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, WATCHED, how],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        time.sleep(1)  # let the child start its watch (a parent gone before that is caught too)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=GONE_TIMEOUT)
        _wait_gone(None, [child])
    finally:
        _stop_group(parent)


# -- Host check --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One server for the Host tests."""
    port = _free_port()
    process, log = _start(tmp_path_factory.mktemp("app"), port)
    try:
        _wait_until_up(port, process, log)
        yield port
    finally:
        _stop_group(process)


@pytest.mark.parametrize("path", ["/_stcore/health", "/"])
@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LocalHost"])
def test_its_own_names_are_answered(port: int, path: str, name: str) -> None:
    assert _get(port, path, f"{name}:{port}")[0] == 200


@pytest.mark.parametrize("path", ["/_stcore/health", "/", "/_stcore/host-config"])
@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", "localhost:1", ""],
)
def test_a_foreign_host_is_refused(port: int, path: str, host: str) -> None:
    status, body = _get(port, path, host.format(port=port))
    assert status in (403, 421)
    assert len(body) < 200


UPGRADE = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Protocol": "streamlit",
}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}"])
def test_a_websocket_with_a_foreign_host_is_refused(port: int, host: str) -> None:
    assert _get(port, "/_stcore/stream", host.format(port=port), UPGRADE)[0] in (403, 421)


def test_a_websocket_to_its_own_name_is_accepted(port: int) -> None:
    assert _get(port, "/_stcore/stream", f"localhost:{port}", UPGRADE)[0] == 101


def test_the_page_gets_the_folder_it_was_given(port: int) -> None:
    """Through the launcher the page script still gets its arguments: its first run opens them
    (the spinner is shown only for paths from the command line; the run itself is not awaited)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    async def first_run() -> str:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        async with connect(url, subprotocols=["streamlit"], max_size=None) as websocket:
            rerun = BackMsg()
            rerun.rerun_script.query_string = ""
            await websocket.send(rerun.SerializeToString())
            page = []
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(websocket.recv(), TIMEOUT))
                page.append(str(message))
                if "Aligning the documents" in page[-1]:
                    return "opened"
                if message.WhichOneof("type") == "script_finished":
                    return "\n".join(page)

    assert asyncio.run(first_run()) == "opened"


# -- fail closed -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "server", "own"),
    [
        ([(b"host", b"127.0.0.1:8501")], ("127.0.0.1", 8501), True),
        ([(b"host", b"127.0.0.1:8501"), (b"host", b"evil.example")], ("127.0.0.1", 8501), False),
        ([], ("127.0.0.1", 8501), False),
        ([(b"host", b"127.0.0.1:8501")], None, False),
        ([(b"host", b"localhost")], ("127.0.0.1", 8501), False),
        ([(b"host", b"localhost")], ("127.0.0.1", 80), True),
    ],
)
def test_host_is_own(headers: list[tuple[bytes, bytes]], server: object, own: bool) -> None:
    assert app_server.host_is_own({"type": "http", "headers": headers, "server": server}) is own


def test_without_st_app_the_server_does_not_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delattr(streamlit, "App")
    assert app_server.main(["--port", str(_free_port()), "--", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bireview: error: ") and err.count("\n") == 1, err


def test_an_app_without_the_guard_does_not_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(os, "_exit", exit_now)

    async def start(built: list[app_server.HostGuard]) -> None:
        async with app_server.require_guard(built)(None):
            pass

    asyncio.run(start([app_server.HostGuard(lambda *args: None)]))
    with pytest.raises(SystemExit) as stopped:
        asyncio.run(start([]))
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("bireview: error: ") and err.count("\n") == 1, err
