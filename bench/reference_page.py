"""The bare reference page: one slider, one plotly line chart. Pages are timed against it.

Like the app's pages, it takes its slider from the URL (?frequency=...), so the benchmarks
change it the same way.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

if "frequency" in st.query_params:
    st.session_state["ctl_frequency"] = float(st.query_params["frequency"])
frequency = st.slider("frequency", 1.0, 10.0, 2.0, 0.5, key="ctl_frequency")
x = np.linspace(0.0, 1.0, 200)
st.plotly_chart(go.Figure(go.Scatter(x=x, y=np.sin(2 * np.pi * frequency * x))))
