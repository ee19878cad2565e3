"""The review app's page: ``streamlit run review_app/app/streamlit_app.py -- [ARGS]``.

ARGS: a seed folder (``source.zh.txt``, ``release.en.txt``, ``meta.yaml``), or SOURCE TARGET,
and ``--store-dir DIR`` to keep the review there instead of beside the English file. Without
paths the start page offers the seed release, two paths, or two uploads. This script only wires
the screens together; see :mod:`review_app.app.ui` and :mod:`review_app.app.state`.
"""

from __future__ import annotations

import streamlit as st

from review_app.app import state, ui

st.set_page_config(page_title="bireview: translation review", layout="wide")
ui.styles()
state.init(st.session_state)

if st.session_state.get(state.ARGS_PENDING):
    ui.open_from_arguments(st.session_state)

session = state.session_of(st.session_state)
if session is None:
    ui.start_page(st.session_state)
else:
    ui.review_screen(st.session_state, session)
