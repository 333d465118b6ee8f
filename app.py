"""decayviz entry point: page config, the language switch, navigation over the pages."""

# pandas is imported here, before any page runs: two sessions importing it for the first time
# at once (through plotly's encoder and st.dataframe) once left a half-initialized module.
import pandas  # noqa: F401
import streamlit as st

from decayviz.i18n import t
from decayviz.ui.controls import language_selector

st.set_page_config(page_title="decayviz", page_icon="⚖️", layout="wide")

lang = language_selector()
st.sidebar.caption(t("app.title", lang))

# (file, url path); titles come from i18n as "page.<url path>". The first page opens at the
# root URL; a hidden twin keeps its own path (/landscape) working for links typed by hand.
PAGES = (
    ("app_pages/landscape.py", "landscape"),
    ("app_pages/sparsity.py", "sparsity"),
    ("app_pages/network.py", "network"),
)
(home_path, home_url), *others = PAGES
pages = [st.Page(home_path, title=t(f"page.{home_url}", lang), url_path="home", default=True)]
pages += [st.Page(path, title=t(f"page.{url}", lang), url_path=url) for path, url in others]
pages.append(st.Page(home_path, title=t(f"page.{home_url}", lang), url_path=home_url, visibility="hidden"))
st.navigation(pages).run()
