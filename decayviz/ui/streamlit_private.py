"""The one place decayviz reaches into Streamlit's private API, so an upgrade breaks it loudly.

Streamlit's public Runtime says whether a session is *active* (its tab connected); it has no
public way to tell a session that lost its tab but may reconnect from one Streamlit has dropped.
Its session manager knows: `Runtime._session_mgr.get_session_info(id)` is None once dropped.
tests/test_streamlit_private.py checks, on the installed Streamlit, that this still exists and
answers as used here.
"""

from __future__ import annotations

from streamlit.runtime import Runtime


class StreamlitChanged(RuntimeError):
    """Streamlit's private session manager is not where decayviz expects it: see this module."""


def session_dropped(runtime: Runtime, session_id: str) -> bool:
    """Whether Streamlit has forgotten this session (its tab closed for good)."""
    try:
        session_manager = runtime._session_mgr
        get_session_info = session_manager.get_session_info
    except AttributeError as missing:
        raise StreamlitChanged(
            "Streamlit's Runtime._session_mgr.get_session_info is gone; update "
            "decayviz/ui/streamlit_private.py for this Streamlit version"
        ) from missing
    return get_session_info(session_id) is None
