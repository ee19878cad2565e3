"""The ``bireview`` command line: a thin layer over :mod:`review_app.pipeline`.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 bad input or usage.
Heavy libraries are imported inside the commands, so ``bireview --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from review_app import __version__
from review_app.errors import InputError, LocatedError, ReviewError, UsageError
from review_app.findings import SEVERITIES
from review_app.inputs import SEED_META, SEED_SOURCE, SEED_TARGET
from review_app.limits import add_limit_options, limits_from_args
from review_app.models import (
    ENCODER_ENV,
    MT_MODEL_ENV,
    add_model_options,
    cmd_models,
    load_encoder_option,
    load_translator_option,
    progress_bar,
)
from review_app.overwrite import read_by_review

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Callable

    from alignment.score import SentenceEncoder
    from glossary.model import Glossary
    from review_app.findings import Severity
    from review_app.limits import Limits


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bireview",
        description="Review an English translation of a Chinese text for entity errors.",
    )
    parser.add_argument("--version", action="version", version=f"bireview {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="review one document pair (or a seed folder, or a bilingual file)",
        description="Review TARGET (English) as a translation of SOURCE (Chinese): plain text, "
        "Markdown, HTML or .docx. With one argument, a folder holding "
        f"{SEED_SOURCE}, {SEED_TARGET} and optionally {SEED_META}, or one bilingual file "
        "(XLIFF, TMX, TSV, CSV) whose units are reviewed as they are paired.",
    )
    check.add_argument(
        "inputs",
        nargs="+",
        metavar="SOURCE [TARGET]",
        help="Chinese source and English translation, a seed folder, or a bilingual file",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "html", "csv"),
        default="text",
        help="report format (default: text); csv: one row a finding, UTF-8 with BOM for "
        "spreadsheets",
    )
    check.add_argument(
        "-o", "--output", metavar="FILE", help="write the report here (default: stdout)"
    )
    check.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="document date, for officials' roles (default: from meta.yaml)",
    )
    check.add_argument(
        "--line-aligned",
        action="store_true",
        help="the files are one segment a line, line by line: keep that pairing",
    )
    add_review_options(check)
    check.add_argument(
        "--write-notes",
        metavar="OUT.xlf",
        help="for an XLIFF (SDLXLIFF, MQXLIFF …): write a copy with each finding as a note in "
        "its unit, for the CAT tool to show; everything else stays byte for byte",
    )
    check.add_argument(
        "--reference",
        metavar="FILE",
        help="another English version (a machine draft, an earlier release): add BLEU, chrF and "
        "TER against it, per segment and for the document (see 'bireview score')",
    )
    check.set_defaults(handler=cmd_check)

    score = commands.add_parser(
        "score",
        help="BLEU, chrF and TER of one English text against another (sacrebleu)",
        description="Score RELEASE (sacrebleu's hypothesis) against REFERENCE, two English "
        "versions of a text (.txt, .md, .html, .docx, or the translations of a bilingual file): "
        "sacrebleu's BLEU, chrF2 and TER for the document and per segment, with their "
        "signatures, and the segments that changed most (highest TER). Segments: line by line "
        "when both files are one segment a line with as many lines; otherwise sentences aligned "
        "in order; with --source, through the Chinese. "
        "For the post-editing effort (HTER), give the machine draft as RELEASE and the "
        "post-edited text as REFERENCE.",
    )
    score.add_argument("release", metavar="RELEASE", help="the English text scored")
    score.add_argument("reference", metavar="REFERENCE", help="the English it is scored against")
    score.add_argument(
        "--source",
        metavar="ZH",
        help="the Chinese source: align both texts to it and pair them through its sentences",
    )
    score.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text: document scores and the most changed segments; json: every segment too; "
        "csv: one row a segment (default: text)",
    )
    score.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    score.add_argument(
        "--top",
        type=int,
        default=10,
        metavar="N",
        help="segments listed in the text output, highest TER first (default: 10)",
    )
    score.add_argument(
        "--glossary", metavar="DIR", help="glossary folder for the aligner (with --source)"
    )
    score.set_defaults(handler=cmd_score)

    models = commands.add_parser(
        "models",
        help="list the optional local models and whether they load",
        description="Show which optional models are configured (--mt-model or "
        f"${MT_MODEL_ENV}, --encoder or ${ENCODER_ENV}) and load each one. Nothing is "
        "downloaded. Exit 0 when every configured model loads, 1 when one does not.",
    )
    add_model_options(models)
    models.set_defaults(handler=cmd_models)

    align = commands.add_parser(
        "align",
        help="split and align a document pair, and print the pairs",
        description="Align SOURCE (Chinese) and TARGET (English) sentence by sentence.",
    )
    align.add_argument("source", metavar="SOURCE", nargs="?")
    align.add_argument("target", metavar="TARGET", nargs="?")
    align.add_argument(
        "--pairs",
        metavar="LIST|FOLDER",
        help="align many pairs in one run: a folder of NAME.zh[.EXT] / NAME.en[.EXT] files, or "
        "a list file of SOURCE<tab>TARGET lines; each alignment goes to --out-dir",
    )
    align.add_argument("--out-dir", metavar="DIR", help="with --pairs: where the alignments go")
    align.add_argument(
        "--format",
        choices=("text", "tsv", "tmx", "vecalign"),
        default="text",
        help="vecalign: one bead a line, [src indices]:[tgt indices], 0-based",
    )
    align.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    align.add_argument(
        "--sentences-per-line",
        action="store_true",
        help="the inputs are already split, one sentence a line (as in MAC-Dev)",
    )
    align.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    align.add_argument(
        "--encoder",
        metavar="PATH",
        help="a local sentence-embedding model folder (e.g. LaBSE) to mix into the scores",
    )
    add_limit_options(align)
    align.set_defaults(handler=cmd_align)

    app = commands.add_parser(
        "app",
        help="open the review app in the browser (local only)",
        description="Start the review app on 127.0.0.1 and open it in the browser. PATH: a seed "
        "folder, or SOURCE TARGET, to open directly.",
    )
    app.add_argument("paths", nargs="*", metavar="PATH", help="a seed folder, or SOURCE TARGET")
    app.add_argument(
        "--store-dir",
        metavar="DIR",
        help="keep reviews here (default: beside each English document)",
    )
    app.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    add_model_options(app)
    app.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    app.add_argument("--no-browser", action="store_true", help="do not open a browser")
    app.set_defaults(handler=cmd_app)

    from review_app import batch  # its module level imports only the standard library

    batch.add_parser(commands)

    from glossary import cli as glossary_cli  # likewise

    glossary_cli.add_parser(commands)

    checks = commands.add_parser("checks", help="list the checks with their MQM category")
    checks.set_defaults(handler=cmd_checks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except (ReviewError, LocatedError) as error:  # LocatedError: glossary files
        _error(str(error))
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Exception as error:
        if args.debug:
            raise
        _error(f"internal error: {type(error).__name__}: {error} (run with --debug for details)")
        return 2


def add_review_options(
    parser: argparse.ArgumentParser, *, file_mb_aliases: tuple[str, ...] = ()
) -> None:
    """The options ``check`` and ``batch`` share: the glossary, the checks run, the severity
    that fails the run, the optional local models, and the limits (review_app.limits)."""
    parser.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    parser.add_argument(
        "--fail-on",
        choices=(*SEVERITIES, "never"),
        default="minor",
        help="exit 1 when a finding reaches this severity (default: minor)",
    )
    parser.add_argument("--checks", metavar="ID,ID", help="run only these checks")
    parser.add_argument(
        "--source-column",
        metavar="N|NAME",
        help="in a table (TSV, CSV, XLSX), the Chinese column: its number (from 1) or its header",
    )
    parser.add_argument(
        "--target-column",
        metavar="N|NAME",
        help="in a table (TSV, CSV, XLSX), the English column: its number (from 1) or its header",
    )
    parser.add_argument(
        "--states",
        metavar="STATE,STATE",
        help="in a bilingual file, review only the units with these CAT statuses (XLIFF state, "
        "Trados or memoQ status, PO fuzzy; 'none' for units without one), e.g. Draft,Translated",
    )
    add_model_options(parser)
    add_limit_options(parser, aliases=file_mb_aliases)


def _error(message: str) -> None:
    print(f"bireview: error: {' '.join(message.split())}", file=sys.stderr)


# -- check -------------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from glossary.load import load_glossary
    from review_app.inputs import resolve_date, resolve_inputs
    from review_app.pairing import read_english
    from review_app.pipeline import ReviewOptions, review, review_bilingual
    from review_app.progress import stage_bar
    from review_app.readers.bilingual import is_xliff, read_bilingual, select_states
    from review_app.readers.text import read_document
    from review_app.report.render import FORMATS

    inputs = resolve_inputs(args.inputs)
    reference_path = Path(args.reference) if args.reference else None
    read = read_by_review(
        source=inputs.source,
        target=inputs.target,
        meta=inputs.meta,
        references=[reference_path] if reference_path else [],
        glossary=args.glossary,
        models=(args.mt_model, args.encoder),
    )
    for written in (args.output, args.write_notes):
        if written:
            read.refuse(written)
    limits = limits_from_args(args)
    glossary = load_glossary(args.glossary)
    options = ReviewOptions(
        encoder=load_encoder_option(args.encoder),
        translator=load_translator_option(args.mt_model),
        line_aligned=True if args.line_aligned else None,
        checks=parse_check_ids(args.checks),
        reference=read_english(reference_path, limits) if reference_path else None,
        limits=limits,
    )
    counting = progress_bar("translating") if options.translator else contextlib.nullcontext()
    with counting as progress, stage_bar([inputs.source, inputs.target]) as stages:
        options = replace(options, progress=progress, stage_progress=stages)
        if args.write_notes and not (inputs.bilingual and is_xliff(inputs.source)):
            raise UsageError("--write-notes needs an XLIFF file (.xlf, .sdlxliff, .mqxliff …)")
        if inputs.bilingual:
            columns = (args.source_column, args.target_column)
            file = read_bilingual(inputs.source, limits, columns=columns)
            file = select_states(file, parse_states(args.states))
            date, origin = resolve_date(args.date, None, file.date, file.date_origin)
            dated = replace(options, date=date, date_origin=origin)
            report = review_bilingual(file, glossary, dated)
        else:
            date, origin = resolve_date(args.date, inputs.meta)
            source = read_document(inputs.source, lang="zh", limits=limits)
            target = read_document(inputs.target, lang="en", limits=limits)
            report = review(
                source, target, glossary, replace(options, date=date, date_origin=origin)
            )
    _write(FORMATS[args.format](report), args.output)
    if args.write_notes:
        from review_app.writeback import write_notes

        count = write_notes(inputs.source, report, args.write_notes)
        print(f"bireview: {count} notes written to {args.write_notes}", file=sys.stderr)
    return exit_code(report.worst(), args.fail_on)


def parse_states(option: str | None) -> tuple[str, ...] | None:
    """``--states Draft,Translated`` as a tuple, None when not given."""
    if not option:
        return None
    return tuple(state.strip() for state in option.split(",") if state.strip()) or None


def exit_code(worst: Severity | None, fail_on: str) -> int:
    """0 when no finding reaches ``fail_on`` ("never": none ever does), 1 otherwise."""
    if fail_on == "never" or worst is None:
        return 0
    return 1 if SEVERITIES.index(str(worst)) <= SEVERITIES.index(fail_on) else 0


def parse_check_ids(option: str | None) -> tuple[str, ...] | None:
    if not option:
        return None
    from review_app.checks.base import all_checks

    known = all_checks()
    ids = tuple(part.strip() for part in option.split(",") if part.strip())
    unknown = [check_id for check_id in ids if check_id not in known]
    if unknown:
        raise UsageError(f"unknown check {unknown[0]!r}; see 'bireview checks'")
    return ids


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from review_app.atomic import write_atomically

    write_atomically(output, text)


# -- score -------------------------------------------------------------------------------------


def cmd_score(args: argparse.Namespace) -> int:
    from review_app.pairing import pair_texts, pair_through_source, read_english
    from review_app.report.scores import FORMATS
    from review_app.scoring import score_pairs

    if args.top < 0:
        raise UsageError(f"--top {args.top}: give 0 or more")
    paths = [
        Path(args.release),
        Path(args.reference),
        *([Path(args.source)] if args.source else []),
    ]
    if args.output:
        read_by_review(
            source=args.source,
            target=paths[0],
            references=[paths[1]],
            glossary=args.glossary if args.source else None,
        ).refuse(args.output)
    release = read_english(paths[0])
    reference = read_english(paths[1])
    if args.source:
        from glossary.load import load_glossary
        from review_app.readers.text import read_document

        source = read_document(paths[2], lang="zh")
        pairing = pair_through_source(source, release, reference, load_glossary(args.glossary))
    else:
        pairing = pair_texts(release.text, reference.text)
    scores = score_pairs(
        pairing.pairs,
        pairing=pairing.method,
        hypothesis_path=release.path,
        reference_path=reference.path,
        source_path=args.source,
    )
    _write(FORMATS[args.format](scores, args.top), args.output)
    return 0


# -- align -------------------------------------------------------------------------------------


def cmd_align(args: argparse.Namespace) -> int:
    from glossary.load import load_glossary
    from review_app.progress import stage_bar

    if args.pairs:
        return _align_pairs(args)
    if not (args.source and args.target):
        raise UsageError("align needs SOURCE and TARGET, or --pairs LIST|FOLDER --out-dir DIR")
    source_path, target_path = Path(args.source), Path(args.target)
    if args.output:
        read_by_review(
            source=source_path, target=target_path, glossary=args.glossary, models=[args.encoder]
        ).refuse(args.output)
    limits = limits_from_args(args)
    glossary = load_glossary(args.glossary)
    encoder = load_encoder_option(args.encoder)
    with stage_bar([source_path, target_path]) as stages:
        text = _alignment_text(args, source_path, target_path, glossary, encoder, limits, stages)
    _write(text, args.output)
    return 0


def _align_pairs(args: argparse.Namespace) -> int:
    """``align --pairs``: every pair of a folder or a list file, in this one process."""
    from glossary.load import load_glossary
    from review_app.align_many import SUFFIXES, PairFiles, align_all, pairs_of

    if args.source or args.target or args.output:
        raise UsageError("--pairs takes no SOURCE, TARGET or --output: the files go to --out-dir")
    if not args.out_dir:
        raise UsageError("--pairs needs --out-dir DIR")
    pairs = pairs_of(args.pairs)
    limits = limits_from_args(args)
    glossary = load_glossary(args.glossary)
    encoder = load_encoder_option(args.encoder)

    def align_one(pair: PairFiles) -> str:
        return _alignment_text(args, pair.source, pair.target, glossary, encoder, limits)

    return align_all(pairs, Path(args.out_dir), SUFFIXES[args.format], align_one)


def _alignment_text(
    args: argparse.Namespace,
    source_path: Path,
    target_path: Path,
    glossary: Glossary,
    encoder: SentenceEncoder | None,
    limits: Limits,
    stages: Callable[[str, int, int], None] | None = None,
) -> str:
    """One pair read, aligned and written out in ``--format`` (``align``, with or without
    ``--pairs``)."""
    from alignment.formats import FORMATS
    from review_app.limits import Budget
    from review_app.pipeline import align_pair
    from review_app.readers.text import read_document

    source = read_document(source_path, lang="zh", limits=limits)
    target = read_document(target_path, lang="en", limits=limits)
    alignment = align_pair(
        source,
        target,
        glossary,
        sentences_per_line=args.sentences_per_line,
        encoder=encoder,
        budget=Budget(target_path, limits, stages),
    )
    return FORMATS[args.format](alignment)


# -- app ---------------------------------------------------------------------------------------


def cmd_app(args: argparse.Namespace) -> int:
    """Start the review app's server (:mod:`review_app.app.server`) as a child and wait for it."""
    import importlib.util
    import os
    import subprocess

    from review_app.app import server

    if importlib.util.find_spec("streamlit") is None:
        raise UsageError("the review app needs streamlit: pip install streamlit")
    if len(args.paths) > 2:
        raise UsageError("app takes a seed folder, or SOURCE TARGET")
    for path in args.paths:
        if not Path(path).exists():
            raise InputError(path, "file not found")
    port = args.port or _free_port()
    url = f"http://127.0.0.1:{port}"
    page_args = [
        *args.paths,
        *(["--store-dir", args.store_dir] if args.store_dir else []),
        *(["--glossary", args.glossary] if args.glossary else []),
        *(["--mt-model", args.mt_model] if args.mt_model else []),
        *(["--encoder", args.encoder] if args.encoder else []),
    ]
    # The server watches this pid and ends with it, however this process ends.
    command = server.command(port, page_args, parent_pid=os.getpid())
    print(f"bireview app: {url}  (Ctrl+C to stop)", flush=True)
    process = subprocess.Popen(command)
    _stop_child_on_sigterm(process)
    if not args.no_browser:
        _open_browser_when_ready(url, process)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait(timeout=10)
        return 0


def _stop_child_on_sigterm(process: subprocess.Popen[bytes]) -> None:
    """Stopped by a service manager or a test (SIGTERM), stop the Streamlit server too."""
    import signal

    def stop(signum: int, frame: object) -> None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except Exception:
            process.kill()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _open_browser_when_ready(url: str, process: Any) -> None:
    """Open the page once the server answers (where there is a browser at all)."""
    import threading
    import time
    import urllib.request
    import webbrowser

    def wait_and_open() -> None:
        for _ in range(120):
            if process.poll() is not None:
                return
            try:
                with urllib.request.urlopen(url, timeout=1):
                    webbrowser.open(url)
                    return
            except OSError:
                time.sleep(0.5)

    threading.Thread(target=wait_and_open, daemon=True).start()


# -- checks ------------------------------------------------------------------------------------


def cmd_checks(args: argparse.Namespace) -> int:
    from review_app.checks.base import all_checks

    for check in all_checks().values():
        print(f"{check.id:<22} {check.severity:<9} {check.mqm:<26} {check.description()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
