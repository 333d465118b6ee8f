"""Streamlit's private API, used in decayviz/ui/streamlit_private.py only, is still as used there.

A real Runtime (not started: no server, no port) is built with Streamlit's own defaults; its
session manager must answer get_session_info for an unknown session with None, which is what
"dropped" means to the training janitor. If an upgrade moves it, this fails by name.
"""

import pytest
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
