"""The review app in a real browser: `bireview app` on the seed, driven by Playwright in Debian's
Chromium. Skipped where there is no Chromium (CI installs it); the screenshot of the review
screen is kept under tests/artifacts/."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium on this machine")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "review_app.cli",
            "app",
            str(seed),
            "--no-browser",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(
                        f"the app stopped: {process.stdout.read() if process.stdout else ''}"
                    )
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def test_review_the_seed_in_chromium(app_url: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(app_url)
        accept = page.get_by_role("button", name="Accept suggestion")
        accept.first.wait_for(timeout=90_000)
        body = page.locator("body")
        sync_api.expect(body).to_contain_text("Governor of Jilin Province", timeout=30_000)
        # Three Kyrgyzstan findings and the role finding (the page may still be drawing).
        sync_api.expect(accept).to_have_count(4, timeout=30_000)
        marked = page.locator("mark", has_text="Kyrgyzstan")
        assert marked.count() >= 3
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-seed.png"), full_page=True)
        accept.first.click()
        sync_api.expect(page.get_by_role("button", name="Accept suggestion")).to_have_count(
            3, timeout=60_000
        )
        page.screenshot(path=str(ARTIFACTS / "review-seed-accepted.png"), full_page=True)
        # The keyboard: J selects the next finding (the pointer moves to the second card).
        cards = page.locator("[class*='st-key-card-']")
        sync_api.expect(cards.first).to_contain_text("\u25b6", timeout=30_000)
        page.mouse.click(5, 5)  # focus the page, not a widget
        page.keyboard.press("j")
        sync_api.expect(cards.nth(1)).to_contain_text("\u25b6", timeout=30_000)
        sync_api.expect(cards.first).not_to_contain_text("\u25b6", timeout=30_000)
        browser.close()


def _idle(page: object) -> None:
    """Wait until the app has finished its run: a key pressed during one may be lost."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=60_000,
    )


def test_the_keyboard_scrolls_to_the_selection_and_undo_is_a_key(app_url: str) -> None:
    """At 1280×720 (issue 17): J brings the selected card into view; a decision selects the
    next open finding; U undoes it; the Document tab stays open after an action in it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(app_url)
        cards = page.locator("[class*='st-key-card-']")
        cards.first.wait_for(timeout=90_000)
        page.mouse.click(5, 5)
        for index in (1, 2, 3):
            _idle(page)
            page.keyboard.press("j")
            sync_api.expect(cards.nth(index)).to_contain_text("\u25b6", timeout=30_000)
            page.wait_for_function(
                "(i) => { const r = document.querySelectorAll(\"[class*='st-key-card-']\")[i]"
                ".getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }",
                arg=index,
                timeout=10_000,
            )
        # A dismissal selects the next open finding; U takes it back.
        _idle(page)
        page.keyboard.press("k")
        sync_api.expect(cards.nth(2)).to_contain_text("\u25b6", timeout=30_000)
        _idle(page)
        page.keyboard.press("d")
        cards.nth(2).get_by_role("button", name="Dismiss finding").click(timeout=30_000)
        sync_api.expect(cards.nth(2)).to_contain_text("dismissed", timeout=30_000)
        sync_api.expect(cards.nth(3)).to_contain_text("\u25b6", timeout=30_000)
        _idle(page)
        page.mouse.click(5, 5)
        page.keyboard.press("u")
        sync_api.expect(cards.nth(2)).not_to_contain_text("dismissed", timeout=30_000)
        browser.close()
