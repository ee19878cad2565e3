"""How fast the review app is on a 200-paragraph release, and that it does not re-run the pipeline.

The release is built at run time in a temporary folder (nothing from ../shared is kept):
- the seed release's 6 paragraphs (seeds/guangdong-jilin-2023-11-10: 4 critical errors, dated
  2023-11-10 by its meta.yaml), then
- WMT23 zh→en line pairs (Chinese source, human reference A) as further paragraphs, taking, in
  file order, the lines whose Chinese names a glossary entity (entity-dense, as a government
  release is, so the checks have work on most paragraphs), until there are 200 paragraphs;
- and a few seed-style errors injected in the WMT23 English: in the first lines whose reference
  names a province-level place the glossary knows a false friend for (Macao → Australia,
  Shanxi → Shaanxi …), the name is replaced by the false friend (WMT23 has no 吉林, so no
  Jilin → Kyrgyzstan there; the seed part has those).

The app is driven as the tests drive it, with Streamlit's AppTest (no browser, no server: the
times are the script runs on the server, without the network and the browser's drawing), on a
fresh copy of the folder each repeat (so no saved review is resumed). Measured, per repeat:
  open        the first script run: open the review (align + checks) and draw the first screen,
              with the parts of it spent in align_pair and in review_segments (the checks)
  first screen  the next script run, the review already open (what every rerun of an unchanged
              screen costs)
  new tab     a new browser session (another tab, or a reload) on the review already open
  next ▶      clicking "Next ▶" (all findings listed, the default)
  next ▶ (1)  clicking "Next ▶" with "One finding at a time" on
  accept      clicking "Accept suggestion" on a false friend (the segments are checked again)
The first repeat in the process (the release is built in a child process, so this one starts
cold) also pays importing the app's modules and loading the glossary, jieba's dictionaries and
the CC-CEDICT index; it is shown apart, and the medians are of the later repeats. align_pair and
review_segments are wrapped in counters: moving between findings must call neither.

With --browser, the same release is also opened the way a translator opens it: ``bireview app
FOLDER --no-browser`` in a new server process each repeat, in headless Chromium (Playwright, as
tests/browser), timed until the DOM shows it: a new server's start page and its reload (the
baseline: what loading Streamlit's page and scripts and drawing a small page costs); opening
the review, until the first finding's "Accept suggestion" shows and until the script has
finished; the same after a reload (a new browser session on the review already open: the first
screen after the checks ran); the seed in a new server, from starting ``bireview app SEED`` until
its first finding shows (a cold server); "Next ▶" until the pointer is on the next card; and "Accept
suggestion" until the card is gone.

    .venv/bin/python benchmarks/app_speed.py [--data ../shared/data/wmt23-zhen] [--repeats 5]
        [--paragraphs 200] [--errors 5] [--browser] [--profile]
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import functools
import io
import json
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt23-zhen"

APP = ROOT / "review_app" / "app" / "streamlit_app.py"
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
TIMEOUT = 300
PIPELINE = ("align_pair", "review_segments")


# -- the release -------------------------------------------------------------------------------


@dataclass
class Release:
    folder: Path
    paragraphs: int
    wmt_lines: int
    injected: list[tuple[str, str]]  # (place, false friend) or (figure, changed figure)
    zh_chars: int
    en_words: int


def build_release(
    data: Path, folder: Path, paragraphs: int, errors: int, figures: int = 0
) -> Release:
    """The seed's paragraphs, then WMT23 pairs naming an entity, with false friends and
    changed figures injected."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from false_alarms import load_pairs

    from glossary.load import load_glossary
    from glossary.match import matcher_for

    glossary = load_glossary()
    matcher = matcher_for(glossary)
    zh_seed = _paragraphs((SEED / "source.zh.txt").read_text(encoding="utf-8"))
    en_seed = _paragraphs((SEED / "release.en.txt").read_text(encoding="utf-8"))
    assert len(zh_seed) == len(en_seed), "the seed's paragraphs pair one to one"
    zh_out, en_out = list(zh_seed), list(en_seed)
    injected: list[tuple[str, str]] = []
    wmt = changed = 0
    for zh, en in load_pairs(data):
        if len(zh_out) >= paragraphs:
            break
        if not matcher.find_zh(zh):
            continue
        if len(injected) < errors:
            en, swap = _inject_false_friend(glossary, matcher, zh, en)
            if swap:
                injected.append(swap)
        if changed < figures:
            en, change = _change_figure(zh, en)
            if change:
                changed += 1
                injected.append(change)
        zh_out.append(zh)
        en_out.append(en)
        wmt += 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.zh.txt").write_text("\n\n".join(zh_out) + "\n", encoding="utf-8")
    (folder / "release.en.txt").write_text("\n\n".join(en_out) + "\n", encoding="utf-8")
    shutil.copy(SEED / "meta.yaml", folder / "meta.yaml")
    return Release(
        folder=folder,
        paragraphs=len(zh_out),
        wmt_lines=wmt,
        injected=injected,
        zh_chars=sum(len(p) for p in zh_out),
        en_words=sum(len(p.split()) for p in en_out),
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def _inject_false_friend(
    glossary: Any, matcher: Any, zh: str, en: str
) -> tuple[str, tuple[str, str] | None]:
    source_ids = {entity for match in matcher.find_zh(zh) for entity in match.candidates}
    for match in matcher.find_en(en):
        place = glossary.places.get(match.entity)
        if place is None or not place.domestic or match.entity not in source_ids:
            continue
        friends = glossary.mistaken_for(match.entity)
        if not friends:
            continue
        wrong = glossary.entity_name(sorted(friends)[0])
        return en[: match.start] + wrong + en[match.end :], (match.text, wrong)
    return en, None


_FIGURE = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,])")


def _change_figure(zh: str, en: str) -> tuple[str, tuple[str, str] | None]:
    """The last digit of the first figure of two or more digits that both sides write the same
    way, one more (9 becomes 0): a changed figure, as a hurried post-edit leaves one."""
    for match in _FIGURE.finditer(en):
        figure = match.group()
        if not re.search(rf"(?<!\d){figure}(?!\d)", zh):
            continue
        wrong = figure[:-1] + str((int(figure[-1]) + 1) % 10)
        return en[: match.start()] + wrong + en[match.end() :], (figure, wrong)
    return en, None


# -- counting the pipeline's calls -------------------------------------------------------------


@dataclass
class Calls:
    count: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PIPELINE, 0))
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PIPELINE, 0.0))

    def snapshot(self) -> tuple[dict[str, int], dict[str, float]]:
        return dict(self.count), dict(self.seconds)


@contextmanager
def counting() -> Iterator[Calls]:
    """Wrap align_pair and review_segments wherever they were imported by name."""
    import review_app.pipeline
    import review_app.review_store

    calls = Calls()
    modules = (review_app.pipeline, review_app.review_store)
    saved: list[tuple[Any, str, Any]] = []
    for name in PIPELINE:
        original = getattr(review_app.pipeline, name)
        wrapper = _counted(name, original, calls)
        for module in modules:
            if getattr(module, name, None) is original:
                saved.append((module, name, original))
                setattr(module, name, wrapper)
    try:
        yield calls
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _counted(name: str, function: Callable[..., Any], calls: Calls) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            calls.count[name] += 1
            calls.seconds[name] += time.perf_counter() - started

    return wrapper


# -- driving the app in-process (AppTest) -------------------------------------------------------

_PROFILE: list[cProfile.Profile] = []  # when set, the script thread runs under this profile


@contextmanager
def profiled_script_thread() -> Iterator[None]:
    """AppTest runs the page script in a thread of its own: profile it there."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run(self: Any) -> None:
        if not _PROFILE:
            return original(self)
        _PROFILE[0].enable()
        try:
            return original(self)
        finally:
            _PROFILE[0].disable()

    LocalScriptRunner._run_script_thread = run  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]


def timed_run(app: Any, action: Callable[[], Any] | None = None) -> float:
    started = time.perf_counter()
    (action() if action else app).run(timeout=TIMEOUT)
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError([e.value for e in app.exception])
    return elapsed


def one_repeat(
    template: Path, work: Path, calls: Calls, profile: cProfile.Profile | None = None
) -> dict[str, Any]:
    """Open a fresh copy of the release in the app and time the runs."""
    from streamlit.testing.v1 import AppTest

    from review_app.app import inputs, state

    folder = work / f"release-{time.monotonic_ns()}"
    shutil.copytree(template, folder)
    inputs.forget_open_reviews()  # as a new server process: nothing open yet
    sys.argv = [str(APP), str(folder)]
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    times: dict[str, Any] = {}

    before, seconds_before = calls.snapshot()
    times["open"] = timed_run(app)
    after, seconds_after = calls.snapshot()
    times["  of which align_pair"] = seconds_after["align_pair"] - seconds_before["align_pair"]
    times["  of which review_segments"] = (
        seconds_after["review_segments"] - seconds_before["review_segments"]
    )
    times["open calls"] = _delta(before, after)
    session = app.session_state[state.SESSION]
    times["segments"] = len(session.segments)
    times["findings"] = len(session.findings)
    by_check = collections.Counter(f.check for f in session.findings)
    times["by check"] = ", ".join(f"{check} {n}" for check, n in sorted(by_check.items()))

    before, _ = calls.snapshot()
    if profile is not None:
        _PROFILE.append(profile)
    try:
        times["first screen"] = timed_run(app)
    finally:
        _PROFILE.clear()
    html = [str(getattr(element, "value", "")) for element in app.get("html")]
    times["html KB"] = sum(len(value.encode("utf-8")) for value in html) / 1024
    # Another tab (or a reload): a new browser session on the review already open.
    other = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    times["new tab"] = timed_run(other)
    if other.session_state[state.SESSION] is not session:
        raise RuntimeError("a new tab did not share the open review")
    ids = [f.id for f in session.findings]
    selected_before = app.session_state[state.SELECTED]
    times["next ▶"] = timed_run(app, app.button(key="nav-next").click)
    moved = (selected_before, app.session_state[state.SELECTED])
    app.toggle(key=state.ONE_AT_A_TIME).set_value(True).run(timeout=TIMEOUT)
    times["next ▶ (1)"] = timed_run(app, app.button(key="nav-next").click)
    times["navigation calls"] = _delta(before, calls.snapshot()[0])
    times["moved"] = moved[1] != moved[0] and moved[1] in ids
    app.toggle(key=state.ONE_AT_A_TIME).set_value(False).run(timeout=TIMEOUT)

    target = next(
        f
        for f in session.findings
        if f.check == "entity.false_friend" and f.suggestion and f.target_span
    )
    before, seconds_before = calls.snapshot()
    times["accept"] = timed_run(app, app.button(key=f"accept-{target.id}").click)
    after, seconds_after = calls.snapshot()
    times["  of which review_segments (accept)"] = (
        seconds_after["review_segments"] - seconds_before["review_segments"]
    )
    times["accept calls"] = _delta(before, after)
    times["accepted"] = session.status(target.id) == "accepted" or target.id not in {
        f.id for f in session.findings
    }
    inputs.forget_open_reviews()
    return times


def _delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in PIPELINE}


# -- in a real browser (optional) ---------------------------------------------------------------

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CARDS_JS = """() => [...document.querySelectorAll('[class*="st-key-card-"]')]
  .map(e => [...e.classList].find(c => c.startsWith('st-key-card-')))"""
# The selection has moved off the card ``cls``: another card shows the pointer (with every
# finding listed, the next card; one at a time, the only card, a new one).
POINTER_MOVED_JS = """(cls) => { const e = [...document.querySelectorAll('[class*="st-key-card-"]')]
  .find(e => e.textContent.includes('\u25b6')); return !!e && !e.classList.contains(cls); }"""
FIRST_ACCEPT_CARD_JS = """() => { const b = [...document.querySelectorAll('button')]
  .find(b => b.textContent.trim().startsWith('Accept suggestion'));
  const card = b && b.closest('[class*="st-key-card-"]');
  return card && [...card.classList].find(c => c.startsWith('st-key-card-')); }"""
GONE_JS = """(cls) => ![...document.querySelectorAll('[class*="st-key-card-"]')]
  .some(e => e.classList.contains(cls))"""
WAIT_MS = 90_000


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@contextmanager
def serving(work: Path, *paths: Path) -> Iterator[tuple[str, float]]:
    """``bireview app PATHS --no-browser`` in a new process: its URL and how long it took to
    answer; stopped (this process only) on the way out."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    started = time.perf_counter()
    command = [sys.executable, "-m", "review_app.cli", "app", *map(str, paths)]
    server = subprocess.Popen(
        [*command, "--no-browser", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "XDG_DATA_HOME": str(work / "data")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the Streamlit server it starts too
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 120:
                    raise RuntimeError("the app server did not start") from None
                time.sleep(0.05)
        yield url, time.perf_counter() - started
    finally:
        _stop(server)


def _stop(server: Any) -> None:
    """Stop ``bireview app`` and the Streamlit server it started.

    Ctrl+C is what ``bireview app`` expects (it then stops its Streamlit child); a SIGTERM
    would end it alone and leave the Streamlit server running. Whatever is left of the process
    group started for it is killed after that.
    """
    import signal
    import subprocess

    server.send_signal(signal.SIGINT)
    with suppress(subprocess.TimeoutExpired):
        server.wait(timeout=20)
    with suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def browser_repeat(template: Path, work: Path, browser: Any) -> dict[str, float]:
    """``bireview app FOLDER`` in a new server process, opened in Chromium, timed to the DOM."""
    times: dict[str, float] = {}
    pages: list[Any] = []
    try:
        _browser_steps(template, work, browser, times, pages)
    except Exception:
        if pages and not pages[-1].is_closed():
            text = pages[-1].locator("body").inner_text(timeout=5_000)
            print(f"the page, when a step failed after {times}:\n{text[:1500]}", file=sys.stderr)
        raise
    return times


def _browser_steps(
    template: Path, work: Path, browser: Any, times: dict[str, float], pages: list[Any]
) -> None:
    # The baseline: a new server's start page (the browser loads Streamlit, nothing is opened).
    with serving(work) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        pages.append(page)
        mark = time.perf_counter()
        page.goto(url)
        page.get_by_role("button", name="Open the seed release").wait_for(timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        times["b: start page, new server (baseline)"] = time.perf_counter() - mark
        mark = time.perf_counter()
        page.reload()
        page.get_by_role("button", name="Open the seed release").wait_for(timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        times["b: start page, reload (baseline)"] = time.perf_counter() - mark
        page.close()

    # The seed from a cold server: ``bireview app SEED`` started, until its first finding shows
    # (the server's start, Streamlit's page, aligning and checking the seed, the first screen).
    seed = work / f"seed-{time.monotonic_ns()}"
    shutil.copytree(SEED, seed)
    mark = time.perf_counter()
    with serving(work, seed) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        pages.append(page)
        page.goto(url)
        page.get_by_role("button", name="Accept suggestion").first.wait_for(timeout=WAIT_MS)
        times["b: seed, cold server until its first finding"] = time.perf_counter() - mark
        page.close()

    folder = work / f"browser-{time.monotonic_ns()}"
    shutil.copytree(template, folder)
    with serving(work, folder) as (url, up):
        times["server up"] = up
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        pages.append(page)
        accept = page.get_by_role("button", name="Accept suggestion")

        mark = time.perf_counter()
        page.goto(url)
        accept.first.wait_for(timeout=WAIT_MS)
        times["b: open + first finding shown"] = time.perf_counter() - mark
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        times["b: open + page complete"] = time.perf_counter() - mark

        mark = time.perf_counter()  # a new browser session: the review is open in the server
        page.reload()
        accept.first.wait_for(timeout=WAIT_MS)
        times["b: first finding shown (review open)"] = time.perf_counter() - mark
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        times["b: page complete (review open)"] = time.perf_counter() - mark

        cards = page.evaluate(CARDS_JS)
        mark = time.perf_counter()
        page.get_by_role("button", name="Next ▶").first.click()
        page.wait_for_function(POINTER_MOVED_JS, arg=cards[0], timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        times["b: next ▶"] = time.perf_counter() - mark

        card = page.evaluate(FIRST_ACCEPT_CARD_JS)
        button = page.locator(f'[class~="{card}"]').get_by_role("button", name="Accept suggestion")
        mark = time.perf_counter()
        button.first.click()
        page.wait_for_function(GONE_JS, arg=card, timeout=WAIT_MS)  # resolved: no longer listed
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        times["b: accept"] = time.perf_counter() - mark
        page.close()


def browser_runs(template: Path, work: Path, repeats: int) -> list[dict[str, float]] | None:
    chromium = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print("no Chromium or no Playwright here: the browser times are skipped")
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return [browser_repeat(template, work, browser) for _ in range(repeats)]
        finally:
            browser.close()


# -- main --------------------------------------------------------------------------------------


def _build_in_child(args: argparse.Namespace, folder: Path) -> Release:
    import subprocess

    command = [sys.executable, __file__, "--build-into", str(folder), "--data", str(args.data)]
    command += ["--paragraphs", str(args.paragraphs), "--errors", str(args.errors)]
    command += ["--figures", str(args.figures)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    made = json.loads(done.stdout.strip().splitlines()[-1])
    made["folder"] = Path(made["folder"])
    made["injected"] = [tuple(pair) for pair in made["injected"]]
    return Release(**made)


TIMED = (
    "open",
    "  of which align_pair",
    "  of which review_segments",
    "first screen",
    "new tab",
    "next ▶",
    "next ▶ (1)",
    "accept",
    "  of which review_segments (accept)",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--paragraphs", type=int, default=200)
    parser.add_argument("--errors", type=int, default=5, help="false friends to inject")
    parser.add_argument(
        "--figures", type=int, default=0, help="figures to change (one a WMT23 pair at most)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats after a warm-up")
    parser.add_argument(
        "--profile", action="store_true", help="profile the first-screen runs (cProfile)"
    )
    parser.add_argument(
        "--browser",
        action="store_true",
        help="also time `bireview app` in headless Chromium (Playwright), a new server a repeat",
    )
    parser.add_argument("--build-into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"{args.data}: no WMT23 data (see ../shared/data/README.md)")
    if args.build_into:  # in a child process, so this one starts cold
        made = build_release(args.data, args.build_into, args.paragraphs, args.errors, args.figures)
        print(json.dumps({**asdict(made), "folder": str(made.folder)}))
        return 0

    with tempfile.TemporaryDirectory(prefix="bireview-app-speed-") as tmp:
        work = Path(tmp)
        os.environ["XDG_DATA_HOME"] = str(work / "data")  # nothing lands in the user's home
        release = _build_in_child(args, work / "template")
        print(
            f"release: {release.paragraphs} paragraphs (6 from the seed, {release.wmt_lines} "
            f"WMT23 pairs), {release.zh_chars:,} Chinese characters, {release.en_words:,} "
            f"English words; injected: "
            + ", ".join(f"{place} → {wrong}" for place, wrong in release.injected)
        )
        profile = cProfile.Profile() if args.profile else None
        argv_before = sys.argv
        try:
            with counting() as calls, profiled_script_thread():
                cold = one_repeat(release.folder, work, calls)
                runs = [
                    one_repeat(release.folder, work, calls, profile) for _ in range(args.repeats)
                ]
        finally:
            sys.argv = argv_before
        browser = browser_runs(release.folder, work, args.repeats) if args.browser else None

    print(
        f"{cold['segments']} aligned segments, {cold['findings']} findings "
        f"({cold['by check']}); "
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}\n"
    )
    print(f"| step | cold (1st in process) | median of {args.repeats} | min | max |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in TIMED:
        values = [run[name] for run in runs]
        print(
            f"| {name} | {cold[name]:.2f} s | {statistics.median(values):.2f} s "
            f"| {min(values):.2f} s | {max(values):.2f} s |"
        )
    html_kb = statistics.median(run["html KB"] for run in runs)
    print(f"\nHTML sent by the first screen (st.html elements): {html_kb:.0f} KB")
    if browser:
        print(f"\nIn headless Chromium, `bireview app FOLDER`, a new server each ({len(browser)}):")
        print("| step | median | min | max |")
        print("| --- | ---: | ---: | ---: |")
        for name in browser[0]:
            values = [run[name] for run in browser]
            print(
                f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f} s "
                f"| {max(values):.2f} s |"
            )
    print()
    for label, key in (
        ("opening", "open calls"),
        ("navigation", "navigation calls"),
        ("accepting", "accept calls"),
    ):
        counts = [run[key] for run in [cold, *runs]]
        same = all(c == counts[0] for c in counts)
        shown = ", ".join(f"{name} ×{n}" for name, n in counts[0].items())
        print(f"pipeline calls while {label}: {shown}{'' if same else f' (varied: {counts})'}")
    navigation_ok = all(sum(run["navigation calls"].values()) == 0 for run in [cold, *runs])
    print(
        "navigation re-ran the pipeline: "
        + ("no" if navigation_ok else "YES")
        + f"; the selection moved: {all(run['moved'] for run in [cold, *runs])}"
        + f"; the suggestion was accepted: {all(run['accepted'] for run in [cold, *runs])}"
    )
    if profile is not None:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
        print(f"\ncProfile of {args.repeats} first-screen runs:\n{out.getvalue()}")
    print("reproduce: .venv/bin/python benchmarks/app_speed.py " + " ".join(argv or sys.argv[1:]))
    return 0 if navigation_ok else 1


if __name__ == "__main__":
    sys.exit(main())
