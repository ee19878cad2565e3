"""Hostile and oversized inputs (issue 13): what each costs the command, in time and memory.

Every input is built at run time in a temporary folder from the WMT23 test set and the seed,
and each case runs ``bireview`` in a fresh process under GNU time (``/usr/bin/time``), which
gives its wall time and peak resident memory.

    python benchmarks/hostile_inputs.py            # the table of hostile inputs
    python benchmarks/hostile_inputs.py --curve    # also 1, 3, 10 and 30 MB of text, limits raised

The text files repeat WMT23's paragraphs, with the English in step: the same paragraphs
repeated give the aligner no rare word to anchor on, the worst case for its band.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "guangdong-jilin-2023-11-10"
WMT = ROOT / ".." / "shared" / "data" / "wmt23-zhen"
COMMAND = [sys.executable, "-m", "review_app.cli"]


def wmt_paragraphs() -> tuple[list[str], list[str]]:
    zh = (WMT / "generaltest2023.zh-en.src.zh").read_text(encoding="utf-8").split("\n")
    en = (WMT / "generaltest2023.zh-en.ref.refA.en").read_text(encoding="utf-8").split("\n")
    return zh, en


def text_pair(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """A Chinese file of about ``megabytes`` MB and its English, paragraph for paragraph."""
    zh, en = wmt_paragraphs()
    per_paragraph = sum(len(p.encode()) + 2 for p in zh) / len(zh)
    count = int(megabytes * 2**20 / per_paragraph)
    source, target = folder / f"big{megabytes:g}.zh.txt", folder / f"big{megabytes:g}.en.txt"
    source.write_text("\n\n".join(zh[i % len(zh)] for i in range(count)), encoding="utf-8")
    target.write_text("\n\n".join(en[i % len(en)] for i in range(count)), encoding="utf-8")
    return source, target


def docx_bomb(path: Path, unpacked_mb: int) -> Path:
    """A real .docx holding ``unpacked_mb`` MB of zeros: a few hundred kilobytes zipped."""
    import docx

    document = docx.Document()
    document.add_paragraph("广东省委书记黄坤明出席会议。")
    written = io.BytesIO()
    document.save(written)
    with zipfile.ZipFile(written, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document2.xml", bytes(unpacked_mb * 2**20))
    path.write_bytes(written.getvalue())
    return path


BILLION_LAUGHS = "".join(
    f"{chr(97 + level)}: &{chr(97 + level)} [{','.join(['*' + chr(96 + level)] * 9)}]\n"
    if level
    else 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(9)
)


def run(argv: list[str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak RSS in MB, exit code and the last line of stderr of one command."""
    timed = ["/usr/bin/time", "-f", "%e %M", *COMMAND, *argv]
    done = subprocess.run(timed, capture_output=True, text=True, check=False)
    lines = done.stderr.strip().splitlines()
    seconds, kilobytes = lines[-1].split()
    said = next(
        (line for line in reversed(lines[:-1]) if line.strip() and "Command exited" not in line),
        "",
    )
    code = done.returncode
    return float(seconds), int(kilobytes) // 1024, code, said


def cases(folder: Path) -> list[tuple[str, list[str]]]:
    seed = folder / "seed"
    shutil.copytree(SEED, seed)
    glossary = folder / "glossary"
    shutil.copytree(ROOT / "glossary" / "data", glossary)
    bombed_glossary = folder / "bombed-glossary"
    shutil.copytree(ROOT / "glossary" / "data", bombed_glossary)
    (bombed_glossary / "laughs.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    bombed_seed = folder / "bombed-seed"
    shutil.copytree(SEED, bombed_seed)
    (bombed_seed / "meta.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    bomb = docx_bomb(folder / "bomb.zh.docx", 190)
    (folder / "bomb.en.txt").write_text("Guangdong.\n", encoding="utf-8")
    batch_in = folder / "batch-in"
    batch_in.mkdir()
    shutil.copy(bomb, batch_in / "bomb.zh.docx")
    shutil.copy(folder / "bomb.en.txt", batch_in / "bomb.en.txt")
    big_zh, big_en = text_pair(folder, 30)
    ten_zh, ten_en = text_pair(folder, 10)
    zh, _en = wmt_paragraphs()
    line = folder / "line.zh.txt"
    unpunctuated = "".join(ch for ch in "".join(zh) if "\u4e00" <= ch <= "\u9fff")
    line.write_text(unpunctuated[: 2**20 // 3] + "\n", encoding="utf-8")  # 1 MB
    (folder / "line.en.txt").write_text("One line of English.\n", encoding="utf-8")
    shuffled = folder / "random.zh.txt"  # no dictionary word: jieba's HMM reads every character
    characters = sorted(set(unpunctuated))
    generator = random.Random(1)
    shuffled.write_text("".join(generator.choices(characters, k=2**20 // 3)) + "\n", "utf-8")
    utf16 = folder / "utf16.zh.txt"
    utf16.write_bytes((SEED / "source.zh.txt").read_text(encoding="utf-8").encode("utf-16-le"))
    return [
        ("-o onto meta.yaml", ["check", str(seed), "-o", str(seed / "meta.yaml")]),
        (
            "-o onto a glossary file",
            ["check", str(seed), "--glossary", str(glossary), "-o", str(glossary / "terms.yaml")],
        ),
        (
            f".docx of {bomb.stat().st_size // 1024} KB unpacking to 190 MB",
            ["check", str(bomb), str(folder / "bomb.en.txt")],
        ),
        (
            "the same .docx in a batch",
            ["batch", str(batch_in), "--out", str(folder / "qa"), "-j", "1"],
        ),
        ("two 30 MB text files", ["check", str(big_zh), str(big_en)]),
        (
            "two 10 MB text files, --max-file-mb 32 --time-limit 20",
            ["check", str(ten_zh), str(ten_en), "--max-file-mb", "32", "--time-limit", "20"],
        ),
        (
            "1 MB of Chinese on one line, no punctuation",
            ["check", str(line), str(folder / "line.en.txt"), "--fail-on", "never"],
        ),
        (
            "1 MB of random Chinese characters on one line",
            ["check", str(shuffled), str(folder / "line.en.txt"), "--fail-on", "never"],
        ),
        (
            "glossary YAML with nested aliases (billion laughs)",
            ["check", str(seed), "--glossary", str(bombed_glossary)],
        ),
        ("meta.yaml with nested aliases", ["check", str(bombed_seed)]),
        (
            "Chinese in UTF-16LE without a BOM",
            ["check", str(utf16), str(seed / "release.en.txt"), "--fail-on", "never"],
        ),
    ]


def curve(folder: Path) -> None:
    print("\n| text (each side) | seconds | peak RSS | seconds per MB |")
    print("| ---: | ---: | ---: | ---: |")
    for megabytes in (1, 3, 10, 30):
        zh, en = text_pair(folder, megabytes)
        argv = ["check", str(zh), str(en), "--fail-on", "never", "--format", "json"]
        argv += ["-o", str(folder / "curve.json"), "--max-file-mb", "64", "--time-limit", "0"]
        seconds, rss, code, said = run(argv)
        assert code == 0, said
        print(f"| {megabytes} MB | {seconds:.0f} | {rss:,} MB | {seconds / megabytes:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curve", action="store_true", help="also time 1, 3, 10 and 30 MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bireview-hostile-") as temporary:
        folder = Path(temporary)
        print("| input | exit | seconds | peak RSS | what the command says |")
        print("| --- | ---: | ---: | ---: | --- |")
        for name, argv in cases(folder):
            seconds, rss, code, said = run(argv)
            said = said.replace(temporary + "/", "").replace("|", "\\|")
            print(f"| {name} | {code} | {seconds:.1f} | {rss:,} MB | {said[:160]} |")
        if args.curve:
            curve(folder)


if __name__ == "__main__":
    main()
