"""``bireview glossary import`` and ``bireview glossary export``: their arguments
(:func:`add_import_export`) and what they do."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.errors import GlossaryError
from glossary.exchange.common import glossary_entries
from glossary.exchange.importing import import_into, read_entries
from glossary.exchange.table import export_csv
from glossary.exchange.tbx import export_tbx

if TYPE_CHECKING:
    import argparse


def add_import_export(commands: Any) -> None:
    """Add ``import`` and ``export`` to ``commands`` (an argparse subparsers object, such as
    the one of ``bireview glossary``)."""
    importer = commands.add_parser(
        "import",
        help="add or update glossary entries from a TBX, CSV or TSV file",
        description="Add the entries of FILE (.tbx, .csv or .tsv) to the glossary, or update "
        "the entries with the same ids in place; comments and formatting of the YAML are kept. "
        "An invalid entry is left out and reported as FILE:LINE: reason; the others are "
        "imported. Exit 1 if an entry was left out, 0 if none was, 2 if FILE cannot be read.",
    )
    importer.add_argument("file", metavar="FILE", help="a .tbx, .csv or .tsv file")
    importer.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    importer.add_argument(
        "--into",
        metavar="NAME.yaml",
        help="the file of the folder that gets the new entries (default: the first file that "
        "has their section, else terms.yaml)",
    )
    importer.set_defaults(handler=cmd_import)
    exporter = commands.add_parser(
        "export",
        help="write the glossary as TBX or CSV",
        description="Write every entry of the glossary to FILE: TBX-Basic for a .tbx file, CSV "
        "(UTF-8 with BOM) for a .csv file.",
    )
    exporter.add_argument("file", metavar="FILE", help="a .tbx or .csv file to write")
    exporter.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    exporter.set_defaults(handler=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    problems: list[GlossaryError] = []
    entries = read_entries(args.file, problems)
    summary = import_into(args.glossary, entries, getattr(args, "into", None), problems)
    # Reading and checking find problems at different times: report them in the file's order.
    for problem in sorted(problems, key=lambda problem: problem.line or 0):
        print(problem, file=sys.stderr)
    left_out = ""
    if problems:
        left_out = f"; {len(problems)} {'entry' if len(problems) == 1 else 'entries'} left out"
    print(f"{args.file}: {summary}{left_out}")
    return 1 if problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    from glossary.atomic import write_atomically
    from glossary.load import load_glossary

    path = Path(args.file)
    suffix = path.suffix.lower()
    if suffix not in (".tbx", ".csv"):
        raise GlossaryError(path, "unknown format: give a .tbx or a .csv file")
    glossary = load_glossary(args.glossary)
    text = export_tbx(glossary) if suffix == ".tbx" else "\ufeff" + export_csv(glossary)
    write_atomically(path, text, error=GlossaryError)
    count = sum(1 for _ in glossary_entries(glossary))
    print(f"{path}: {count} entries exported")
    return 0
