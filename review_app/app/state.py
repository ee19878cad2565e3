"""What the app keeps between runs, and what its buttons do.

The store is ``st.session_state`` in the app (any mutable mapping in tests): the open
:class:`ReviewSession` (which holds the alignment and the current report, so moving between
findings or changing a filter never re-runs the pipeline), the selected finding, which action
form is open for which finding, and messages for the next run. Only accepting or editing checks
again, inside :class:`ReviewSession`. Nothing here imports Streamlit.
"""

from __future__ import annotations

import getpass
from collections import Counter
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.errors import LocatedError
from glossary.load import BUILTIN_DIR
from glossary.proposals import FILE_NAME, add_proposal, make_proposal, proposals_path
from review_app.app.inputs import AppArgs, data_home, lock_of, parse_app_args, script_argv
from review_app.app.view import SEVERITY_ORDER, word_diff_html
from review_app.decision import DISMISS_REASONS, Decision
from review_app.document import Segment
from review_app.errors import ReviewError
from review_app.findings import Finding
from review_app.review_store import ReviewSession

Store = MutableMapping[Any, Any]  # st.session_state (keys str | int), or a dict in tests

STATUSES = ("open", "accepted", "edited", "dismissed")
MODES = ("edit", "dismiss", "comment")

SESSION = "review"  # the open ReviewSession
ARGS = "app_args"  # AppArgs, parsed once per browser session
ARGS_PENDING = "app_args_pending"  # the paths given on the command line are still to be opened
START_ERROR = "start_error"  # why the last attempt to open a review failed
SELECTED = "selected"  # the selected finding's id
MODE = "modes"  # finding id → the open action form ("edit", "dismiss", "comment")
FLASH = "flash"  # messages for the next run: list of Flash
WHO = "who"
FILTER_SEVERITY = "filter_severity"
FILTER_CHECK = "filter_check"
FILTER_STATUS = "filter_status"
ONE_AT_A_TIME = "one_at_a_time"
CARDS_AT_ONCE = 20  # more findings than this open one card at a time, beside the table
PAIR = "align_pair"  # the pair chosen in the alignment panel
SCROLLED_TO = "scrolled_to"  # the finding the page was last scrolled to
GRID = "findings_grid"  # the dense list of findings (its st.dataframe key, with a hash)
TO_CHECK = "alignment_to_check"  # the Document tab shows only the pairs to check
# Below this alignment confidence a pair is listed as "alignment to check".
CONFIDENCE_TO_CHECK = 0.5
GLOSSARY_FINDING = "glossary_finding"  # the finding the glossary panel explains
GLOSSARY_SEARCH = "glossary_search"
PROPOSAL_FIELDS = ("kind", "zh", "en", "entry", "forbidden", "note")

# Errors a user can cause; shown as one line, never as a traceback.
TAB = "tab"  # the open tab of the review screen (st.tabs' key)
USER_ERRORS: tuple[type[Exception], ...] = (ReviewError, LocatedError, OSError, ValueError)
# And, for an action on a finding the re-check has since replaced, its KeyError or IndexError.
ACTION_ERRORS: tuple[type[Exception], ...] = (KeyError, IndexError, *USER_ERRORS)


@dataclass(frozen=True)
class Flash:
    """A message shown once at the top of the review: ``kind`` is success, info or error."""

    kind: str
    text: str
    diff_html: str | None = None


@dataclass(frozen=True)
class Filters:
    """Which findings to list; an empty selection means none of that kind."""

    severities: tuple[str, ...] = SEVERITY_ORDER
    checks: tuple[str, ...] | None = None  # None: every check
    statuses: tuple[str, ...] = STATUSES

    def admits(self, finding: Finding, status: str) -> bool:
        return (
            str(finding.severity) in self.severities
            and (self.checks is None or finding.check in self.checks)
            and status in self.statuses
        )


def widget_key(kind: str, finding_id: str) -> str:
    """The session-state key of a finding's widget (``edit-text``, ``dismiss-reason`` …)."""
    return f"{kind}-{finding_id}"


# -- starting ----------------------------------------------------------------------------------


def default_who() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "translator"


def init(store: Store, argv: Sequence[str] | None = None) -> None:
    """Set the defaults once per browser session and read the app's arguments."""
    if ARGS in store:
        return
    store.setdefault(WHO, default_who())
    store.setdefault(MODE, {})
    store.setdefault(FLASH, [])
    try:
        args = parse_app_args(script_argv(argv))
    except ReviewError as error:
        store[START_ERROR] = str(error)
        args = AppArgs()
    store[ARGS] = args
    store[ARGS_PENDING] = bool(args.paths)


def app_args(store: Store) -> AppArgs:
    args = store.get(ARGS)
    return args if isinstance(args, AppArgs) else AppArgs()


def session_of(store: Store) -> ReviewSession | None:
    session = store.get(SESSION)
    return session if isinstance(session, ReviewSession) else None


def open_with(store: Store, opener: Callable[[], ReviewSession]) -> ReviewSession | None:
    """Open a review with ``opener``; on bad input keep the one-line message and return None."""
    store.pop(START_ERROR, None)
    try:
        session = opener()
    except USER_ERRORS as error:
        store[START_ERROR] = " ".join(str(error).split())
        return None
    store[SESSION] = session
    store[SELECTED] = None
    store[MODE] = {}
    store[FLASH] = []
    return session


def close(store: Store) -> None:
    """Back to the start page (the review is saved already)."""
    store.pop(SESSION, None)
    store[SELECTED] = None
    store[MODE] = {}
    store[FLASH] = []


# -- the findings listed -----------------------------------------------------------------------


def filters_of(store: Store) -> Filters:
    """The sidebar's filters as they are in the store (all, before the widgets exist)."""
    checks = store.get(FILTER_CHECK)
    return Filters(
        severities=tuple(store.get(FILTER_SEVERITY, SEVERITY_ORDER)),
        checks=None if checks is None else tuple(checks),
        statuses=tuple(store.get(FILTER_STATUS, STATUSES)),
    )


def check_ids(session: ReviewSession) -> list[str]:
    """The checks that ran, and any other check id a finding carries."""
    ran = (
        list(session.report.signature.checks) if session.report and session.report.signature else []
    )
    return list(dict.fromkeys([*ran, *(f.check for f in session.findings)]))


def filter_findings(session: ReviewSession, filters: Filters) -> list[Finding]:
    """The current findings the filters let through, in document order."""
    return [f for f in session.findings if filters.admits(f, session.status(f.id))]


def listed(store: Store, session: ReviewSession) -> list[Finding]:
    return filter_findings(session, filters_of(store))


def counts_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(str(f.severity) for f in findings)
    return {severity: counts.get(severity, 0) for severity in SEVERITY_ORDER}


def counts_by_check(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """Check id → severity → count (every severity present, zeros included)."""
    table: dict[str, dict[str, int]] = {}
    for finding in findings:
        row = table.setdefault(finding.check, dict.fromkeys(SEVERITY_ORDER, 0))
        row[str(finding.severity)] += 1
    return dict(sorted(table.items()))


def counts_by_status(session: ReviewSession) -> dict[str, int]:
    counts = Counter(session.status(f.id) for f in session.findings)
    return {status: counts.get(status, 0) for status in STATUSES}


def alignment_to_check(
    segments: Sequence[Segment], below: float = CONFIDENCE_TO_CHECK
) -> list[Segment]:
    """The pairs whose alignment confidence is below ``below``, the least sure first."""
    return sorted((s for s in segments if s.confidence < below), key=lambda s: s.confidence)


def resolved(session: ReviewSession) -> list[Decision]:
    """Accepted suggestions and edits, newest first."""
    return [d for d in reversed(session.decisions) if d.action in ("accepted", "edited")]


# -- selection ---------------------------------------------------------------------------------


def selected(store: Store, findings: Sequence[Finding]) -> str | None:
    """The selected finding among ``findings`` (the first if the selection is not listed)."""
    ids = [f.id for f in findings]
    current = store.get(SELECTED)
    if current in ids:
        return str(current)
    return ids[0] if ids else None


def step(ids: Sequence[str], current: str | None, offset: int) -> str | None:
    """The id ``offset`` places from ``current`` in ``ids``, clamped to the ends."""
    if not ids:
        return None
    if current not in ids:
        return ids[0]
    index = min(max(ids.index(current) + offset, 0), len(ids) - 1)
    return ids[index]


def move(store: Store, offset: int) -> None:
    """Select the next (+1) or previous (-1) listed finding."""
    session = session_of(store)
    if session is None:
        return
    findings = listed(store, session)
    store[SELECTED] = step([f.id for f in findings], selected(store, findings), offset)


def select(store: Store, finding_id: str) -> None:
    store[SELECTED] = finding_id


def toggle_mode(store: Store, finding_id: str, mode: str) -> None:
    """Open (or close, if open) a finding's edit, dismiss or comment form."""
    modes = dict(store.get(MODE, {}))
    modes[finding_id] = None if modes.get(finding_id) == mode else mode
    store[MODE] = modes
    store[SELECTED] = finding_id
    if mode == "edit":
        store.pop(widget_key("edit-text", finding_id), None)  # prefill afresh


def mode_of(store: Store, finding_id: str) -> str | None:
    mode = store.get(MODE, {}).get(finding_id)
    return mode if mode in MODES else None


def flash(store: Store, message: Flash) -> None:
    store[FLASH] = [*store.get(FLASH, []), message]


def take_flash(store: Store) -> list[Flash]:
    """The messages for this run (and forget them)."""
    messages = list(store.get(FLASH, []))
    store[FLASH] = []
    return messages


def who_of(store: Store) -> str | None:
    who = str(store.get(WHO) or "").strip()
    return who or None


# -- actions -----------------------------------------------------------------------------------


def accept(store: Store, finding_id: str) -> None:
    """Apply the finding's suggestion to the English (the review checks again and saves)."""
    session = _session(store)
    after = _listed_after(store, session, finding_id)

    def change() -> Flash:
        session.accept(finding_id, who=who_of(store))
        return _changed(session, "Suggestion accepted")

    if _apply(store, session, "accept the suggestion", change):
        _close_form(store, finding_id)
        _select_next_open(store, session, after)


def undo(store: Store) -> None:
    """Take back the last decision (an accepted or edited fix gives back the English)."""
    session = _session(store)

    def change() -> Flash:
        taken_back = session.undo(who=who_of(store))
        if taken_back.finding_id:
            store[SELECTED] = taken_back.finding_id
        return Flash("success", f"Undone: {taken_back.action} on segment {taken_back.segment}.")

    _apply(store, session, "undo", change)


def reopen(store: Store, finding_id: str) -> None:
    """Open a decided finding again."""
    session = _session(store)
    store[SELECTED] = finding_id

    def change() -> Flash:
        session.reopen(finding_id, who=who_of(store))
        return Flash("success", "Finding reopened.")

    _apply(store, session, "reopen the finding", change)


def dismiss_identical(store: Store, finding_id: str) -> None:
    """Dismiss this finding and every open one identical to it, for the reason chosen."""
    session = _session(store)
    reason = str(store.get(widget_key("dismiss-reason", finding_id)) or DISMISS_REASONS[0])
    after = _listed_after(store, session, finding_id)

    def change() -> Flash:
        ids = session.dismiss_identical(finding_id, reason, who=who_of(store))
        return Flash("success", f"{len(ids)} identical findings dismissed ({reason}).")

    if _apply(store, session, "dismiss the identical findings", change):
        _close_form(store, finding_id)
        _select_next_open(store, session, after)


def accept_identical(store: Store, finding_id: str) -> None:
    """Apply the suggestion of this finding and of every open one identical to it."""
    session = _session(store)
    after = _listed_after(store, session, finding_id)

    def change() -> Flash:
        ids = session.accept_identical(finding_id, who=who_of(store))
        return Flash("success", f"{len(ids)} identical suggestions accepted and checked again.")

    if _apply(store, session, "accept the identical suggestions", change):
        _select_next_open(store, session, after)


def _listed_after(store: Store, session: ReviewSession, finding_id: str) -> list[str]:
    """The listed findings after ``finding_id``, in order: where the selection goes next."""
    ids = [f.id for f in listed(store, session)]
    return ids[ids.index(finding_id) + 1 :] if finding_id in ids else ids


def _select_next_open(store: Store, session: ReviewSession, after: list[str]) -> None:
    """After a decision, select the next open finding (not the first of the list)."""
    still = {f.id for f in session.findings}
    following = [i for i in after if i in still and session.status(i) == "open"]
    if following:
        store[SELECTED] = following[0]
        return
    open_now = [f.id for f in listed(store, session) if session.status(f.id) == "open"]
    store[SELECTED] = open_now[0] if open_now else None


def save_edit(store: Store, finding_id: str, segment_id: int) -> None:
    """Save the English typed in the finding's edit box (checks again and saves)."""
    session = _session(store)
    text = " ".join(str(store.get(widget_key("edit-text", finding_id), "")).split())

    def change() -> Flash:
        if text == session.current_segments()[segment_id].target:
            return Flash("info", f"Segment {segment_id}: the English is unchanged.")
        known = {f.id for f in session.findings}
        session.edit(
            segment_id,
            text,
            who=who_of(store),
            finding_id=finding_id if finding_id in known else None,
        )
        return _changed(session, "Edit saved")

    if _apply(store, session, "save the edit", change):
        _close_form(store, finding_id)
        store.pop(widget_key("edit-text", finding_id), None)


def dismiss(store: Store, finding_id: str) -> None:
    """Dismiss the finding with the reason (and optional comment) chosen in its form."""
    session = _session(store)
    reason = str(store.get(widget_key("dismiss-reason", finding_id)) or DISMISS_REASONS[0])
    comment = str(store.get(widget_key("dismiss-comment", finding_id)) or "").strip() or None
    after = _listed_after(store, session, finding_id)

    def change() -> Flash:
        session.dismiss(finding_id, reason, who=who_of(store), comment=comment)
        return Flash("success", f"Finding dismissed ({reason}).")

    if _apply(store, session, "dismiss the finding", change):
        _close_form(store, finding_id)
        store.pop(widget_key("dismiss-comment", finding_id), None)
        _select_next_open(store, session, after)


def add_comment(store: Store, finding_id: str) -> None:
    """Add the comment typed in the finding's comment box."""
    session = _session(store)
    text = str(store.get(widget_key("comment-text", finding_id)) or "").strip()
    store[SELECTED] = finding_id
    if not text:
        flash(store, Flash("info", "Type a comment first."))
        return

    def change() -> Flash:
        session.comment(finding_id, text, who=who_of(store))
        return Flash("success", "Comment added.")

    if _apply(store, session, "add the comment", change):
        _close_form(store, finding_id)
        store.pop(widget_key("comment-text", finding_id), None)


def pick_pair(store: Store, picker: str) -> None:
    """Keep the pair chosen in the alignment panel's picker (whose key changes with its labels)."""
    store[PAIR] = store[picker]


def merge_pairs(store: Store, segment_id: int) -> None:
    """Merge the pair with the next one (the checks run again on the new pairs)."""
    session = _session(store)

    def change() -> Flash:
        session.merge(segment_id, who=who_of(store))
        return _realigned(session, f"Pairs {segment_id} and {segment_id + 1} merged")

    if _apply(store, session, "merge the pairs", change):
        store[PAIR] = segment_id
        _forget_split_forms(store)


def split_pair(store: Store, segment_id: int) -> None:
    """Split the pair where its split form says: after so many Chinese and English sentences."""
    session = _session(store)
    source_at = int(store.get(widget_key("split-source", str(segment_id))) or 0)
    target_at = int(store.get(widget_key("split-target", str(segment_id))) or 0)

    def change() -> Flash:
        session.split(segment_id, source_at, target_at, who=who_of(store))
        return _realigned(session, f"Pair {segment_id} split in two")

    if _apply(store, session, "split the pair", change):
        _forget_split_forms(store)


def _forget_split_forms(store: Store) -> None:
    """The pairs are numbered afresh: their split forms start again from the defaults."""
    for key in [k for k in store if isinstance(k, str) and k.startswith("split-")]:
        del store[key]


def alignment_changes(session: ReviewSession) -> list[Decision]:
    """Pairs merged or split by hand, newest first."""
    return [d for d in reversed(session.decisions) if d.action in ("merged", "split")]


def _realigned(session: ReviewSession, what: str) -> Flash:
    remaining = len(session.findings)
    return Flash(
        "success",
        f"{what}; the checks ran again on the new pairs: "
        f"{remaining} finding{'s' if remaining != 1 else ''} now.",
    )


def _apply(store: Store, session: ReviewSession, doing: str, change: Callable[[], Flash]) -> bool:
    """Make a change under the review's lock; say what changed, or why it could not be made."""
    with lock_of(session):
        try:
            message = change()
        except ACTION_ERRORS as error:
            flash(store, Flash("error", _failure(doing, error)))
            return False
    flash(store, message)
    return True


def _session(store: Store) -> ReviewSession:
    session = session_of(store)
    if session is None:
        raise RuntimeError("no review is open")
    return session


def _close_form(store: Store, finding_id: str) -> None:
    modes = dict(store.get(MODE, {}))
    modes.pop(finding_id, None)
    store[MODE] = modes


def _changed(session: ReviewSession, what: str) -> Flash:
    """What the last decision changed: the segment's English before → after."""
    last = session.decisions[-1]
    remaining = len(session.findings)
    text = (
        f"{what}: segment {last.segment} changed and was checked again; "
        f"{remaining} finding{'s' if remaining != 1 else ''} now."
    )
    return Flash("success", text, word_diff_html(last.before or "", last.after or ""))


def _failure(action: str, error: BaseException) -> str:
    if isinstance(error, KeyError):
        return f"Could not {action}: the finding is no longer current (the English changed)."
    return f"Could not {action}: {' '.join(str(error).split())}"


# -- glossary proposals ------------------------------------------------------------------------


def proposal_key(name: str) -> str:
    """The session-state key of a field of the proposal form (``proposal-zh`` …)."""
    return f"proposal-{name}"


def proposals_file(store: Store) -> Path:
    """Where the app writes proposals for the glossary it was started with: beside a glossary
    folder of the user's that can be written; for the built-in glossary, which is the
    installed package's (read-only, or replaced by the next upgrade), in the user's data
    folder."""
    glossary = app_args(store).glossary
    if glossary is None or Path(glossary).resolve() == BUILTIN_DIR.resolve():
        return data_home() / "proposals" / FILE_NAME
    return proposals_path(glossary, data_home() / "proposals")


def prefill_proposal(store: Store) -> None:
    """Fill the proposal form from the finding chosen in the glossary panel: its Chinese span,
    the suggested English, the entry it cites and, for a false friend, the wrong rendering."""
    session = session_of(store)
    finding_id = store.get(GLOSSARY_FINDING)
    if session is None or not finding_id:
        return
    try:
        finding = session.finding(str(finding_id))
    except KeyError:
        return
    false_friend = finding.check == "entity.false_friend"
    values = {
        "kind": "variant" if finding.glossary_id else "term",
        "zh": finding.source_span.text if finding.source_span else "",
        "en": finding.suggestion or "",
        "entry": finding.glossary_id or "",
        "forbidden": finding.target_span.text if false_friend and finding.target_span else "",
        "note": "",
    }
    for name, value in values.items():
        store[proposal_key(name)] = value


def propose(store: Store) -> None:
    """Append the proposal form to the proposals file (never to the curated glossary)."""
    session = _session(store)
    fields = {name: str(store.get(proposal_key(name)) or "").strip() for name in PROPOSAL_FIELDS}
    finding_id = store.get(GLOSSARY_FINDING)
    segment = None
    if finding_id:
        try:
            segment = session.current_segments()[session.finding(str(finding_id)).segment]
        except (KeyError, IndexError):
            segment = None
    try:
        proposal = make_proposal(
            kind=fields["kind"] or "term",
            zh=fields["zh"],
            en=fields["en"],
            entry=fields["entry"] or None,
            forbidden=fields["forbidden"] or None,
            note=fields["note"] or None,
            proposed_by=who_of(store) or default_who(),
            document=session.target.path,
            segment=segment.id if segment else None,
            context_zh=segment.source if segment else None,
            context_en=segment.target if segment else None,
        )
        path = add_proposal(proposals_file(store), proposal)
    except USER_ERRORS as error:
        flash(store, Flash("error", _failure("save the proposal", error)))
        return
    flash(store, Flash("success", f"Proposal {proposal.id} saved in {path} for an editor."))
    for name in ("zh", "en", "forbidden", "note"):
        store.pop(proposal_key(name), None)
