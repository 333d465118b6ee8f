"""Every text a chart draws, measured in the browser on every page, section and scene, at the
three sizes of the room (1024×768, 1366×768, a 390×844 phone) and in both languages: titles,
axis titles, annotations, legend entries, text marks and tick labels lie inside their chart
(and inside the plot area that clips them), clear of each other, no tick label or axis title
lies under a plot area (an inset's, or the next panel's), and no legend over a data point.

Each page opens once per kind of screen, a desktop tab (measured at 1366 px and at 1024 px) and
a phone tab (is_mobile), and goes from one section or scene to the next as a student would, by
its section picker or its scene buttons: a rerun in the same tab draws the same charts as a new
load of the scene's link (the address bar must then say that link's query) for a fraction of the
browser's work. The network page's runs are each opened by their link. Every page and section is
measured in both languages; the chapter's scenes, which change numbers and ranges more than
words, each in one, alternately, so that both languages see every kind of chart and the module
stays quick; the scenes beyond the chapter (their own words and ranges) in both."""

from __future__ import annotations

import contextlib
import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from conftest import FOLD_STATE, open_sidebar, wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from support.chart_text import measured, under_the_modebar

from decayviz.i18n import t
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, encode, page_fields, parse

pytestmark = [pytest.mark.browser, pytest.mark.long]

SPARSITY_VIEWS = FIELD["s_view"].options

LAPTOP, PROJECTOR, PHONE = (1366, 768), (1024, 768), (390, 844)
CHART = '[data-testid="stPlotlyChart"]'

LANGS = ("en", "ko")
SECTIONS = {"landscape": ["/?"], "sparsity": [f"/sparsity?s_view={view}&" for view in SPARSITY_VIEWS]}


# The views beyond the chapter draw words and ranges of their own (annotations, log axes down to
# 1e-14): each of their scenes is measured in both languages.
BEYOND = ("lowrank", "normalized", "early_stop")


def urls(page: str, lang: str) -> list[str]:
    """The page's sections in `lang`, every other one of its chapter's scenes (the rest in the
    other language) and every scene beyond the chapter."""
    path = "/?" if page == "landscape" else f"/{page}?"
    chapter = [name for name in PRESETS[page] if not name.startswith(BEYOND)]
    beyond = [name for name in PRESETS[page] if name.startswith(BEYOND)]
    scenes = [*chapter[LANGS.index(lang) :: 2], *beyond]
    return [*SECTIONS[page], *(f"{path}preset={name}&" for name in scenes)]


NETWORK_TABS = 3  # the α sweep, the weights, the decision boundaries (the fourth is code)
# Network scenes only draw once trained: the default scene (digits, trained on opening) and
# short runs of the scenes whose charts say something the default's do not (a kept epoch in
# the legend, decision boundaries, six α and R² as the score, a diverged α).
NETWORK_RUNS = [  # English gets the even ones, Korean (wider legend entries) the odd ones
    "preset=n_overfit&n_epochs=4",
    "preset=n_early_stop&n_epochs=6",
    "preset=n_u_curve&n_epochs=3",
    "preset=n_diverges&n_epochs=3",
]
# Beyond the chapter, in both languages after a short run: grokking's accuracy and norm curves
# under the live ones, and the grid mode's lr × α heatmaps (no tabs: the heatmaps alone).
NETWORK_BEYOND_RUNS = ["preset=n_grokking&n_epochs=20", "preset=n_grid&n_epochs=1"]


@pytest.fixture
def screens(tab_at):
    """A desktop tab (resized between the laptop and the projector) and a phone tab, warm from
    the session's pool."""
    return [{"desktop": tab_at("laptop"), "phone": tab_at("phone")}]


def size(pair: tuple[int, int]) -> dict:
    return dict(zip(("width", "height"), pair, strict=True))


def ready(tab) -> None:
    wait_for_app(tab)
    tab.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)


def check(tab, where: str) -> list:
    found = measured(tab)
    assert found["charts"] >= 1, f"{where}: no chart"
    return [{"where": where, **problem} for problem in found["problems"]]


# The Streamlit keys (st-key-…) of the charts drawn on the page (in the open tab's panel)
VISIBLE_CHART_KEYS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter((chart) => chart.getBoundingClientRect().width > 0)
    .map((chart) => [...chart.closest('[class*="st-key-"]').classList]
        .find((name) => name.startsWith('st-key-')))"""


def pointed_at(tab, where: str) -> list:
    """Each chart of the page pointed at, as a teacher does on a projector: the texts plotly's
    modebar then covers, each with its place."""
    return [
        {"where": where, "chart": key, "under the modebar": covered}
        for key in tab.evaluate(VISIBLE_CHART_KEYS)
        if (covered := under_the_modebar(tab, f".{key}"))
    ]


def survey(pairs: list, urls: list[str], start=None, views=(None,)) -> list:
    """Every URL at the three sizes, loaded in each pair of tabs in turn. `start(tab)` runs once a tab
    has drawn (to press Train, say); each of `views` (None, or a function of the tab that opens
    a part of the page) is measured, and on the two wide screens each chart is pointed at too
    (pointed_at). The problems found, each with its place."""
    problems, pending = [], []

    def measure_views(tab, url: str) -> None:
        width, height = tab.viewport_size["width"], tab.viewport_size["height"]
        for view in views:
            if view:
                view(tab)
            problems.extend(check(tab, f"{url} at {width}×{height}"))
            if width > PHONE[0]:
                problems.extend(pointed_at(tab, f"{url} at {width}×{height}"))

    def finish() -> None:
        pair, url = pending.pop(0)
        measure_views(pair["phone"], url)
        pair["desktop"].set_viewport_size(size(PROJECTOR))
        measure_views(pair["desktop"], url)

    for index, url in enumerate(urls):
        if len(pending) == len(pairs):
            finish()
        pair = pairs[index % len(pairs)]
        pair["desktop"].set_viewport_size(size(LAPTOP))
        for tab in pair.values():
            tab.goto(url)
        if start:  # a run's page may have no chart until trained (the grid mode's)
            for tab in pair.values():
                wait_for_app(tab)
                start(tab)
        for tab in pair.values():
            ready(tab)
        measure_views(pair["desktop"], url)  # at 1366 px; the projector and the phone in finish()
        pending.append((pair, url))
    while pending:
        finish()
    return problems


def readable(problems: list) -> str:
    return "\n".join(json.dumps(problem, ensure_ascii=False) for problem in problems)


PILLS = '[data-testid="stSidebar"] [data-testid="stButtonGroup"] [role="radio"]'


def written_query(page: str, path: str, lang: str) -> dict[str, str]:
    """The query the app writes in the address bar once it shows `path`'s section or scene in
    `lang`: every value not at its default (decayviz.ui.controls.scene_query)."""
    query = dict(parse_qsl(urlsplit(path).query))
    values = {**parse({**query, "lang": lang})[0], **PRESETS[page].get(query.get("preset"), {})}
    names = [field.name for field in page_fields(page)] + ["lang"]
    return encode({name: values[name] for name in names if values[name] != FIELD[name].default})


def address(tab) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(tab.url).query))


def go_to(tab, path: str, lang: str) -> None:
    """Show `path`'s section or scene in the open page as a student would: its section in the
    section picker, its scene among the scene buttons (on a phone, in the sidebar opened first;
    it closes itself on the click)."""
    query = dict(parse_qsl(urlsplit(path).query))
    if "preset" in query:
        expand = tab.get_by_test_id("stExpandSidebarButton")
        closed = expand.is_visible()
        if closed:  # a click while the sidebar slides in may miss its button
            open_sidebar(tab)
        tab.locator(PILLS, has_text=t(f"preset.{query['preset']}", lang)).click()
        if closed:
            try:
                expand.wait_for()
            except PlaywrightTimeout:  # the app did not fold the phone's sidebar: say what it shows
                raise AssertionError(
                    f"{path}: the sidebar did not fold after the scene's click: {tab.evaluate(FOLD_STATE)}"
                ) from None
    else:
        label = FIELD["s_view"].widget_args(lang)["format_func"](query["s_view"])
        main = tab.get_by_test_id("stMainBlockContainer")
        main.get_by_test_id("stRadio").get_by_text(label, exact=True).click()


def shows(tab, expected: dict[str, str], where: str) -> None:
    """Wait until the app has written the scene's query in the address bar, its run has ended and
    its charts are drawn."""
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below says what it shows instead
        tab.wait_for_url(lambda url: dict(parse_qsl(urlsplit(url).query)) == expected, timeout=60_000)
    assert address(tab) == expected, f"{where}: the address bar says {tab.url}, not {expected}"
    ready(tab)


def survey_scenes(tabs: dict, app_url: str, page: str, lang: str) -> list:
    """The page's sections and scenes in `lang`, each measured at the three sizes: the page is
    loaded once per tab, and each next section or scene picked in it. The desktop tab picks at
    1366 px and is then narrowed to 1024 px (a chart widened from 1024 px is not laid out as
    one drawn at 1366 px: plotly's margins stay, so it is widened before the next pick)."""
    problems = []
    desktop, phone = tabs["desktop"], tabs["phone"]
    for index, path in enumerate(urls(page, lang)):
        url = f"{app_url}{path}lang={lang}"
        expected = written_query(page, path, lang)
        desktop.set_viewport_size(size(LAPTOP))
        for tab in (desktop, phone):
            if index == 0:
                tab.goto(url)
            else:
                ready(tab)
                go_to(tab, path, lang)
            shows(tab, expected, url)
        for width in (LAPTOP, PROJECTOR):
            desktop.set_viewport_size(size(width))
            problems.extend(check(desktop, f"{url} at {width[0]}×{width[1]}"))
        problems.extend(check(phone, f"{url} at {PHONE[0]}×{PHONE[1]}"))
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ["landscape", "sparsity"])
def test_chart_text_is_clear(screens, app_url, page, lang):
    """The landscape's and the sparsity page's charts, in every section and scene."""
    problems = survey_scenes(screens[0], app_url, page, lang)
    assert problems == [], readable(problems)


# The open tab's panel has drawn what its view shows (a view is built when its tab opens): a
# chart, or the note that stands for one.
VIEW_DRAWN = """() => [...document.querySelectorAll('[role="tabpanel"]')]
    .filter((panel) => panel.getBoundingClientRect().width > 0)
    .some((panel) => panel.querySelector('[data-testid=stPlotlyChart] .main-svg, [data-testid=stAlert]'))"""


def open_view(index: int):
    """A function that opens the page's index-th tab (st.tabs) and waits for its view to draw."""

    def view(tab) -> None:
        heading = tab.get_by_role("tab").nth(index)
        heading.click()
        expect(heading).to_have_attribute("aria-selected", "true")
        tab.wait_for_function(VIEW_DRAWN, timeout=30_000)

    return view


def train(lang: str):
    """A function that presses Train and waits for the run to end and the page to redraw."""

    def start(tab) -> None:
        main = tab.get_by_test_id("stMainBlockContainer")
        main.get_by_role("button", name=t("network.train", lang), exact=True).click()
        main.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=120_000)
        wait_for_app(tab)

    return start


NETWORK_VIEWS = tuple(open_view(i) for i in range(NETWORK_TABS))


@pytest.mark.parametrize("lang", LANGS)
def test_network_chart_text_is_clear(screens, app_url, lang):
    """The network page: the default scene's live curves and every tab's charts, then short
    runs of the scenes whose charts differ from it, trained in the page, alternately in
    either language; and in both, short runs of grokking and of the lr × α grid."""
    problems = survey(screens, [f"{app_url}/network?lang={lang}"], views=NETWORK_VIEWS)
    runs = [f"{app_url}/network?{query}&lang={lang}" for query in NETWORK_RUNS[LANGS.index(lang) :: 2]]
    problems += survey(screens, runs, start=train(lang), views=NETWORK_VIEWS)
    beyond = [f"{app_url}/network?{query}&lang={lang}" for query in NETWORK_BEYOND_RUNS]
    problems += survey(screens, beyond, start=train(lang))
    assert problems == [], readable(problems)


def test_legend_stays_off_the_plot_when_the_window_widens(tab_at, app_url):
    """A teacher widens the window from the projector's 1024 px to 1366: plotly keeps a legend
    placed by the plot where the narrower chart had put it (plotly.js issue 6492), which covered
    the plot's top tick in this scene; the landscape's legend is placed by the chart's top."""
    tab = tab_at("projector")
    tab.goto(f"{app_url}/?preset=adam_vs_adamw&lang=en")
    ready(tab)
    opened = check(tab, "opened at 1024×768")
    assert opened == [], readable(opened)
    tab.set_viewport_size(size(LAPTOP))
    problems = check(tab, "widened to 1366×768")
    assert problems == [], readable(problems)
