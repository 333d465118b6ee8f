"""Each session runs the script at a human pace (decayviz.pacing); a flood waits its turn."""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime import Runtime

from decayviz.pacing import Pace

PACE_KEY = "decayviz_pace"
MAX_WAIT_S = 2.0  # a single wait never exceeds this: the newest request still runs soon


def pace() -> None:
    """Called first in every script run: sleep if this session asks for runs too fast. The sleep
    holds no lock and no CPU; requests arriving meanwhile fold into one run after it."""
    if not Runtime.exists():  # AppTest drives scripts without a server: nothing to protect
        return
    bucket = st.session_state.setdefault(PACE_KEY, Pace())
    wait = bucket.wait_before_run(time.monotonic())
    if wait > 0:
        time.sleep(min(wait, MAX_WAIT_S))
