"""The Findings tab of the review screen: the dense table of findings, a card for each, and the
actions on them (accept, edit, dismiss, comment, reopen, all identical); the logic is in
:mod:`.state`."""

from __future__ import annotations

import hashlib
import re

import streamlit as st

from review_app.app import state, view
from review_app.app.state import Store
from review_app.decision import DISMISS_REASONS
from review_app.document import Segment
from review_app.findings import Finding
from review_app.review_store import ReviewSession, error_key


def findings_tab(store: Store, session: ReviewSession) -> None:
    findings = state.listed(store, session)
    total = len(session.findings)
    selected = state.selected(store, findings)
    st.caption(f"{len(findings)} of {total} finding{'s' if total != 1 else ''} listed")
    if findings:
        selected = findings_grid(store, session, findings, selected)
    if store.get(state.ONE_AT_A_TIME) and selected is not None:
        index = [f.id for f in findings].index(selected)
        st.caption(f"Finding {index + 1} of {len(findings)}")
        findings = [findings[index]]
    segments = session.current_segments()
    twins = session.identical_counts()  # once for the page, not once a card
    for finding in findings:
        count = twins[error_key(finding)] if session.status(finding.id) == "open" else 0
        finding_card(
            store, session, finding, segments, selected=finding.id == selected, twins=count
        )
    if selected is not None and store.get(state.SCROLLED_TO) != selected:
        if state.SCROLLED_TO in store:  # not on a page just opened: its first card is in view
            scroll_to_card(selected)
        store[state.SCROLLED_TO] = selected
    if not findings:
        st.info("No finding matches the filters." if total else "No findings: nothing to fix.")
    resolved_expander(session)


def scroll_to_card(finding_id: str) -> None:
    """Bring the selected finding's card into view (J, K, a row clicked, the next open one
    after a decision). Streamlit has no call for it: a one-line script of our own (the id is
    the app's, JSON-quoted) scrolls the page."""
    import json

    # Streamlit writes a container's key into its class with other characters as "-".
    css_class = re.sub(r"[^A-Za-z0-9_-]", "-", f"st-key-card-{finding_id}")
    selector = json.dumps(f'[class~="{css_class}"]')
    st.html(
        f"<script>(() => {{ const card = document.querySelector({selector});"
        " if (card) card.scrollIntoView({block: 'nearest'}); })();</script>",
        unsafe_allow_javascript=True,
    )


def findings_grid(
    store: Store, session: ReviewSession, findings: list[Finding], selected: str | None
) -> str | None:
    """The listed findings as one dense table (severity, check, pair, unit, status,
    alignment confidence), sortable by any column; a row clicked selects its finding. Returns
    the selected finding's id."""
    import pandas as pd

    segments = session.current_segments()

    def row(finding: Finding) -> dict[str, object]:
        segment = segments[finding.segment] if 0 <= finding.segment < len(segments) else None
        span = finding.target_span or finding.source_span
        return {
            "severity": str(finding.severity),
            "check": finding.check,
            "pair": finding.segment,
            "unit": segment.unit_id if segment else None,
            "status": session.status(finding.id),
            "confidence": round(segment.confidence, 2) if segment else None,
            "found": span.text if span else "",
        }

    rows = [row(finding) for finding in findings]
    if not any(r["unit"] for r in rows):  # a pair of documents: no unit ids to show
        rows = [{k: v for k, v in r.items() if k != "unit"} for r in rows]
    # The selected finding's row is ticked: the table is drawn anew, with that row ticked, for
    # each listing and selection (J, K, a decision), else the browser keeps an old tick.
    ids = [finding.id for finding in findings]
    ticked = ids.index(selected) if selected in ids else None
    drawn = hashlib.sha1(f"{' '.join(ids)}|{selected}".encode()).hexdigest()[:16]
    event = st.dataframe(
        pd.DataFrame(rows),
        key=state.widget_key(state.GRID, drawn),
        on_select="rerun",
        selection_mode="single-row",
        selection_default={"selection": {"rows": [ticked]}} if ticked is not None else None,
        hide_index=True,
        height=min(38 + 35 * len(rows), 300),
    )
    picked = list(event.selection.rows) if event is not None else []
    # Another row clicked selects its finding (a click on the ticked row only clears its box),
    # and the page is drawn again at once: the table of the new selection is the one the next
    # click must reach.
    if picked and picked[0] != ticked and picked[0] < len(findings):
        store[state.SELECTED] = findings[picked[0]].id
        st.rerun()
    return selected


def finding_card(
    store: Store,
    session: ReviewSession,
    finding: Finding,
    segments: list[Segment],
    *,
    selected: bool,
    twins: int = 0,
) -> None:
    """One finding: the pair side by side with its spans marked, the message, the actions
    (``twins``: the open findings identical to it, itself included)."""
    status = session.status(finding.id)
    segment = segments[finding.segment] if 0 <= finding.segment < len(segments) else None
    with st.container(border=True, key=f"card-{finding.id}"):
        if status != "open":  # decided: muted, still there to read or reopen
            st.html(f"<style>.st-key-card-{finding.id}{{opacity:.55}}</style>")
        unit_id = segment.unit_id if segment is not None else None
        st.html(view.finding_header(finding, status, selected=selected, unit_id=unit_id))
        if segment is not None:
            left, right = st.columns(2)
            with left:
                st.html(view.source_html(segment, [finding]))
            with right:
                st.html(view.target_html(segment, [finding]))
        st.html(view.message_html(finding))
        comments = session.comments(finding.id)
        if comments:
            st.html(view.comments_html(comments))
        actions(store, finding, segment, selected=selected, status=status, twins=twins)


def actions(
    store: Store,
    finding: Finding,
    segment: Segment | None,
    *,
    selected: bool = False,
    status: str = "open",
    twins: int = 0,
) -> None:
    """The four buttons, and the form of the one that is open; the selected finding's buttons
    answer to keys (A, E, D, O). A decided finding offers Reopen; an error repeated through
    the document (``twins``: the open findings identical to this one) can be settled at once."""
    fid = finding.id

    def keys(letter: str) -> str | None:
        return letter if selected else None

    if status != "open":
        st.button(
            "Reopen",
            key=f"reopen-{fid}",
            on_click=state.reopen,
            args=(store, fid),
            shortcut=keys("O"),  # Streamlit keeps R (rerun) and C for itself
        )
        return
    if twins > 1 and finding.suggestion is not None and finding.target_span is not None:
        st.button(
            f"Accept all {twins} identical",
            key=f"accept-all-{fid}",
            help="The same check on the same words, with the same suggestion",
            on_click=state.accept_identical,
            args=(store, fid),
        )
    buttons = st.columns(4)
    if finding.suggestion is not None and finding.target_span is not None:
        buttons[0].button(
            "Accept suggestion",
            key=f"accept-{fid}",
            type="primary",
            on_click=state.accept,
            args=(store, fid),
            shortcut=keys("A"),
        )
    if segment is not None:
        buttons[1].button(
            "Edit English",
            key=f"edit-{fid}",
            on_click=state.toggle_mode,
            args=(store, fid, "edit"),
            shortcut=keys("E"),
        )
    buttons[2].button(
        "Dismiss",
        key=f"dismiss-{fid}",
        on_click=state.toggle_mode,
        args=(store, fid, "dismiss"),
        shortcut=keys("D"),
    )
    buttons[3].button(
        "Comment", key=f"comment-{fid}", on_click=state.toggle_mode, args=(store, fid, "comment")
    )
    mode = state.mode_of(store, fid)
    if mode == "edit" and segment is not None:
        key = state.widget_key("edit-text", fid)
        if key not in store:
            store[key] = segment.target
        st.text_area("English of this segment", key=key, height=120)
        st.button(
            "Save edit",
            key=f"save-{fid}",
            type="primary",
            on_click=state.save_edit,
            args=(store, fid, segment.id),
        )
    elif mode == "dismiss":
        st.selectbox("Reason", DISMISS_REASONS, key=state.widget_key("dismiss-reason", fid))
        st.text_input("Comment (optional)", key=state.widget_key("dismiss-comment", fid))
        st.button(
            "Dismiss finding",
            key=f"confirm-dismiss-{fid}",
            on_click=state.dismiss,
            args=(store, fid),
        )
        if twins > 1:
            st.button(
                f"Dismiss all {twins} identical",
                key=f"dismiss-all-{fid}",
                help="The same check on the same words, with the same suggestion",
                on_click=state.dismiss_identical,
                args=(store, fid),
            )
    elif mode == "comment":
        st.text_input("Comment", key=state.widget_key("comment-text", fid))
        st.button(
            "Add comment", key=f"add-comment-{fid}", on_click=state.add_comment, args=(store, fid)
        )


def resolved_expander(session: ReviewSession) -> None:
    """Accepted suggestions and edits: the checks no longer find them, so they are listed here."""
    done = state.resolved(session)
    with st.expander(f"Resolved ({len(done)})", expanded=False):
        if not done:
            st.caption("Nothing resolved yet: accept a suggestion or edit the English.")
        for decision in done:
            st.html(view.decision_html(decision))
