"""The screens of the review app, laid out with Streamlit; the logic is in :mod:`.state`."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from glossary.explain import Entry, describe, entries, explain_match, find_entries
from glossary.load import load_glossary
from glossary.model import Glossary
from glossary.proposals import KIND_LABELS, PROPOSAL_KINDS
from review_app.app import inputs, state, view
from review_app.app.exports import exports
from review_app.app.findings_tab import findings_tab
from review_app.app.state import Store
from review_app.decision import Decision, in_force
from review_app.findings import Finding
from review_app.models import load_encoder_option, load_translator_option
from review_app.pipeline import analyze
from review_app.readers.bilingual import BILINGUAL_SUFFIXES
from review_app.review_store import ReviewSession


def glossary(store: Store) -> Glossary:
    """The glossary the app was started with (loaded once, again when its files change)."""
    return load_glossary(state.app_args(store).glossary)


def styles() -> None:
    st.html(view.CSS)


# -- opening -----------------------------------------------------------------------------------


def open_review(
    store: Store, paths: list[str], *, date: dt.date | None = None, store_dir: str | None = None
) -> ReviewSession | None:
    """Open the review of ``paths`` (a seed folder, or source and target) with a spinner."""

    def opener() -> ReviewSession:
        resolved = inputs.resolve_inputs(paths)
        args = state.app_args(store)
        return inputs.open_review(
            resolved,
            glossary(store),
            date=date,
            store_dir=store_dir or args.store_dir,
            # Loaded once per server process (review_app.models caches them by folder).
            translator=load_translator_option(args.mt_model),
            encoder=load_encoder_option(args.encoder),
        )

    with st.spinner("Aligning the documents and running the checks …"):
        return state.open_with(store, opener)


def open_from_arguments(store: Store) -> None:
    """Open what the command line gave (once per browser session)."""
    store[state.ARGS_PENDING] = False
    args = state.app_args(store)
    open_review(store, list(args.paths), store_dir=args.store_dir)


def start_error(store: Store) -> None:
    message = store.get(state.START_ERROR)
    if message:
        st.error(view.md_escape(str(message)))


def start_page(store: Store) -> None:
    """Open the seed release, two files by path, or two uploaded files."""
    st.title("Translation review")
    st.write("Review an English translation of a Chinese text for entity errors.")
    start_error(store)
    chosen_date = st.date_input(
        "Document date (optional)",
        value=None,
        key="start_date",
        help="Used to check officials' roles. Empty: the date in meta.yaml, if there is one.",
    )
    date = chosen_date if isinstance(chosen_date, dt.date) else None

    st.subheader("The seed release")
    if inputs.SEED_FOLDER.is_dir():
        st.caption("The Guangdong–Jilin release of 2023-11-10 and its English version.")
        if st.button("Open the seed release", type="primary", key="open-seed"):
            open_review(store, [str(inputs.SEED_FOLDER)], date=date)
            st.rerun()
    else:
        st.caption("The seed release is not installed here.")

    st.subheader("Files on this computer")
    left, right = st.columns(2)
    source = left.text_input(
        "Chinese source (path), a seed folder, or a bilingual file", key="start_source"
    )
    target = right.text_input("English translation (path)", key="start_target")
    if st.button("Open", key="open-paths"):
        open_review(store, [source, target], date=date)
        st.rerun()

    st.subheader("Upload files")
    st.caption(
        "Two documents (plain text in any common encoding, Markdown, HTML or Word .docx), "
        "or one bilingual file (XLIFF, TMX, TSV or CSV)."
    )
    left, right = st.columns(2)
    source_file = left.file_uploader("Chinese source", type=DOCUMENT_TYPES, key="upload_source")
    target_file = right.file_uploader(
        "English translation", type=DOCUMENT_TYPES, key="upload_target"
    )
    if st.button(
        "Open the uploaded files",
        key="open-uploads",
        disabled=not (source_file and target_file),
    ):
        _open_uploads(store, [source_file, target_file], date)
    bilingual_file = st.file_uploader(
        "Bilingual file", type=BILINGUAL_TYPES, key="upload_bilingual"
    )
    if st.button("Open the bilingual file", key="open-bilingual", disabled=not bilingual_file):
        _open_uploads(store, [bilingual_file], date)


DOCUMENT_TYPES = ["txt", "md", "html", "htm", "docx"]
# Every bilingual format the readers know, an .xml export read by its content, and the CAT
# tools' review table (.docx).
BILINGUAL_TYPES = sorted({suffix[1:] for suffix in BILINGUAL_SUFFIXES} | {"xml", "docx"})


def _open_uploads(store: Store, files: list[UploadedFile | None], date: dt.date | None) -> None:
    uploads = [(file.name, file.getvalue()) for file in files if file is not None]
    try:
        paths = inputs.save_uploads(uploads)
    except OSError as error:
        store[state.START_ERROR] = f"cannot keep the uploaded files: {error}"
        st.rerun()
    open_review(store, [str(path) for path in paths], date=date)
    st.rerun()


# -- the review screen -------------------------------------------------------------------------


def sidebar(store: Store, session: ReviewSession) -> None:
    """Who is reviewing, the filters, and moving between findings."""
    with st.sidebar:
        st.text_input("Reviewer", key=state.WHO, help="Recorded with every decision.")
        st.header("Filters")
        st.multiselect(
            "Severity",
            list(view.SEVERITY_ORDER),
            default=list(view.SEVERITY_ORDER),
            key=state.FILTER_SEVERITY,
        )
        checks = state.check_ids(session)
        st.multiselect("Check", checks, default=checks, key=state.FILTER_CHECK)
        st.multiselect(
            "Status", list(state.STATUSES), default=list(state.STATUSES), key=state.FILTER_STATUS
        )
        st.header("Navigate")
        if state.ONE_AT_A_TIME not in store:
            # A long list of findings opens as the table and the selected card only: a page of
            # many cards is slow to draw and to read.
            store[state.ONE_AT_A_TIME] = len(session.findings) > state.CARDS_AT_ONCE
        st.toggle("One finding at a time", key=state.ONE_AT_A_TIME)
        left, right = st.columns(2)
        left.button(
            "◀ Previous",
            key="nav-previous",
            help="The previous finding listed",
            on_click=state.move,
            args=(store, -1),
            shortcut="K",
        )
        right.button(
            "Next ▶",
            key="nav-next",
            help="The next finding listed",
            on_click=state.move,
            args=(store, 1),
            shortcut="J",
        )
        st.button(
            "↶ Undo last decision",
            key="undo",
            help="Take back the last decision (a fix gives back the English of before)",
            on_click=state.undo,
            args=(store,),
            shortcut="U",
            disabled=not in_force(session.decisions),
        )
        st.caption(
            "Keys: J next, K previous, U undo; on the selected finding A accepts, E edits, "
            "D dismisses, O reopens."
        )
        st.divider()
        st.button("Close this review", key="close-review", on_click=state.close, args=(store,))


def header(session: ReviewSession) -> None:
    # A small heading, so that the findings start above the fold on a laptop screen.
    st.subheader("Translation review")
    date = session.options.date.isoformat() if session.options.date else "no date"
    origin = f" ({session.options.date_origin})" if session.options.date_origin else ""
    st.html(
        view.path_html("Chinese:", session.source.path)
        + view.path_html("English:", session.target.path)
        + view.path_html("Date:", date + origin)
        + view.path_html("Review saved in:", str(session.store_path))
    )


def disk_notice(session: ReviewSession) -> None:
    """Say so when the documents changed since the review was saved; list orphaned decisions."""
    if session.changed_on_disk:
        st.info(
            "The documents changed on disk since this review was saved. The pair was aligned "
            "afresh and each decision was re-attached to the segment with the same Chinese."
        )
    if session.merged_from_disk:
        st.info(
            f"{session.merged_from_disk} decision(s) saved to this review by another window "
            "were merged in."
        )
    if session.orphans:
        with st.expander(
            f"{len(session.orphans)} decision(s) could not be re-attached", expanded=True
        ):
            st.html("".join(_orphan_html(d) for d in session.orphans))


def _orphan_html(decision: Decision) -> str:
    parts = [view.status_badge(decision.action)]
    for label, value in (
        ("check", decision.check),
        ("by", decision.who),
        ("on", decision.when),
        ("reason", decision.reason),
        ("comment", decision.comment),
        ("Chinese", decision.source_text),
        ("English", decision.target_span),
    ):
        if value:
            parts.append(f"<b>{view.escape(label)}</b> {view.escape(str(value))} ")
    return f"<div>{''.join(parts)}</div>"


def summary(session: ReviewSession) -> None:
    """Counts by severity and by check, and how many findings are open."""
    findings = session.findings
    columns = st.columns(6)
    # The severities count the open findings only: a dismissed critical is no longer one.
    still_open = [f for f in findings if session.status(f.id) == "open"]
    for column, (severity, count) in zip(
        columns, state.counts_by_severity(still_open).items(), strict=False
    ):
        column.metric(severity.capitalize(), count)
    statuses = state.counts_by_status(session)
    columns[4].metric("Open", statuses["open"])
    columns[5].metric("Resolved", len(state.resolved(session)))
    by_check = state.counts_by_check(findings)
    if by_check:
        rows = "".join(
            f"<tr><td class='br-check'>{view.escape(check)}</td>"
            + "".join(f"<td>{row[severity]}</td>" for severity in view.SEVERITY_ORDER)
            + f"<td><b>{sum(row.values())}</b></td></tr>"
            for check, row in by_check.items()
        )
        head = "".join(f"<th>{severity}</th>" for severity in view.SEVERITY_ORDER)
        with st.expander(f"By check ({len(by_check)})"):
            st.html(
                f'<table class="br-doc br-summary"><tr><th>check</th>{head}<th>total</th></tr>'
                f"{rows}</table>"
            )


def flashes(store: Store) -> None:
    for message in state.take_flash(store):
        show = {"success": st.success, "error": st.error}.get(message.kind, st.info)
        show(view.md_escape(message.text))
        if message.diff_html:
            st.html(message.diff_html)


def document_tab(store: Store, session: ReviewSession) -> None:
    """Every aligned pair side by side, with the current findings marked and the confidence."""
    segments = session.current_segments()
    to_check = state.alignment_to_check(segments)
    st.toggle(
        f"Only the alignment to check ({len(to_check)} pairs below "
        f"{state.CONFIDENCE_TO_CHECK:.2f}), the least sure first",
        key=state.TO_CHECK,
    )
    shown = to_check if store.get(state.TO_CHECK) else segments
    st.caption(
        f"{len(shown)} of {len(segments)} aligned pairs; the number on the left is the pair and "
        "its alignment confidence. Edited English is shown as edited."
    )
    st.html(view.document_html(shown, session.findings))
    alignment_panel(store, session, [s.id for s in shown] or [s.id for s in segments])


def alignment_panel(store: Store, session: ReviewSession, choices: list[int]) -> None:
    """Merge a pair with the next, or split it: the checks run again on the new pairs.
    ``choices``: the pairs the picker offers, in the order shown above."""
    segments = session.current_segments()
    st.subheader("Fix the alignment")
    changes = state.alignment_changes(session)
    if changes:
        st.caption(f"{len(changes)} change(s) made by hand; pairs fixed by hand show 1.00.")
    if store.get(state.PAIR) not in choices:
        store[state.PAIR] = choices[0]
    labels = {i: f"{i} · {segments[i].confidence:.2f} · {segments[i].source[:30]}" for i in choices}
    # The browser keeps showing a keyed picker's old label when only the labels change (a
    # split gives back as many pairs as before the merge): a picker of new labels is a new one.
    picker = state.widget_key("pair", hashlib.sha1("\n".join(labels.values()).encode()).hexdigest())
    segment_id = st.selectbox(
        "Pair",
        choices,
        index=choices.index(store[state.PAIR]),
        key=picker,
        format_func=labels.__getitem__,
        on_change=state.pick_pair,
        args=(store, picker),
        help="The number and confidence shown in the table above.",
    )
    segment = segments[int(segment_id or 0)]
    zh = [session.alignment.src_sentences[i] for i in segment.source_sentences]
    en = session.english_sentences(segment.id)
    left, right = st.columns(2)
    with left:
        st.html(view.sentences_html(zh, "zh"))
    with right:
        st.html(view.sentences_html(en, "en"))
    st.button(
        "Merge with the next pair",
        key="merge-pair",
        disabled=segment.id >= len(segments) - 1,
        on_click=state.merge_pairs,
        args=(store, segment.id),
    )
    # Only a pair with two sentences on a side can be split so that each part keeps one: a
    # one-sentence pair on each side offers nothing that would not fail.
    if max(len(zh), len(en)) > 1:
        left, right = st.columns(2)
        left.selectbox(
            "Chinese sentences in the first part",
            range(len(zh) + 1),
            index=min(1, len(zh)),
            key=state.widget_key("split-source", str(segment.id)),
        )
        right.selectbox(
            "English sentences in the first part",
            range(len(en) + 1),
            index=min(1, len(en)),
            key=state.widget_key("split-target", str(segment.id)),
        )
        st.button(
            "Split this pair",
            key="split-pair",
            on_click=state.split_pair,
            args=(store, segment.id),
        )


def glossary_tab(store: Store, session: ReviewSession) -> None:
    """Search the glossary, see why a finding's entities matched, propose an entry."""
    st.subheader("Search the glossary")
    term = st.text_input("Chinese, English or entry id", key=state.GLOSSARY_SEARCH)
    if term.strip():
        found = find_entries(session.glossary, term)
        st.caption(f"{len(found)} entr{'y' if len(found) == 1 else 'ies'} match.")
        if found:
            st.html(view.entries_html(found))
    findings = {finding.id: finding for finding in session.findings}
    if findings:
        why_it_matched(store, session, findings)
    proposal_form(store)


def why_it_matched(store: Store, session: ReviewSession, findings: dict[str, Finding]) -> None:
    st.subheader("Why it matched")
    if store.get(state.GLOSSARY_FINDING) not in findings:
        chosen = store.get(state.SELECTED)
        store[state.GLOSSARY_FINDING] = chosen if chosen in findings else next(iter(findings))
        state.prefill_proposal(store)
    ids: list[str] = list(findings)
    finding_id = st.selectbox(
        "Finding",
        ids,
        key=state.GLOSSARY_FINDING,
        format_func=lambda fid: _finding_label(findings[fid]),
        on_change=state.prefill_proposal,
        args=(store,),
    )
    finding = findings[str(finding_id)]
    segment = session.current_segments()[finding.segment]
    analyzed = analyze([segment], session.glossary, session.options.date).segments[0]
    left, right = st.columns(2)
    with left:
        lines = [
            explain_match(m, session.glossary, segment.source) for m in analyzed.source_entities
        ]
        st.html(view.explanations_html("Chinese", lines))
    with right:
        lines = [
            explain_match(m, session.glossary, segment.target) for m in analyzed.target_entities
        ]
        st.html(view.explanations_html("English", lines))
    entry = _entry(session, finding.glossary_id)
    if entry is not None:
        st.caption("The entry the finding cites:")
        st.html(view.entries_html([describe(entry, session.glossary)]))


def _finding_label(finding: Finding) -> str:
    span = finding.target_span or finding.source_span
    return f"segment {finding.segment} · {finding.check} · {span.text if span else ''}"


def _entry(session: ReviewSession, entry_id: str | None) -> Entry | None:
    glossary = session.glossary
    if not entry_id:
        return None
    for entry in entries(glossary):
        if entry.id == entry_id:
            return entry
    return None


def proposal_form(store: Store) -> None:
    """A new entry or variant, prefilled from the finding chosen above; it goes to the
    proposals file for an editor, never into the curated glossary."""
    st.subheader("Propose an entry or a variant")
    st.caption(
        f"Proposals are written to {state.proposals_file(store)} for a glossary editor to "
        "review; the glossary in use does not change."
    )
    st.selectbox(
        "Kind",
        PROPOSAL_KINDS,
        key=state.proposal_key("kind"),
        format_func=lambda kind: KIND_LABELS[kind],
    )
    left, right = st.columns(2)
    left.text_input("Chinese", key=state.proposal_key("zh"))
    right.text_input("English (required rendering)", key=state.proposal_key("en"))
    left.text_input(
        "Entry it belongs to (id)",
        key=state.proposal_key("entry"),
        help="For a variant or a false friend: the id of the existing entry, e.g. province.jilin",
    )
    right.text_input("Wrong English to flag (optional)", key=state.proposal_key("forbidden"))
    st.text_input("Note for the editor (source, context)", key=state.proposal_key("note"))
    st.button("Propose", key="propose", on_click=state.propose, args=(store,))


def export_tab(session: ReviewSession) -> None:
    """Download buttons; each file is made when its button is clicked."""
    st.caption(f"Decisions are saved as they are made, in {Path(session.store_path).name}.")
    for item in exports(session):
        st.download_button(
            item.label,
            data=item.data,
            file_name=item.file_name,
            mime=item.mime,
            key=f"download-{item.file_name}",
            on_click="ignore",
        )


def review_screen(store: Store, session: ReviewSession) -> None:
    """The review of one document pair."""
    sidebar(store, session)
    header(session)
    disk_notice(session)
    summary(session)
    flashes(store)
    # Keyed, so that an action in a tab (Merge, Split, Propose) keeps that tab on the rerun;
    # on_change="rerun" runs only the open tab's content, which keeps each click fast.
    findings, document, glossary_panel, export = st.tabs(
        ["Findings", "Document", "Glossary", "Export"], key=state.TAB, on_change="rerun"
    )
    if findings.open:
        with findings:
            findings_tab(store, session)
    if document.open:
        with document:
            document_tab(store, session)
    if glossary_panel.open:
        with glossary_panel:
            glossary_tab(store, session)
    if export.open:
        with export:
            export_tab(session)
