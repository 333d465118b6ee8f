"""decayviz entry point: page config, the language switch, navigation over the pages."""

# pandas is imported here, before any page runs: two sessions importing it for the first time
# at once (through plotly's encoder and st.dataframe) once left a half-initialized module.
import pandas  # noqa: F401
import streamlit as st

from decayviz.i18n import t
from decayviz.state import PAGES
from decayviz.ui.controls import language_selector

st.set_page_config(page_title="decayviz", page_icon="⚖️", layout="wide")

lang = language_selector()
st.sidebar.caption(t("app.title", lang))

# Titles come from i18n as "page.<page>". The first page opens at the root URL; a hidden twin
# keeps its own path (/landscape) working for links typed by hand.
home, *others = PAGES
pages = [st.Page(f"app_pages/{home}.py", title=t(f"page.{home}", lang), url_path="home", default=True)]
pages += [st.Page(f"app_pages/{page}.py", title=t(f"page.{page}", lang), url_path=page) for page in others]
pages.append(
    st.Page(f"app_pages/{home}.py", title=t(f"page.{home}", lang), url_path=home, visibility="hidden")
)
st.navigation(pages).run()
