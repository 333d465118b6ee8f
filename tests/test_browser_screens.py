"""The room the app is made for, in a real browser: a projector (1024×768), a laptop (1366×768)
and a student's phone (390×844). Geometry is asserted from bounding boxes; screenshots of every
size go to tests/screenshots/ for a person to look at."""

from __future__ import annotations

import time

import pytest
from conftest import FOLD_STATE, context_kind, open_sidebar, shoot, wait_for_app, wait_for_charts
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

CHART = '[data-testid="stPlotlyChart"]'
BANDS = "g.scatterlayer path.js-fill"  # filled traces: the contour bands and the ball
DESKTOPS = {"projector": (1024, 768), "laptop": (1366, 768)}
PHONE = (390, 844)


def open_page(tab, url: str) -> None:
    tab.goto(url)
    wait_for_app(tab)
    tab.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
    wait_for_charts(tab)


TO_THE_TOP = "() => { for (const element of document.querySelectorAll('*')) element.scrollTop = 0; }"


KEEP = {"desktop": 8, "phone": 1}  # pages kept open, by kind of tab


class ShownPages:
    """Pages already opened, kept in their tabs across the module's tests (at most KEEP of each
    kind): a test that checks a URL at a size another test opened it at gets that tab, scrolled
    back to the top, instead of loading the page again (~1.6 s of the browser's CPU). Never at
    another size: after a resize plotly does not place legends and square plots as a page
    opened at that size does. A tab whose test changed the page (a click, Play) or failed goes
    back to the pool emptied."""

    def __init__(self, pool) -> None:
        self.pool = pool
        self.kept: dict[str, list] = {"desktop": [], "phone": []}  # the least recently used first

    def blank(self, size: str):
        """A tab of that size from the pool, making room for it among the kept ones."""
        kind = context_kind(size)
        if len(self.kept[kind]) >= KEEP[kind]:
            self.pool.give_back(self.kept[kind].pop(0))
        tab = self.pool.borrow(size)
        tab.shown = None
        return tab

    def show(self, url: str, size: str):
        """A tab of that size showing url at the top of the page, its charts drawn."""
        kind = context_kind(size)
        shown = (url, size)
        tab = next((tab for tab in self.kept[kind] if tab.shown == shown), None)
        if tab is None:
            tab = self.blank(size)
            open_page(tab, url)
            tab.shown = shown
        else:
            self.kept[kind].remove(tab)
            tab.evaluate(TO_THE_TOP)
            wait_for_charts(tab)
        tab.size_name = size
        return tab

    def take_back(self, tab, keep: bool) -> None:
        if keep and tab.shown is not None and not tab.is_closed():
            self.kept[tab.pool_kind].append(tab)
        else:
            self.pool.give_back(tab)

    def close(self) -> None:
        for tab in self.kept["desktop"] + self.kept["phone"]:
            self.pool.give_back(tab)


@pytest.fixture(scope="module")
def shown_pages(tab_pool):
    pages = ShownPages(tab_pool)
    yield pages
    pages.close()


@pytest.fixture
def screen(shown_pages, request):
    """screen(url) -> a tab of the size request.param names ("projector", "laptop" or "phone")
    showing url, opened by this test or kept from another's; screen(url, changes=True) for a
    test that changes the page, whose tab is not kept."""
    used = []

    def show(url: str, changes: bool = False):
        tab = shown_pages.show(url, request.param)
        used.append((tab, not changes))
        return tab

    show.size = request.param
    failed = request.session.testsfailed
    yield show
    for tab, keep in used:
        shown_pages.take_back(tab, keep and request.session.testsfailed == failed)


def box(tab, selector: str, index: int = 0) -> dict:
    found = tab.locator(selector).nth(index).bounding_box()
    assert found is not None, f"{selector} is not on the page"
    return found


def no_sideways_scroll(tab) -> None:
    widths = tab.evaluate(
        """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                  document.querySelector('[data-testid="stMain"]').scrollWidth,
                  document.querySelector('[data-testid="stMain"]').clientWidth]"""
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths


def no_errors(tab) -> None:
    assert tab.locator('[data-testid="stException"]').count() == 0


def inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


@pytest.mark.parametrize("query", ["lang=en", "preset=diverges&lang=en"])
@pytest.mark.parametrize("screen", list(DESKTOPS), indirect=True)
def test_landscape_fits_a_projector(screen, app_url, query):
    """Sidebar open, the whole main chart — Play, the step slider, the α slider — on screen on
    opening, also when the descent diverges (its message goes under the chart); Play is at least
    40 px tall and clear of the step slider."""
    tab = screen(f"{app_url}/?{query}")
    width, height = DESKTOPS[tab.size_name]
    viewport = {"x": 0, "y": 0, "width": width, "height": height}
    assert box(tab, '[data-testid="stSidebar"]')["width"] > 200  # the sidebar is open
    chart = box(tab, CHART)
    assert inside(chart, viewport), chart
    main = tab.locator(CHART).first
    play, pause = (main.locator(".updatemenu-button").nth(i).bounding_box() for i in range(2))
    step_rail, alpha_rail = (main.locator(".slider-rail-rect").nth(i).bounding_box() for i in range(2))
    for element in (play, pause, step_rail, alpha_rail):
        assert inside(element, chart) and inside(element, viewport), element
    assert play["height"] >= 40 and pause["height"] >= 40
    assert pause["x"] + pause["width"] <= step_rail["x"]  # never over the step slider
    assert alpha_rail["y"] > step_rail["y"] + 20  # the α slider is the second row
    plot = box(tab, f"{CHART} .nsewdrag")
    assert plot["height"] >= 300, plot  # the landscape itself is not squeezed
    no_sideways_scroll(tab)
    name = "diverges" if "diverges" in query else "default"
    shoot(tab, f"screen_landscape_{name}_{tab.size_name}.png")
    no_errors(tab)


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_landscape_on_a_phone(screen, app_url):
    """The chart takes the width, its legend above the plot (not beside it), the readouts stack
    as label | value rows inside the screen, and nothing scrolls sideways."""
    tab = screen(f"{app_url}/?lang=en")
    chart = box(tab, CHART)
    assert chart["width"] >= PHONE[0] - 40, chart
    plot = box(tab, f"{CHART} .nsewdrag")
    assert plot["width"] >= 260 and plot["height"] >= 260, plot  # not a thumbnail
    legend = box(tab, f"{CHART} .legend")
    assert legend["y"] + legend["height"] <= plot["y"] + 2  # above the plot, not beside it
    table = tab.locator('[data-testid="stMain"] table').first
    table.scroll_into_view_if_needed()
    cells = table.locator("th, td")
    for i in range(cells.count()):
        cell = cells.nth(i).bounding_box()
        assert cell["x"] >= 0 and cell["x"] + cell["width"] <= PHONE[0] + 1, cell
    no_sideways_scroll(tab)
    tab.locator(CHART).first.scroll_into_view_if_needed()
    shoot(tab, "screen_landscape_phone.png")
    table.scroll_into_view_if_needed()
    shoot(tab, "screen_landscape_phone_readouts.png")
    no_errors(tab)


def overlapping_titles(tab, chart_index: int) -> list:
    """Pairs of a chart's annotations (panel titles, notes) whose boxes intersect."""
    return tab.evaluate(
        """(index) => {
            const chart = document.querySelectorAll('[data-testid="stPlotlyChart"]')[index];
            const boxes = [...chart.querySelectorAll('g.annotation-text-g')]
                .map(g => [g.textContent, g.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
            const pairs = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const [a, r] = boxes[i], [b, s] = boxes[j];
                const apart = r.right - 1 <= s.left || s.right - 1 <= r.left
                    || r.bottom - 1 <= s.top || s.bottom - 1 <= r.top;
                if (!apart) pairs.push([a, b]);
            }
            return pairs;
        }""",
        chart_index,
    )


def charts_fit(screen, screenshot: str) -> None:
    """Every chart shown spans the main column and no two of its panel titles overlap; the
    page does not scroll sideways and shows no exception."""
    charts = screen.locator(f"{CHART}:visible")
    assert charts.count() >= 1
    main_width = box(screen, '[data-testid="stMainBlockContainer"]')["width"]
    for i in range(charts.count()):
        assert charts.nth(i).bounding_box()["width"] >= main_width - 60
        assert overlapping_titles(screen, i) == []
    no_sideways_scroll(screen)
    charts.first.scroll_into_view_if_needed()
    shoot(screen, screenshot)
    no_errors(screen)


@pytest.mark.parametrize("screen", ["phone", *DESKTOPS], indirect=True)
@pytest.mark.parametrize("view", ["paths", "iterations", "montecarlo", "layer"])
def test_sparsity_views_fit(screen, app_url, view):
    """Every view of the sparsity page: full-width charts, no panel titles over each other, no
    sideways scroll."""
    tab = screen(f"{app_url}/sparsity?s_view={view}&lang=en")
    charts_fit(tab, f"screen_sparsity_{view}_{tab.size_name}.png")


@pytest.mark.parametrize("screen", list(DESKTOPS), indirect=True)
@pytest.mark.parametrize("view", ["paths", "iterations", "montecarlo", "layer"])
def test_sparsity_chart_fits_a_projector(screen, app_url, view):
    """Sidebar open, the section's whole chart on screen on opening (its Play and slider too):
    the section picker is one row over it, what it shows and its numbers come under it."""
    tab = screen(f"{app_url}/sparsity?s_view={view}&lang=en")
    width, height = DESKTOPS[tab.size_name]
    assert box(tab, '[data-testid="stSidebar"]')["width"] > 200
    chart = box(tab, CHART)
    assert inside(chart, {"x": 0, "y": 0, "width": width, "height": height}), chart
    assert chart["height"] >= 440, chart
    for selector in (".legend", ".updatemenu-button", ".slider-rail-rect"):
        for element in tab.locator(CHART).first.locator(selector).all():
            assert inside(element.bounding_box(), chart), (selector, element.bounding_box())
    shoot(tab, f"screen_sparsity_{view}_open_{tab.size_name}.png")
    no_errors(tab)


FOLDED = """(collapsed) => document.querySelector('[data-testid="stSidebar"]')
                            .getAttribute('data-collapsed') === collapsed"""


def stays_open_after_a_rerun(tab) -> None:
    """The language switch, in the sidebar, reruns the page; the open sidebar stays open."""
    tab.locator('[data-testid="stSidebar"] label').filter(has_text="한국어").click()
    try:
        tab.wait_for_function("document.documentElement.lang === 'ko'", timeout=30_000)
    except PlaywrightTimeout:  # say what the page shows
        raise AssertionError(f"no Korean 30 s after its click: {tab.evaluate(FOLD_STATE)}") from None
    wait_for_charts(tab)
    tab.wait_for_timeout(500)  # a fold would have started by now
    assert tab.evaluate(FOLDED, "false"), "the sidebar folded without a scene being chosen"


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
@pytest.mark.parametrize("path", ["", "sparsity"])
def test_a_scene_chosen_on_a_phone_folds_the_sidebar(screen, app_url, path):
    """On a phone the sidebar covers the page: once a scene is chosen there, it folds away and
    the scene's chart shows; opened again, it stays open while the student works in it."""
    tab = screen(f"{app_url}/{path}?lang=en", changes=True)
    sidebar = tab.locator('[data-testid="stSidebar"]')
    open_sidebar(tab)
    sidebar.locator('[data-testid="stButtonGroup"] button').nth(1).click()
    tab.wait_for_function(FOLDED, arg="true", timeout=15_000)
    wait_for_charts(tab)
    chart = box(tab, CHART)
    assert chart["x"] >= 0 and chart["width"] >= PHONE[0] - 40
    shoot(tab, f"screen_{path or 'landscape'}_scene_chosen_phone.png")
    open_sidebar(tab)
    stays_open_after_a_rerun(tab)
    no_errors(tab)


# The next press of the sidebar's fold button never reaches the page (as a tap during the
# sidebar's slide may not): a listener ahead of React's swallows it.
LOSE_ONE_FOLD = """() => document.addEventListener('click', (event) => {
    if (!window.dvLostFold && event.target.closest('[data-testid=stSidebarCollapseButton]')) {
        window.dvLostFold = true;
        event.stopImmediatePropagation();
    }
}, true)"""


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_a_lost_fold_is_pressed_again(screen, app_url):
    """The app folds a phone's sidebar until it sees it folded, not once: its first press of
    the fold button is lost here, and the sidebar folds all the same."""
    tab = screen(f"{app_url}/?lang=en", changes=True)
    open_sidebar(tab)
    tab.evaluate(LOSE_ONE_FOLD)
    tab.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"] button').nth(1).click()
    tab.wait_for_function(FOLDED, arg="true", timeout=15_000)
    assert tab.evaluate("window.dvLostFold") is True  # a press was lost on the way
    no_errors(tab)


# The sidebar is opened again the moment it has folded, before the fold's loop looks again (as a
# student's tap may come while a busy phone's timers lag): the listener is in place before the
# scene's click, and its press of the open button comes in the same task as the fold.
REOPEN_AT_FOLD = """() => {
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const observer = new MutationObserver(() => {
        const button = document.querySelector('[data-testid="stExpandSidebarButton"]');
        if (sidebar.getAttribute('data-collapsed') === 'true' && button) {
            observer.disconnect();
            window.dvReopened = true;
            button.click();
        }
    });
    observer.observe(sidebar, {attributes: true, childList: true, subtree: true});
    observer.observe(document.body, {childList: true, subtree: true});
}"""


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_a_sidebar_opened_as_it_folds_stays_open(screen, app_url):
    """The fold is done when the sidebar is folded, not when its loop next looks: a student who
    opens the sidebar again right after a scene folded it keeps it open."""
    tab = screen(f"{app_url}/?lang=en", changes=True)
    open_sidebar(tab)
    tab.evaluate(REOPEN_AT_FOLD)
    tab.locator('[data-testid="stSidebar"] [data-testid="stButtonGroup"] button').nth(1).click()
    tab.wait_for_function("() => window.dvReopened === true", timeout=30_000)
    tab.wait_for_function(FOLDED, arg="false", timeout=15_000)
    time.sleep(1.0)  # four turns of the fold's loop, had it gone on
    assert tab.evaluate(FOLDED, "false"), f"folded again: {tab.evaluate(FOLD_STATE)}"
    no_errors(tab)


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_a_scene_link_on_a_phone_does_not_fold_the_sidebar_later(screen, app_url):
    """A link's scene is not a choice made in the sidebar: the sidebar a student opens after
    following it stays open when the page reruns."""
    tab = screen(f"{app_url}/?preset=l1_zero&lang=en", changes=True)
    open_sidebar(tab)
    stays_open_after_a_rerun(tab)
    no_errors(tab)


@pytest.mark.parametrize("screen", ["phone", *DESKTOPS], indirect=True)
def test_network_page_fits(screen, app_url):
    """The network page: it opens with the default scene's curves (trained in the background),
    no sideways scroll, its charts full width, titles clear."""
    tab = screen(f"{app_url}/network?lang=en")
    charts_fit(tab, f"screen_network_{tab.size_name}.png")


def inset_diamond_width(tab) -> float:
    """On-screen width of the ball drawn in the zoomed inset (the widest filled trace there)."""
    return tab.evaluate(
        """() => Math.max(0, ...[...document.querySelector('[data-testid="stPlotlyChart"]')
                 .querySelectorAll('g.x2y2 path.js-fill')].map(p => p.getBoundingClientRect().width))"""
    )


@pytest.mark.parametrize("screen", ["phone", "projector"], indirect=True)
def test_l1_diamond_is_large_enough(screen, app_url):
    """The scene "L1 makes a weight exactly zero": its diamond (t ≈ 0.15) gets an inset where it
    is at least 80 px across, with Ŵ(α) on its corner as an open ring."""
    tab = screen(f"{app_url}/?preset=l1_zero&lang=en", changes=True)
    tab.locator(CHART).first.scroll_into_view_if_needed()
    assert inset_diamond_width(tab) >= 80
    inset = tab.locator(CHART).first.locator("g.subplot.x2y2")
    ring = inset.locator("path.point").last.bounding_box()
    diamond = inset.locator("path.js-fill").last.bounding_box()
    # the ring sits on the diamond's right corner, on the w₁ axis: w₂ is exactly 0
    assert abs(ring["x"] + ring["width"] / 2 - (diamond["x"] + diamond["width"])) < 6
    assert abs(ring["y"] + ring["height"] / 2 - (diamond["y"] + diamond["height"] / 2)) < 6
    shoot(tab, f"screen_l1_zero_{tab.size_name}.png")
    tab.locator(CHART).first.get_by_text("▶ Play").click()  # the inset stays drawn while it runs
    time.sleep(1.0)
    assert inset_diamond_width(tab) >= 80
    time.sleep(3.5)
    assert inset_diamond_width(tab) >= 80
    shoot(tab, f"screen_l1_zero_{tab.size_name}_played.png")
    no_errors(tab)


ALPHA_ACTIVE = """() => document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot')
    ._fullLayout.sliders[1].active"""
BALL_EXTENT = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const ball = gd._fullData.find(trace => (trace.name || '').startsWith('circle'));
    return Math.max(...Array.from(ball.x, Math.abs));
}"""


def test_alpha_slider_works_in_the_browser(shown_pages, app_url):
    """Scrubbing α redraws the ball in the browser: no websocket message goes to the server,
    Streamlit does not rerun, and the contours stay drawn, before and after Play."""
    sent = []

    def record(frame) -> None:  # a Python function: Playwright reads its handlers' signatures
        sent.append(frame)

    def listen(ws) -> None:
        ws.on("framesent", record)

    screen = shown_pages.blank("projector")
    screen.on("websocket", listen)
    try:
        alpha_slider_works(screen, app_url, sent)
    finally:  # the tab listens no more and goes back to the pool
        screen.remove_listener("websocket", listen)
        shown_pages.take_back(screen, keep=False)


def alpha_slider_works(screen, app_url: str, sent: list) -> None:
    open_page(screen, f"{app_url}/?lang=en")
    chart = screen.locator(CHART).first
    bands = chart.locator(BANDS).count()
    before = screen.evaluate(BALL_EXTENT)
    sent.clear()

    rail = chart.locator(".slider-rail-rect").nth(1).bounding_box()
    screen.mouse.click(rail["x"] + 0.12 * rail["width"], rail["y"] + rail["height"] / 2)  # a small α
    screen.wait_for_function(f"() => ({BALL_EXTENT})() > {1.3 * before}", timeout=15_000)
    smaller_alpha = screen.evaluate(BALL_EXTENT)
    assert smaller_alpha > 1.3 * before  # a smaller α, a larger circle
    assert screen.evaluate(ALPHA_ACTIVE) <= 3  # the slider shows the α picked
    screen.mouse.click(rail["x"] + 0.95 * rail["width"], rail["y"] + rail["height"] / 2)  # a large α
    screen.wait_for_function(f"() => ({BALL_EXTENT})() < {0.5 * before}", timeout=15_000)
    assert screen.evaluate(BALL_EXTENT) < 0.5 * before
    assert sent == []  # not one message to the server
    assert screen.locator('[data-testid="stApp"]').get_attribute("data-test-script-state") == "notRunning"
    assert chart.locator(BANDS).count() == bands
    shoot(screen, "screen_alpha_scrubbed.png")

    chart.get_by_text("▶ Play").click()  # Play runs the descent's frames, never the α frames
    time.sleep(4.5)
    assert chart.locator(BANDS).count() == bands
    assert screen.evaluate(BALL_EXTENT) < 0.5 * before
    assert sent == []
    no_errors(screen)


@pytest.mark.parametrize("screen", ["projector"], indirect=True)
def test_presentation_view(screen, app_url):
    """?present=1: the sidebar folded away, larger type, thicker lines; the share dialog offers it."""
    tab = screen(f"{app_url}/?present=1&lang=en", changes=True)
    assert tab.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    sidebar = tab.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "true"
    widths = tab.evaluate(
        """() => document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot')._fullData
                 .filter(trace => trace.mode === 'lines' && trace.xaxis === 'x').map(t => t.line.width)"""
    )
    assert max(widths) >= 4
    chart = box(tab, CHART)
    assert chart["y"] + chart["height"] <= DESKTOPS["projector"][1]
    shoot(tab, "screen_presentation_projector.png")

    open_sidebar(tab)
    tab.get_by_role("button", name="Share or save this scene").click()
    dialog = tab.get_by_role("dialog")
    dialog.wait_for()
    assert "present=1" in dialog.locator("code").inner_text()
    no_errors(tab)


def test_alpha_slider_in_the_exported_html(browser, tmp_path):
    """The saved HTML (plotly.js inlined, no server) keeps the α slider working offline."""
    from decayviz.export import figure_html
    from decayviz.figures.landscape import landscape_figure
    from decayviz.scene import build_scene
    from decayviz.state import defaults

    path = tmp_path / "landscape.html"
    path.write_text(figure_html(landscape_figure(build_scene(defaults("landscape")), "en"), "decayviz"))
    context = browser.new_context(viewport={"width": 1024, "height": 768}, offline=True)
    tab = context.new_page()
    tab.goto(path.as_uri())
    tab.wait_for_selector(".main-svg", timeout=30_000)
    extent = BALL_EXTENT.replace('[data-testid="stPlotlyChart"] ', "")
    before = tab.evaluate(extent)
    rail = tab.locator(".slider-rail-rect").nth(1).bounding_box()
    tab.mouse.click(rail["x"] + 0.12 * rail["width"], rail["y"] + rail["height"] / 2)
    tab.wait_for_function(f"() => ({extent})() > {1.3 * before}", timeout=15_000)
    shoot(tab, "screen_export_alpha.png")
    context.close()


@pytest.mark.parametrize("screen", ["projector"], indirect=True)
def test_korean_pause_leaves_room_for_the_step_label(screen, app_url):
    """일시 정지 is wider than Pause: the step slider and its label start right of it."""
    tab = screen(f"{app_url}/?lang=ko")
    main = tab.locator(CHART).first
    pause = main.locator(".updatemenu-button").nth(1).bounding_box()
    label = main.locator("g.slider-container text.slider-label").first.bounding_box()
    assert pause["x"] + pause["width"] <= label["x"], (pause, label)


SPLIT_WORDS = """(selector) => {
    // Words (runs without spaces) whose letters sit on more than one line: broken inside.
    const broken = [];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/[가-힣]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("screen", ["projector", "phone"], indirect=True)
@pytest.mark.parametrize("path", ["", "sparsity", "network"])
def test_korean_lines_break_between_words(screen, app_url, path):
    """Korean text wraps between words, never inside one (e.g. "근접 스/텝" in a scene button),
    in the scene buttons, the text, the captions and the alerts."""
    tab = screen(f"{app_url}/{path}?lang=ko", changes=screen.size == "phone")  # the sidebar opens
    if tab.size_name == "phone":
        open_sidebar(tab)  # its words wrap at the width it slides in to
    testids = ("stButtonGroup", "stMarkdownContainer", "stCaptionContainer")
    selector = ", ".join(f'[data-testid="{testid}"]' for testid in testids)
    assert tab.evaluate(SPLIT_WORDS, selector) == []
    no_errors(tab)
