"""The landscape page's controls and nothing else: the floor under the page's rerun time.

Same app shell and same widgets as app_pages/landscape.py (decayviz.ui.sidebars), but no
computation and no chart. The difference to the landscape page is what its own work (math,
figures, charts, readouts) costs per rerun; the difference to the reference page is what its
controls cost in Streamlit.
"""

import streamlit as st

from decayviz.ui import controls as ui
from decayviz.ui.sidebars import landscape_controls

st.set_page_config(layout="wide")
lang = ui.language_selector()
ui.show_corrections(ui.load_page("landscape"), lang)
landscape_controls(lang)
ui.share_box("landscape", lang)
ui.write_url("landscape")
