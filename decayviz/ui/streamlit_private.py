"""The one place decayviz reaches into Streamlit's private API, so an upgrade breaks it loudly.

Streamlit's public Runtime says whether a session is *active* (its tab connected); it has no
public way to tell a session that lost its tab but may reconnect from one Streamlit has dropped.
Its session manager knows: `Runtime._session_mgr.get_session_info(id)` is None once dropped.
Nor does it say why a script runs: its run context's `is_history_navigation` is True for a rerun
that the browser's Back or Forward started. tests/test_streamlit_private.py checks, on the
installed Streamlit, that both still exist and answer as used here.
"""

from __future__ import annotations

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx


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


def history_navigation() -> bool:
    """Whether this script run was started by the browser's Back or Forward button."""
    context = get_script_run_ctx()
    if context is None:  # not in a script run (bare mode)
        return False
    try:
        return bool(context.is_history_navigation)
    except AttributeError as missing:
        raise StreamlitChanged(
            "Streamlit's ScriptRunContext.is_history_navigation is gone; update "
            "decayviz/ui/streamlit_private.py for this Streamlit version"
        ) from missing
