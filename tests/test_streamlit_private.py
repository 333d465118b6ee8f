"""Streamlit's private API, used in decayviz/ui/streamlit_private.py only, is still as used there;
and the one private attribute of AppTest the tests set (tests/helpers.new_session).

A real Runtime (not started: no server, no port) is built with Streamlit's own defaults; its
session manager must answer get_session_info for an unknown session with None, which is what
"dropped" means to the training janitor. If an upgrade moves it, this fails by name.
"""

import pytest
from helpers import new_session
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime import Runtime, RuntimeConfig
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

from decayviz.ui import streamlit_private


@pytest.fixture
def runtime():
    config = RuntimeConfig(
        script_path="app.py",
        media_file_storage=MemoryMediaFileStorage("/media"),
        uploaded_file_manager=MemoryUploadedFileManager("/upload"),
    )
    instance = Runtime(config)
    yield instance
    Runtime._instance = None  # the singleton: leave none behind for AppTest


def test_a_session_streamlit_never_had_counts_as_dropped(runtime):
    assert streamlit_private.session_dropped(runtime, "no-such-session") is True


def test_a_missing_private_api_fails_loudly_by_name():
    class NoSessionManager:
        pass

    with pytest.raises(streamlit_private.StreamlitChanged, match="_session_mgr"):
        streamlit_private.session_dropped(NoSessionManager(), "any")


def test_sessions_share_one_component_registry(monkeypatch):
    """AppTest still keeps its component registry where tests/helpers.new_session puts it: a
    second session's run looks for installed components no more."""
    new_session().run()
    searches = []
    monkeypatch.setattr(
        BidiComponentManager, "discover_and_register_components", lambda self, **_: searches.append(self)
    )
    at = new_session()
    at.run()
    assert not at.exception
    assert searches == []


def test_a_scripts_run_context_still_says_whether_back_or_forward_started_it(monkeypatch):
    """decayviz.ui.controls.load_page reads it: Back shows the scene before."""
    from dataclasses import fields

    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

    assert "is_history_navigation" in {field.name for field in fields(ScriptRunContext)}
    assert streamlit_private.history_navigation() is False  # outside a script run

    class Run:
        is_history_navigation = True

    monkeypatch.setattr(streamlit_private, "get_script_run_ctx", Run)
    assert streamlit_private.history_navigation() is True
    monkeypatch.setattr(streamlit_private, "get_script_run_ctx", object)
    with pytest.raises(streamlit_private.StreamlitChanged, match="is_history_navigation"):
        streamlit_private.history_navigation()
