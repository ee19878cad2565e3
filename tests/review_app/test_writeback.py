"""--write-notes: each finding goes into its unit as a note a CAT tool shows, and every other
byte of the XLIFF stays as it was (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from review_app.cli import main as cli_main

ZH = "粤吉合作"
EN_WRONG = "Guangdong-Kyrgyzstan cooperation"

# Trados-style: single quotes, a namespace prefix, an entity and a seg-defs after the target,
# which a serialiser would rewrite.
SDLXLIFF = f"""<?xml version='1.0' encoding='utf-8'?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"
 xmlns="urn:oasis:names:tc:xliff:document:1.2" version='1.2'>
<file original='release.docx' source-language='zh-CN' target-language='en-US'
 datatype='x-sdlfilterframework2'><body>
  <trans-unit id='a&amp;1'>
    <source>{ZH}</source>
    <seg-source><mrk mtype="seg" mid="1">{ZH}</mrk></seg-source>
    <target><mrk mtype="seg" mid="1">{EN_WRONG}</mrk></target>
    <sdl:seg-defs><sdl:seg id="1" conf="Translated"/></sdl:seg-defs>
  </trans-unit>
  <trans-unit id='b2'><source>会议在长春举行。</source>
  <target>The meeting was held in Changchun.</target></trans-unit>
</body></file></xliff>
"""

XLIFF2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
 <file id="f1">
  <unit id="u1"><segment><source>{ZH}</source><target>{EN_WRONG}</target></segment></unit>
 </file>
</xliff>
"""


def run(tmp_path: Path, name: str, content: bytes) -> tuple[bytes, bytes]:
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / f"noted-{name}"
    assert (
        cli_main(["check", str(source), "--write-notes", str(out), "-o", str(tmp_path / "r.txt")])
        == 1
    )
    return content, out.read_bytes()


def without_notes(data: bytes) -> bytes:
    text = data.decode("utf-8")
    text = re.sub(r'<note from="bireview"[^>]*>.*?</note>', "", text)
    text = re.sub(r'<notes><note category="bireview"[^>]*>.*?</note></notes>', "", text)
    return text.encode("utf-8")


def test_notes_go_into_their_unit_and_nothing_else_changes(tmp_path: Path) -> None:
    before, after = run(tmp_path, "release.docx.sdlxliff", SDLXLIFF.encode("utf-8"))
    assert without_notes(after) == before
    root = etree.fromstring(after)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    (unit,) = root.xpath("//x:trans-unit[x:note]", namespaces=ns)
    assert unit.get("id") == "a&1"
    (note,) = unit.findall("x:note", ns)
    assert note.get("from") == "bireview" and note.get("priority") == "1"
    assert note.text.startswith("[critical] entity.false_friend:")
    # Right after the target, before the tool's own element (the schema's order).
    assert note.getprevious().tag.endswith("target")
    assert note.getnext().tag.endswith("seg-defs")


def test_xliff_2_notes_open_the_unit(tmp_path: Path) -> None:
    before, after = run(tmp_path, "release.xlf", XLIFF2.encode("utf-8"))
    assert without_notes(after) == before
    root = etree.fromstring(after)
    unit = root.find(".//{urn:oasis:names:tc:xliff:document:2.0}unit")
    assert etree.QName(unit[0]).localname == "notes"


def test_a_utf16_file_stays_utf16_with_its_mark(tmp_path: Path) -> None:
    content = SDLXLIFF.replace("encoding='utf-8'", "encoding='utf-16'").encode("utf-16")
    before, after = run(tmp_path, "release.sdlxliff", content)
    assert after.startswith(before[:2])  # the byte-order mark
    assert "entity.false_friend" in after.decode("utf-16")


def test_write_notes_needs_an_xliff_and_never_writes_over_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"{ZH}\t{EN_WRONG}\n", encoding="utf-8")
    assert cli_main(["check", str(tsv), "--write-notes", str(tmp_path / "out.xlf")]) == 2
    assert "--write-notes needs an XLIFF file" in capsys.readouterr().err
    xlf = tmp_path / "release.xlf"
    xlf.write_text(XLIFF2, encoding="utf-8")
    assert cli_main(["check", str(xlf), "--write-notes", str(xlf)]) == 2
    assert xlf.read_text(encoding="utf-8") == XLIFF2
