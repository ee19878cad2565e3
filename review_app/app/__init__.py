"""The Streamlit review app: a thin page script (:mod:`streamlit_app`) over plain modules.

:mod:`.inputs` reads the app's arguments and opens a review, :mod:`.view` renders document text
as escaped HTML with highlights, :mod:`.exports` builds the downloads, :mod:`.state` holds what
lives in ``st.session_state`` and the actions' callbacks, :mod:`.ui` lays out the screens.
"""
