"""A child process that ends with its parent, however the parent ends (``kill -9`` included).

The review app's server (started by ``bireview app``) and the batch's worker processes call
:func:`watch_parent` first thing. On Linux the kernel sends SIGTERM the moment the parent dies
(``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread notices the parent is gone (its pid is
no longer the parent's, or on Windows a handle to it is signalled) and sends SIGTERM itself, or
leaves with ``os._exit`` if the clean stop hangs.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable

PARENT_POLL_SECONDS = 0.5
STOP_GRACE_SECONDS = 5.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def watch_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` (the process that started it) ends.

    Call it first thing: a parent that died before the watch began is caught too (its child
    has been handed to another parent by then, or its pid no longer opens).
    """
    if sys.platform.startswith("linux"):
        import ctypes

        try:  # the kernel signals us the moment the parent dies; the thread is the fallback
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    wait = _windows_parent_waiter(parent_pid) if sys.platform == "win32" else None

    def watch() -> None:
        if wait is not None:
            wait()
        else:
            while os.getppid() == parent_pid:
                time.sleep(PARENT_POLL_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)  # the process's own clean stop, if it has one
        time.sleep(STOP_GRACE_SECONDS)
        os._exit(1)  # the clean stop hangs: leave anyway

    threading.Thread(target=watch, name="bireview-parent-watch", daemon=True).start()


def _windows_parent_waiter(parent_pid: int) -> Callable[[], None]:
    """Wait on a handle to the parent, opened now so its pid cannot be reused under us."""
    if sys.platform != "win32":
        raise OSError("Windows only")
    import ctypes
    from ctypes import wintypes

    synchronize, infinite = 0x00100000, 0xFFFFFFFF
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.WaitForSingleObject.argtypes = (wintypes.HANDLE, wintypes.DWORD)
    handle = kernel32.OpenProcess(synchronize, False, parent_pid)

    def wait() -> None:
        if handle:  # no handle: the parent is gone already
            kernel32.WaitForSingleObject(handle, infinite)

    return wait
