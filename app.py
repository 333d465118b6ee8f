"""decayviz entry point: page config, the language switch, navigation over the pages."""

import streamlit as st

from decayviz.i18n import t
from decayviz.state import PAGES
from decayviz.ui import a11y, classroom, style, training
from decayviz.ui.controls import language_selector, presentation_toggle, scene_chosen
from decayviz.ui.pacing import pace


def plotly_skips_half_imported() -> None:
    """plotly's JSON encoder looks pandas up in sys.modules (never importing it) and reads
    pd.NaT for every None in a spec: a pandas that another thread is still importing (the
    warm-up's scikit-learn, the network page's results table) would fail a chart with an
    AttributeError. Seen half-imported, a module counts as absent (the specs hold no pandas
    objects); so pandas, ~0.3 s to import, stays out of a fresh server's first page."""
    from plotly.io import _json

    look_up = _json.get_module
    if getattr(look_up, "skips_half_imported", False):
        return

    def get_module(name: str, should_load: bool = True):
        module = look_up(name, should_load=should_load)
        return None if getattr(getattr(module, "__spec__", None), "_initializing", False) else module

    get_module.skips_half_imported = True
    _json.get_module = get_module


plotly_skips_half_imported()  # once per server: later runs find it done
st.set_page_config(page_title="decayviz", page_icon=":material/balance:", layout="wide")
pace()  # a session flooding the server with reruns waits here, not the rest of the class


def pages(lang: str) -> list:
    """The app's pages, titled in `lang` (from i18n as "page.<page>"). The first opens at the
    root URL; a hidden twin keeps its own path (/landscape) working for links typed by hand.

    Kept per session: building them resolves paths on disk (about 0.5 ms a rerun), and
    st.navigation marks the one to run on the objects, so sessions must not share them."""
    key = f"decayviz_pages_{lang}"
    if key not in st.session_state:
        home, *others = PAGES
        title = {page: t(f"page.{page}", lang) for page in PAGES}
        st.session_state[key] = [
            st.Page(f"app_pages/{home}.py", title=title[home], url_path="home", default=True),
            *(st.Page(f"app_pages/{page}.py", title=title[page], url_path=page) for page in others),
            st.Page(f"app_pages/{home}.py", title=title[home], url_path=home, visibility="hidden"),
        ]
    return st.session_state[key]


lang = language_selector()
present = presentation_toggle(lang)
classroom.sidebar(lang)  # open, join (a ?class= link) or leave a class
if present:  # the presentation view: the sidebar folds away, type grows
    st.set_page_config(initial_sidebar_state="collapsed")
# <html lang>, keyboard for animations, a phone's sidebar folded after a scene, the style: one element
a11y.page_setup(lang, style.css(present), scene_chosen())
listed = pages(lang)
home, *_, twin = listed
page = st.navigation({t("app.title", lang): listed})  # the app's name heads the page list
if page is twin:  # opened as /landscape: go on at the root, where the page list marks the page
    st.switch_page(home, query_params=st.query_params.to_dict())
training.warm_up()  # PyTorch and the network page's default scene, in the background, once
if page.url_path != "network":
    training.leave_page()  # a training request still waiting in the queue is withdrawn
page.run()
