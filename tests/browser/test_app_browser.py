"""The review app in a real browser: `bireview app` on the seed, driven by Playwright in Debian's
Chromium. Skipped where there is no Chromium (CI installs it); the screenshot of the review
screen is kept under tests/artifacts/."""

from __future__ import annotations

import os
import re
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


def hundred_findings(folder: Path) -> Path:
    """A release with 100 findings: the seed's six paragraphs ten times (its three false
    friends and its wrong title each time: the same errors repeated through a long document),
    then sixty sentences whose English gives a count with its digits reversed."""
    folder.mkdir()

    def paragraphs(name: str) -> list[str]:
        text = (SEED / name).read_text(encoding="utf-8")
        return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]

    zh, en = paragraphs("source.zh.txt") * 10, paragraphs("release.en.txt") * 10
    counts = (n for n in range(123, 2000, 13) if str(n) != str(n)[::-1])
    for count in list(counts)[:60]:
        zh.append(f"共有{count}家企业参加了展会。")
        en.append(f"A total of {str(count)[::-1]} companies took part in the fair.")
    (folder / "source.zh.txt").write_text("\n\n".join(zh) + "\n", encoding="utf-8")
    (folder / "release.en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
    shutil.copy(SEED / "meta.yaml", folder / "meta.yaml")
    return folder


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    yield from _serve(shutil.copytree(SEED, tmp_path / "seed"))


@pytest.fixture
def start_url(tmp_path: Path) -> Iterator[str]:
    """``bireview app`` with nothing to open: the start page, its uploads kept under tmp_path."""
    yield from _serve(None, {"XDG_DATA_HOME": str(tmp_path / "data")})


@pytest.fixture
def hundred_url(tmp_path: Path) -> Iterator[str]:
    yield from _serve(hundred_findings(tmp_path / "release"))


def _serve(seed: Path | None, env: dict[str, str] | None = None) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "review_app.cli",
            "app",
            *([str(seed)] if seed else []),
            "--no-browser",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
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


def _chromium(playwright: object) -> object:
    """Debian's Chromium, headless, as the tests drive it."""
    return playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
    )


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
        browser = _chromium(playwright)
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
        _dismiss_selected(page, cards, 2)
        page.keyboard.press("u")
        sync_api.expect(cards.nth(2)).not_to_contain_text("dismissed", timeout=30_000)
        # The finding undone is the selected one: dismissed again, then O on it reopens it.
        sync_api.expect(cards.nth(2)).to_contain_text("\u25b6", timeout=30_000)
        _dismiss_selected(page, cards, 2)
        page.keyboard.press("k")
        sync_api.expect(cards.nth(3)).not_to_contain_text("\u25b6", timeout=30_000)
        sync_api.expect(cards.nth(2)).to_contain_text("\u25b6", timeout=30_000)
        _idle(page)
        page.keyboard.press("o")
        sync_api.expect(cards.nth(2)).not_to_contain_text("dismissed", timeout=30_000)
        browser.close()


def _dismiss_selected(page: object, cards: object, index: int) -> None:
    """D on the selected card (the ``index``-th), then Dismiss: the next one is selected."""
    from playwright.sync_api import expect

    _idle(page)
    page.keyboard.press("d")  # type: ignore[attr-defined]
    card = cards.nth(index)  # type: ignore[attr-defined]
    card.get_by_role("button", name="Dismiss finding").click(timeout=30_000)
    expect(card).to_contain_text("dismissed", timeout=30_000)
    expect(cards.nth(index + 1)).to_contain_text("\u25b6", timeout=30_000)  # type: ignore[attr-defined]
    _idle(page)
    page.mouse.click(5, 5)  # type: ignore[attr-defined]


def _metric(page: object, label: str) -> int:
    """The number a summary metric shows (Critical, Open …)."""
    metric = page.get_by_test_id("stMetric").filter(has_text=label).first  # type: ignore[attr-defined]
    return int(metric.get_by_test_id("stMetricValue").inner_text(timeout=30_000))


def _click_row(page: object, row: int) -> None:
    """Click the selection box of a row of the findings table (a canvas: rows 35 px high)."""
    table = page.get_by_test_id("stDataFrame")  # type: ignore[attr-defined]
    table.scroll_into_view_if_needed()
    grid = table.bounding_box()
    assert grid is not None
    page.mouse.click(grid["x"] + 16, grid["y"] + 35 + 35 * row + 17)  # type: ignore[attr-defined]


def test_a_hundred_findings_table_keyboard_and_all_identical(hundred_url: str) -> None:
    """A document with 100 findings (issue 17): the dense table and one card beside it; a row
    clicked selects its finding; J and K move the card on and back; one click accepts the same
    error everywhere, its count shown first; U takes back the last accept; A accepts."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = _chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(hundred_url)
        cards = page.locator("[class*='st-key-card-']")
        cards.first.wait_for(timeout=120_000)
        _idle(page)
        assert _metric(page, "Open") == 100
        sync_api.expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
        sync_api.expect(cards).to_have_count(1)  # one card at a time beside the table
        # A row clicked selects its finding: the third is 吉粤 written Kyrgyzstan-Guangdong.
        _click_row(page, 2)
        sync_api.expect(cards.first).to_contain_text("Kyrgyzstan-Guangdong", timeout=30_000)
        sync_api.expect(cards.first).to_contain_text("segment 8", timeout=30_000)
        _idle(page)
        _click_row(page, 0)
        sync_api.expect(cards.first).to_contain_text("segment 0", timeout=30_000)
        _idle(page)
        first = cards.first.get_attribute("class")
        page.mouse.click(5, 5)
        page.keyboard.press("j")
        page.wait_for_function(
            "(c) => { const e = document.querySelector(\"[class*='st-key-card-']\");"
            " return e && e.getAttribute('class') !== c; }",
            arg=first,
            timeout=30_000,
        )
        _idle(page)
        page.keyboard.press("k")
        back_to_first = (
            "(c) => document.querySelector(\"[class*='st-key-card-']\")"
            "?.getAttribute('class') === c"
        )
        page.wait_for_function(back_to_first, arg=first, timeout=30_000)
        _idle(page)
        # J, then a click on the row still ticked from before: its finding again.
        page.keyboard.press("j")
        page.wait_for_function(f"(c) => !({back_to_first})(c)", arg=first, timeout=30_000)
        _idle(page)
        _click_row(page, 0)
        page.wait_for_function(back_to_first, arg=first, timeout=30_000)
        _idle(page)
        # The first finding is 粤吉 written Guangdong-Kyrgyzstan: twice in each of the ten
        # copies of the seed.
        accept_all = cards.first.get_by_role("button", name="Accept all 20 identical")
        critical = _metric(page, "Critical")
        accept_all.click(timeout=30_000)
        sync_api.expect(page.get_by_test_id("stMetric").filter(has_text="Open")).to_contain_text(
            "80", timeout=60_000
        )
        assert _metric(page, "Critical") == critical - 20
        _idle(page)
        page.mouse.click(5, 5)
        page.keyboard.press("u")
        sync_api.expect(page.get_by_test_id("stMetric").filter(has_text="Open")).to_contain_text(
            "81", timeout=60_000
        )
        # A row clicked in the table selects its finding. The 20 accepted are fixed, no longer
        # findings, but the one put back: the first row is now Wang Weizhong's wrong title, in
        # pair 4. Then A accepts its suggestion.
        _idle(page)
        _click_row(page, 0)
        sync_api.expect(cards.first).to_contain_text("segment 4", timeout=30_000)
        sync_api.expect(cards.first).to_contain_text("entity.role", timeout=30_000)
        _idle(page)
        page.mouse.click(5, 5)
        page.keyboard.press("a")
        sync_api.expect(page.get_by_test_id("stMetric").filter(has_text="Open")).to_contain_text(
            "80", timeout=60_000
        )
        browser.close()


def test_merge_and_split_keep_the_document_tab_and_the_picker_shows_the_pair_as_it_is(
    app_url: str,
) -> None:
    """The Document tab in Chromium (issue 17): after Merge and after Split the tab stays
    open, and the pair picker shows the pair as it is now, not the text before."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = _chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(app_url)
        page.get_by_role("button", name="Accept suggestion").first.wait_for(timeout=90_000)
        _idle(page)
        page.get_by_role("tab", name="Document").click()
        picker = page.get_by_role("combobox", name="Pair")
        title = "加强战略对接 推动粤吉合作迈上新台阶"
        sync_api.expect(picker).to_have_value(f"0 · 0.95 · {title}", timeout=30_000)
        _idle(page)
        page.get_by_role("button", name="Merge with the next pair").click()
        # The title and the first paragraph are one pair now: the picker shows both.
        sync_api.expect(picker).to_have_value(
            re.compile(f"^0 · 1.00 · {title}11月9日上午"), timeout=30_000
        )
        sync_api.expect(page.get_by_role("button", name="Split this pair")).to_be_visible(
            timeout=30_000
        )
        _idle(page)
        assert page.get_by_role("tab", name="Document").get_attribute("aria-selected") == "true"
        page.get_by_role("button", name="Split this pair").click()
        sync_api.expect(page.get_by_role("button", name="Split this pair")).to_have_count(
            0, timeout=30_000
        )
        _idle(page)
        sync_api.expect(picker).to_have_value(f"0 · 1.00 · {title}", timeout=30_000)
        assert page.get_by_role("tab", name="Document").get_attribute("aria-selected") == "true"
        browser.close()


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="release.docx" source-language="zh-CN" target-language="en-US"
        date="2023-11-10T08:00:00Z" datatype="plaintext"><body>
    <trans-unit id="t1"><source>推动粤吉合作迈上新台阶</source>
      <target>Promote <g id="1">Guangdong-Kyrgyzstan</g> cooperation to a new level</target>
    </trans-unit>
    <trans-unit id="t2"><source>会议在长春举行。</source>
      <target>The meeting was held in Changchun.</target></trans-unit>
  </body></file>
</xliff>
"""


def test_an_xliff_uploaded_fixed_and_downloaded_back(start_url: str, tmp_path: Path) -> None:
    """As a translator does it (issue 17): upload the CAT tool's XLIFF, accept the fix, and
    download the file back: the same name, the fix inside its inline code, every other byte
    as it was."""
    sync_api = pytest.importorskip("playwright.sync_api")
    upload = tmp_path / "Job 7 (zh-en).xlf"
    upload.write_text(XLIFF, encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = _chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(start_url)
        opener = page.get_by_role("button", name="Open the bilingual file")
        opener.wait_for(timeout=90_000)
        _idle(page)
        uploader = page.get_by_test_id("stFileUploader").filter(has_text="Bilingual file")
        uploader.locator("input[type=file]").set_input_files(str(upload))
        sync_api.expect(opener).to_be_enabled(timeout=30_000)
        _idle(page)
        opener.click()
        page.get_by_role("button", name="Accept suggestion").first.click(timeout=90_000)
        sync_api.expect(page.get_by_role("button", name="Accept suggestion")).to_have_count(
            0, timeout=30_000
        )
        _idle(page)
        page.get_by_role("tab", name="Export").click()
        back = page.get_by_role("button", name="Back to the CAT tool (XLIFF: fixes and QA notes)")
        with page.expect_download(timeout=30_000) as download:
            back.click(timeout=30_000)
        assert download.value.suggested_filename == upload.name
        saved = tmp_path / "downloaded.xlf"
        download.value.save_as(saved)
        assert saved.read_text(encoding="utf-8") == XLIFF.replace("Kyrgyzstan", "Jilin")
        browser.close()
