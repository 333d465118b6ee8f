"""In real browsers: a teacher on a projector and three students (one on a 390 px phone) from
opening the class to the reveal and the next question. Students answer with one tap on the chart,
follow the class without reloading, and a second tab of the same browser counts once."""

from __future__ import annotations

import os
import re
import time

import pytest
from conftest import empty, shoot, tap, tap_until_answered, wait_for_app
from playwright.sync_api import expect
from support.server import streamlit_server

from decayviz.classroom.questions import QUESTIONS
from decayviz.classroom.store import ClassStore

pytestmark = [pytest.mark.browser, pytest.mark.long]

FOLLOW_S = 2.0  # students' screens follow the class within this (the store is polled every 1 s)
CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def class_url(tmp_path_factory):
    """A server of its own, with a class store of its own."""
    saved = os.environ.get("DECAYVIZ_CLASS_DB")
    os.environ["DECAYVIZ_CLASS_DB"] = str(tmp_path_factory.mktemp("classes") / "classes.db")
    try:
        with streamlit_server() as url:
            yield url
    finally:
        if saved is None:
            os.environ.pop("DECAYVIZ_CLASS_DB")
        else:
            os.environ["DECAYVIZ_CLASS_DB"] = saved


PROJECTOR, LAPTOP, PHONE = (1024, 768), (1366, 768), (390, 844)


class Browsers:
    """The module's browsers (Playwright contexts: each one voter, or the teacher), lent to a
    test as their first tab (its `.context` is the browser) and taken back after it emptied —
    its cookies cleared (the next test's browser is another voter: the voter id comes from
    Streamlit's per-browser cookie), its page's storage cleared, its other tabs closed — and
    warm on about:blank: a new context's first page costs Chromium ~4.7 s of CPU, a page in a
    context that has shown the app ~2.3 s. Waits allow a busy machine (six engineers share two
    cores)."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.spare: dict[bool, list] = {False: [], True: []}  # by phone or not
        self.lent: list = []

    def open(self, size: tuple[int, int]):
        """The first tab of a browser, at `size` (PHONE: a touch phone)."""
        phone = size == PHONE
        viewport = dict(zip(("width", "height"), size, strict=True))
        if self.spare[phone]:
            tab = self.spare[phone].pop()
            tab.set_viewport_size(viewport)
        else:
            context = self.browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
            context.set_default_timeout(60_000)
            tab = context.new_page()
        self.lent.append((phone, tab))
        return tab

    def take_back(self) -> None:
        for phone, tab in self.lent:
            try:
                for other in tab.context.pages:
                    if other != tab:
                        other.close()
                empty(tab)
                tab.context.clear_cookies()
                self.spare[phone].append(tab)
            except Exception:  # a browser that will not leave the page is not worth keeping
                tab.context.close()
        self.lent.clear()

    def close(self) -> None:
        for tab in self.spare[False] + self.spare[True]:
            tab.context.close()


@pytest.fixture(scope="module")
def module_browsers(browser):
    browsers = Browsers(browser)
    yield browsers
    browsers.close()


@pytest.fixture
def browsers(module_browsers):
    yield module_browsers
    module_browsers.take_back()


def wait_for_text(page, pattern: str, timeout_s: float) -> float:
    """Seconds until the page shows text matching `pattern` (regular expression), without reloading."""
    start = time.monotonic()
    page.get_by_text(re.compile(pattern)).first.wait_for(timeout=timeout_s * 1000)
    return time.monotonic() - start


def on_screen(page, selector: str) -> None:
    """The element is wholly in the viewport of a page that has not been scrolled: a projector
    shows it as it opens, a phone without hunting for it."""
    locator = page.locator(selector).first
    locator.wait_for()
    page.wait_for_timeout(300)  # plotly sizes the chart to its box a frame after it is drawn
    box, view = locator.bounding_box(), page.viewport_size
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"] + 1, (selector, box, view)
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"] + 1, (selector, box, view)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def open_class_on_a_projector(browsers, class_url):
    """A teacher's browser at 1024×768 opens a class from the sidebar: (tab, code)."""
    teacher = browsers.open(PROJECTOR)
    teacher.goto(f"{class_url}/")
    wait_for_app(teacher)
    teacher.get_by_role("button", name="Open a class").click()
    teacher.locator(".decayviz-code").wait_for()
    return teacher, teacher.locator(".decayviz-code").inner_text().strip()


def test_a_class_from_open_to_reveal(browsers, class_url):
    teacher, code = open_class_on_a_projector(browsers, class_url)
    assert re.fullmatch(r"[A-Z0-9]{4,6}", code)
    assert "teacher" not in teacher.url and f"class={code}" in teacher.url
    teacher.locator('[data-testid="stImage"] img').first.wait_for()  # the QR code (count() would not wait)
    shoot(teacher, "classroom_teacher_open.png")

    students = [browsers.open(size) for size in (PHONE, LAPTOP, PROJECTOR)]
    for student in students:
        student.goto(f"{class_url}/?class={code}")
        wait_for_app(student)
        student.get_by_text(re.compile("waiting for the teacher")).first.wait_for()

    teacher.get_by_role("button", name="Ask", exact=True).click()  # the first question: a tap
    question = QUESTIONS["landscape_end"]
    for student in students:
        wait_for_text(student, "Tap the chart where the descent ends", 30)
    phone = students[0]
    wait_for_text(teacher, r"Answers: 0\sof\s3", 30)  # \s: no-break spaces keep "0 of 3" on one line
    on_screen(teacher, f"{CHART} .main-svg")  # the question's scene on the projector
    on_screen(phone, "text=Tap the chart where the descent ends")  # the question on the phone
    on_screen(phone, f"{CHART} .nsewdrag")  # and where to tap
    shoot(teacher, "classroom_teacher_asked.png")
    shoot(phone, "classroom_phone_asked.png")
    for student, (fx, fy) in zip(students, [(0.6, 0.4), (0.7, 0.45), (0.3, 0.3)], strict=True):
        tap_until_answered(student, fx, fy)
    shoot(phone, "classroom_phone_answered.png", full_page=True)
    wait_for_text(teacher, r"Answers: 3\sof\s3", 30)

    tap(students[1], 0.62, 0.42)  # a changed answer replaces the old one
    second_tab = students[2].context.new_page()  # the same browser again: the same voter
    second_tab.goto(f"{class_url}/?class={code}")
    wait_for_app(second_tab)
    yours = second_tab.get_by_text(re.compile("Your answer: ")).first
    before = yours.inner_text()  # the browser's answer, shown in its new tab too
    assert before == students[2].get_by_text(re.compile("Your answer: ")).first.inner_text()
    for attempt in range(3):  # a tap that lands while the chart is redrawn can be lost: tap again
        tap(second_tab, 0.55, 0.5)
        try:
            expect(yours).not_to_have_text(before, timeout=15_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    changed = yours.inner_text()
    wait_for_text(students[2], re.escape(changed), 30)  # and the browser's first tab shows it too
    time.sleep(2 * FOLLOW_S)
    assert teacher.get_by_text(re.compile(r"Answers: 3\sof\s3")).count() == 1

    laptop, main = students[1], ".st-key-main_chart .js-plotly-plot"
    laptop.emulate_media(reduced_motion="reduce")  # this student's browser asks for less motion
    teacher.get_by_role("button", name="Reveal to the class").click()
    x, y = question.truth()
    for student in students:
        wait_for_text(student, "The answer, computed from this scene", 30)
        student.get_by_text(f"({x:.2f}, {y:.2f})").first.wait_for()
    # the page's chart, back after the reveal (it may come a rerun after the truth's sentence),
    # with the class's cloud of taps beside the truth
    cloud = """() => { const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        const names = gd && gd._fullData ? gd._fullData.map((trace) => trace.name) : [];
        return names.includes("The class's taps") && names.includes('True end'); }"""
    phone.wait_for_function(cloud, timeout=30_000)
    revealed = """([chart, how]) => document.querySelector(chart)?.dataset.dvRevealPlayed === how"""
    phone.wait_for_function(revealed, arg=[main, "1"], timeout=30_000)  # it plays on the reveal, by itself
    laptop.wait_for_function(revealed, arg=[main, "still"], timeout=30_000)  # but not with less motion:
    step, steps = laptop.locator(main).evaluate(
        "gd => [gd._fullLayout.sliders[0].active, gd._fullLayout.sliders[0].steps.length]"
    )
    assert step == steps - 1  # the descent's end, where the answer is
    wait_for_text(teacher, "The class: 3 taps", 30)
    for projector_page in (teacher, students[1], students[2]):  # 1024 and 1366 wide, 768 high
        on_screen(projector_page, main)  # the class's taps beside the truth, without scrolling
    teacher.set_viewport_size({"width": 1366, "height": 768})
    on_screen(teacher, main)
    teacher.set_viewport_size({"width": 1024, "height": 768})
    shoot(teacher, "classroom_teacher_revealed.png", full_page=True)
    shoot(phone, "classroom_phone_revealed.png", full_page=True)

    # Asked again and revealed again: the page opens the question's scene once more (its controls
    # were not drawn while the question hid the page), with the class's taps on it
    teacher.get_by_role("button", name="Ask again").click()
    wait_for_text(phone, "Tap the chart where the descent ends", 30)
    tap_until_answered(phone, 0.5, 0.5)
    teacher.get_by_role("button", name="Reveal to the class").click()
    wait_for_text(phone, "The answer, computed from this scene", 30)
    phone.wait_for_function(cloud, timeout=30_000)

    teacher.get_by_role("button", name="Next question").click()
    following = QUESTIONS["landscape_first_zero"]
    for student in students:
        wait_for_text(student, "which weight is exactly 0 first", 30)
    phone.get_by_text(following.option_label("w1", "en")).first.click()
    phone.get_by_text(re.compile("Your answer: ")).first.wait_for(timeout=30_000)
    wait_for_text(teacher, r"Answers: 1\sof\s3", 30)
    teacher.get_by_role("button", name="Reveal to the class").click()
    wait_for_text(teacher, "The class: 1 answer, ", 30)
    teacher.wait_for_function("() => document.body.dataset.dvRevealShown", timeout=30_000)
    on_screen(teacher, ".st-key-class_next")  # the reveal's scroll to its chart keeps Next in reach
    for page in (teacher, *students):
        no_exception(page)
        assert "teacher=" not in page.url


# Each option of an open list whose text is cut (an ellipsis: wider than its box).
CUT_OPTIONS = """() => [...document.querySelectorAll('[role="option"]')]
    .filter((option) => [option, ...option.querySelectorAll('*')]
        .some((el) => el.scrollWidth > el.clientWidth + 1))
    .map((option) => option.innerText)"""


def test_the_question_picker_under_more_shows_whole_titles(browsers, class_url):
    """Once a question is asked, the teacher picks another under "More": on a projector each
    option names its page and its question in full, and Ask there closes the panel."""
    teacher, _ = open_class_on_a_projector(browsers, class_url)
    teacher.get_by_role("button", name="Ask", exact=True).click()
    teacher.get_by_role("button", name="Reveal to the class").wait_for()
    teacher.get_by_role("button", name="More").click()
    teacher.get_by_test_id("stPopoverBody").get_by_test_id("stSelectbox").click()
    options = teacher.get_by_role("option")
    expect(options).to_have_count(len(QUESTIONS))
    assert teacher.evaluate(CUT_OPTIONS) == []
    shoot(teacher, "classroom_teacher_more.png")
    # asked from there, the panel closes: it had stayed open over the new question and its count
    options.filter(has_text=QUESTIONS["landscape_diverges"].title("en")).click()
    teacher.get_by_test_id("stPopoverBody").get_by_role("button", name="Ask", exact=True).click()
    wait_for_text(teacher, re.escape(QUESTIONS["landscape_diverges"].text("en")[:40]), 30)
    expect(teacher.get_by_test_id("stPopoverBody")).to_have_count(0)
    on_screen(teacher, r"text=/Answers: 0\sof\s0/")


def test_students_follow_the_teacher_without_reloading(browsers, class_url):
    """A student's screen shows the teacher's new question by itself: its poll (every POLL_S)
    brings it. How fast is a figure, measured by bench/class_follow.py, not asserted here."""
    teacher, code = open_class_on_a_projector(browsers, class_url)
    phone = browsers.open(PHONE)
    phone.goto(f"{class_url}/?class={code}")
    wait_for_app(phone)
    phone.get_by_text(re.compile("waiting for the teacher")).first.wait_for()
    wait_for_app(teacher)
    teacher.get_by_role("button", name="Ask", exact=True).click()
    followed = wait_for_text(phone, "Tap the chart where the descent ends", 30)
    print(f"a student followed the class in {followed:.2f} s")
    no_exception(phone)


def phone_on_the_question_alone(browsers, class_url):
    """A phone, no class, that picked "Where does the descent end?" to try alone."""
    phone = browsers.open(PHONE)
    phone.goto(f"{class_url}/")
    wait_for_app(phone)
    phone.get_by_text("Where does the descent end?").click()
    phone.get_by_text(re.compile("Tap the chart where the descent ends")).first.wait_for()
    wait_for_app(phone)  # the question shows mid-run; the page before it goes at the run's end
    return phone


def test_a_student_alone_taps_reveals_and_the_descent_plays(browsers, class_url):
    phone = phone_on_the_question_alone(browsers, class_url)
    assert phone.locator(".st-key-main_chart").count() == 0  # the descent is not drawn yet
    tap_until_answered(phone, 0.6, 0.4)
    phone.get_by_role("button", name="Reveal the answer").click()
    phone.get_by_text(re.compile("The answer, computed from this scene")).first.wait_for(timeout=30_000)
    moving = """() => { const gd = document.querySelector('.st-key-main_chart .js-plotly-plot');
        const s = gd && gd._fullLayout && gd._fullLayout.sliders && gd._fullLayout.sliders[0];
        return !!s && s.active < s.steps.length - 1; }"""
    phone.wait_for_function(moving, timeout=30_000, polling=50)  # the descent replays from W₀
    names = phone.locator(".st-key-main_chart .js-plotly-plot").evaluate(
        "gd => gd._fullData.map(t => t.name)"
    )
    assert "Your tap" in names and "True end" in names
    shoot(phone, "classroom_alone_revealed.png", full_page=True)
    no_exception(phone)


def test_the_teacher_stays_the_teacher_after_a_reload_and_in_a_second_tab(browsers, class_url):
    """The key is gone from the address bar, but the teacher's browser is remembered by the store:
    F5 or a second tab is the teacher again; a student's browser on the same link is not."""
    teacher, code = open_class_on_a_projector(browsers, class_url)
    teacher.get_by_role("button", name="Ask", exact=True).click()
    wait_for_text(teacher, r"Answers: 0\sof\s0", 30)
    assert "teacher=" not in teacher.url
    teacher.reload()
    wait_for_app(teacher)
    wait_for_text(teacher, f"You teach class {code}", 30)
    teacher.get_by_role("button", name="Reveal to the class").wait_for()
    second_tab = teacher.context.new_page()
    second_tab.goto(f"{class_url}/?class={code}")
    wait_for_app(second_tab)
    wait_for_text(second_tab, f"You teach class {code}", 30)
    phone = browsers.open(PHONE)
    phone.goto(f"{class_url}/?class={code}")
    wait_for_app(phone)
    wait_for_text(phone, "Tap the chart where the descent ends", 30)
    assert phone.get_by_role("button", name="Reveal to the class").count() == 0
    for page in (teacher, second_tab, phone):
        no_exception(page)


def test_a_large_class_count_wraps_whole_on_a_projector(browsers, class_url):
    """123 of 150 at 1024 px: the count's column is as wide as its longest unbreakable piece, so
    the count breaks after "Answers:" only, never inside a number ("123 of 1 / 50")."""
    teacher, code = open_class_on_a_projector(browsers, class_url)
    teacher.get_by_role("button", name="Ask", exact=True).click()
    wait_for_text(teacher, r"Answers: 0\sof\s0", 30)
    store = ClassStore()
    question = store.state(code).current
    for number in range(150):
        store.join(code, f"voter-{number:04d}-of-a-large-class")
    for number in range(123):
        store.answer(code, question, f"voter-{number:04d}-of-a-large-class", [0.5, 0.5])
    wait_for_text(teacher, r"Answers: 123\sof\s150", 30)
    lines = teacher.locator(".st-key-class_count h4 [data-heading-text]").evaluate(  # its link icon aside
        """h => { const range = document.createRange(); range.selectNodeContents(h);
        const column = h.closest('[data-testid="stColumn"]').getBoundingClientRect();
        const rects = [...range.getClientRects()], lineHeight = parseFloat(getComputedStyle(h).lineHeight);
        const lines = new Set(rects.map(r => Math.round((r.top + r.bottom) / 2 / lineHeight)));
        return {lines: lines.size, overflow: Math.max(...rects.map(r => r.right)) - column.right}; }"""
    )
    assert lines["lines"] <= 2 and lines["overflow"] <= 1, lines  # "Answers:" / "123 of 150"
    no_exception(teacher)


def test_a_phones_tap_answers_with_the_point_tapped_not_the_one_before(browsers, class_url):
    """plotly.js on a touch screen selects the point it last hovered, and a tap hovered only after
    its click: each tap recorded the previous one (the first, nothing)."""
    phone = phone_on_the_question_alone(browsers, class_url)
    assert phone.locator(".st-key-main_chart").count() == 0  # the tap chart is the only chart
    plot = phone.locator(CHART).first.locator(".nsewdrag").first
    plot.wait_for()
    ranges = phone.locator(f"{CHART} .js-plotly-plot").first.evaluate(
        "gd => [gd._fullLayout.xaxis.range, gd._fullLayout.yaxis.range]"
    )
    (x0, x1), (y0, y1) = ranges
    for fx, fy in [(0.6, 0.4), (0.2, 0.8), (0.8, 0.25)]:
        box = plot.bounding_box()
        phone.touchscreen.tap(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        x, y = x0 + fx * (x1 - x0), y1 - fy * (y1 - y0)
        said = phone.get_by_text(re.compile(r"Your answer: \(")).first
        said.wait_for(timeout=30_000)
        phone.wait_for_function(  # the answer shown is this tap's point (the grid is 0.1 apart)
            """([x, y]) => [...document.querySelectorAll('[data-testid="stAlertContentSuccess"]')].some(e => {
                const m = e.innerText.match(/\\((-?[\\d.]+), (-?[\\d.]+)\\)/);
                return m && Math.abs(+m[1] - x) <= 0.2 && Math.abs(+m[2] - y) <= 0.2; })""",
            arg=[x, y],
            timeout=30_000,
        )
    no_exception(phone)
