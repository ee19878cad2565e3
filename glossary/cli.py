"""``bireview glossary``: commands for the editors of the glossary.

- ``bireview glossary lint [DIR]``: every problem of a glossary folder (default: the built-in
  one), one a line, ``path:line:column: error: message``, then a count. Exit 1 when there are
  errors, 0 when there are none (warnings alone: 0), 2 when DIR does not exist.
- ``bireview glossary show TERM [--glossary DIR]``: the entries TERM names, in Chinese or
  English, and what the matcher finds in TERM, with why. Exit 0 when something matched, 1 when
  nothing did.

The module level imports only the standard library, so ``bireview --help`` stays fast.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.explain import EntryView
    from glossary.model import Glossary

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def add_parser(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add ``glossary`` to ``bireview``'s subcommands; returns its own subcommands, to which
    more (``import``, ``export``) can be added the same way."""
    glossary = commands.add_parser(
        "glossary",
        help="check, search and exchange the glossary (lint, show, import, export, accept)",
        description="Commands for the editors of the glossary's YAML files.",
    )
    actions = glossary.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)

    lint = actions.add_parser(
        "lint",
        help="report every problem of a glossary folder, with its line and column",
        description="Check every *.yaml file of DIR (default: the built-in glossary): schema "
        "errors, duplicate ids, unknown ids, a Chinese form of two entries with nothing to tell "
        "them apart, overlapping terms of office, English names that are also forbidden "
        "renderings; and warn about abbreviations that have other readings (in the glossary or "
        "in CC-CEDICT) but no false friend. One line a problem, path:line:column: severity: "
        "message. Exit 1 on errors, 0 otherwise, 2 if DIR is missing.",
    )
    lint.add_argument(
        "directory", nargs="?", metavar="DIR", help="glossary folder or file (default: built-in)"
    )
    lint.set_defaults(handler=cmd_lint)

    show = actions.add_parser(
        "show",
        help="what the glossary says about a term, in Chinese or English, and why it matches",
        description="Show the entries whose id, Chinese or English contains TERM, and what the "
        "matcher finds in TERM read as Chinese (if it has Chinese characters) or English text, "
        "with why. Exit 0 if something matched, 1 if nothing did.",
    )
    show.add_argument("term", metavar="TERM")
    show.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    show.set_defaults(handler=cmd_show)

    from glossary.exchange import add_import_export  # light: the standard library only

    add_import_export(actions)

    accept = actions.add_parser(
        "accept",
        help="move a translator's proposal into the curated glossary",
        description="Add the proposal ID (from proposals/proposals.yaml in the glossary folder) "
        "to the curated files: a term, a variant or forbidden rendering of an entry, or a false "
        "friend. It is validated first, the YAML keeps its comments, and the proposal is taken "
        "out of the proposals file. New places and persons are added by hand.",
    )
    accept.add_argument("proposal", metavar="ID", help="the proposal's id (proposal.…)")
    accept.add_argument("--glossary", metavar="DIR", help="glossary folder (default: built-in)")
    accept.add_argument("--into", metavar="NAME.yaml", help="the file for a new entry")
    accept.set_defaults(handler=cmd_accept)
    return actions


def cmd_accept(args: argparse.Namespace) -> int:
    from glossary.proposals import accept_proposal

    print(accept_proposal(args.glossary, args.proposal, into=args.into))
    return 0


# -- lint --------------------------------------------------------------------------------------


def cmd_lint(args: argparse.Namespace) -> int:
    from glossary.lint import lint, summary
    from glossary.load import glossary_paths

    files = glossary_paths(args.directory)  # a missing folder: GlossaryError, exit 2
    problems = lint(args.directory)
    for problem in problems:
        print(problem)
    print(summary(problems, len(files)))
    return 1 if any(problem.severity == "error" for problem in problems) else 0


# -- show --------------------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    from glossary.load import load_glossary

    lines, found = show(load_glossary(args.glossary), args.term)
    print("\n".join(lines))
    return 0 if found else 1


def show(glossary: Glossary, term: str) -> tuple[list[str], bool]:
    """The text of ``bireview glossary show TERM`` (the matching entries, how each character
    of a run of abbreviations reads, what every knowledge layer says of a Chinese TERM, what
    the matcher finds in TERM and why), and whether anything matched."""
    from glossary.explain import explain_match, find_entries
    from glossary.knowledge import knowledge_for
    from glossary.match import matcher_for

    term = term.strip()
    chinese = bool(_CJK.search(term))
    sections: list[list[str]] = []
    views = find_entries(glossary, term)
    if views:
        sections.append([f"Entries for “{term}”:", *(line for v in views for line in _view(v))])
    abbreviations = _abbreviations(glossary, term) if chinese else []
    if abbreviations:
        sections.append(["As abbreviations in a run (粤吉, 中吉):", *abbreviations])
    matcher = matcher_for(glossary)
    matches = matcher.find_zh(term) if chinese else matcher.find_en(term)
    # What every knowledge layer says of TERM: before the matcher's reading, which stays last.
    knowledge: list[str] = []
    answers = knowledge_for(glossary).explain(term) if chinese else []
    names = [*_names_by_rule(term), *_names_by_sound(term)] if chinese else []
    if any(candidates for _, candidates in answers) or names:
        knowledge.append("Knowledge:")
        for layer, candidates in answers:
            knowledge.append(f"  {layer}:" if candidates else f"  {layer}: —")
            knowledge.extend(f"    {candidate.describe()}" for candidate in candidates)
        knowledge.extend(names)
    if not sections and not matches:
        nothing = [f"Nothing in the glossary matches “{term}”."]
        return [*nothing, "", *knowledge] if knowledge else nothing, bool(knowledge)
    if knowledge:
        sections.append(knowledge)
    if matches:
        side = "Chinese" if chinese else "English"
        sections.append(
            [
                f"Read as {side} text, “{term}” matches:",
                *(f"  {explain_match(match, glossary, term)}" for match in matches),
            ]
        )
    else:
        side = "Chinese" if chinese else "English"
        sections.append([f"Read as {side} text, “{term}” matches no entity by itself."])
    return [line for section in _joined(sections) for line in section], True


def _names_by_rule(term: str) -> list[str]:
    """How ``term`` is written as a person's name in each system (layer 5, names by rule)."""
    from glossary.knowledge.romanise import (
        SYSTEMS,
        japanese_name,
        korean_surnames,
        romanisations,
        split_name,
    )

    readings = romanisations(term)
    japanese = japanese_name(term)
    if not readings and japanese is None:
        return []
    lines = ["  names by rule (a surname and a given name):"]
    if japanese is not None:
        hepburn = ", ".join(sorted(form.capitalize() for form in japanese[1]))
        lines.append(f"    Japanese surname {japanese[0]}: {hepburn}")
    for system in SYSTEMS:
        forms = list(dict.fromkeys(r.written for r in readings if r.system == system))
        if forms:
            lines.append(f"    {system}: {'; '.join(forms[:4])}")
    split = split_name(term)
    korean = sorted(korean_surnames().get(split[0], ())) if split else []
    if korean:
        lines.append(f"    Korean surname: {', '.join(form.capitalize() for form in korean)}")
    return lines


def _names_by_sound(term: str) -> list[str]:
    """How ``term`` sounds, when it reads as a foreign name (layer 6, names by sound)."""
    from glossary.knowledge.phonetic import SOUNDS_ALIKE, looks_transliterated, zh_sounds

    if not looks_transliterated(term):
        return []
    return [
        "  a foreign name by its sounds (layer 6):",
        f"    consonants {'-'.join(zh_sounds(term))}; an English name sounding "
        f"{SOUNDS_ALIKE:.0%} alike or more is its rendering",
    ]


def _view(view: EntryView) -> list[str]:
    lines = ["", f"  {view.id} ({view.kind})"]
    if view.zh:
        lines.append(f"    Chinese: {', '.join(view.zh)}")
    if view.en:
        lines.append(f"    English: {', '.join(view.en)}")
    lines.extend(f"    {' '.join(detail.split())}" for detail in view.details)
    return lines


def _abbreviations(glossary: Glossary, term: str) -> list[str]:
    """How each character of ``term`` reads, when every one is an abbreviation: a Chinese place
    by default, a country only beside 中 or another country (as the matcher reads runs)."""
    readings: dict[str, list[str]] = {}
    for char in term:
        places = [place for place in glossary.places.values() if char in place.abbr]
        if not places:
            return []
        if char in readings:
            continue
        domestic = [f"{p.en} ({p.id})" for p in places if p.domestic]
        foreign = [f"{p.en} ({p.id})" for p in places if not p.domestic]
        if domestic and foreign:
            text = (
                f"{' or '.join(domestic)}; beside 中 or another country's abbreviation, "
                f"{' or '.join(foreign)}"
            )
        elif domestic:
            text = " or ".join(domestic)
        else:
            text = f"{' or '.join(foreign)}, a country: a run with it is international"
        readings[char] = [f"  {char}: {text}"]
    return [line for lines in readings.values() for line in lines]


def _joined(sections: list[list[str]]) -> list[list[str]]:
    return [section if index == 0 else ["", *section] for index, section in enumerate(sections)]


# -- entry point for tests (bireview's own main adds this subcommand the same way) --------------


def main(argv: Sequence[str] | None = None) -> int:
    """``bireview glossary …``: the command line's own entry point (same parser, same errors)."""
    from review_app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
