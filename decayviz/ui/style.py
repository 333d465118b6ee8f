"""The app's few CSS rules: fit the projector (1024×768 with the sidebar open), the phone
(390 px wide), and the presentation view. app.py sends them in the one hidden element each
rerun already carries (decayviz.ui.a11y.page_setup).

Streamlit gives each keyed container the class `st-key-<key>`; the rules below reach the
page's elements through those classes and Streamlit's data-testid attributes.
"""

from __future__ import annotations

from decayviz.i18n import LANGUAGES, t

# The landscape chart's box: its chart stretches to fill it (decayviz.ui.charts). On a wide
# screen it takes the height left under the title and the class's questions, so Play and both
# sliders show without scrolling; on a phone the plot is as tall as it is wide, and the legend
# and the sliders take about 250 px more.
MAIN_CHART = "main_chart"
# The sparsity page's chart box: under the title, the questions and the section picker.
SECTION_CHART = "section_chart"
# The network page's live curves: under the title, the class's questions, the Train row, the
# progress bar and the section's heading (about 350 px on a projector), so the five panels and
# the α legend in the sixth cell show without scrolling, also while a run trains.
CURVES_CHART = "curves_chart"


def _box_height(box: str, height: str) -> str:
    """A chart box's height, set on the box and on the block that holds it."""
    return f".st-key-{box}, div:has(> .st-key-{box}) {{ height: {height} !important; }}"


BASE = f"""
[data-testid="stMainBlockContainer"] {{
  padding: 3.25rem 1.5rem 3rem;
}}
[data-testid="stMain"] h1 {{
  font-size: 1.7rem;
  padding: 0 0 0.1rem;
}}
/* The page starts under Streamlit's 60 px header; a see-through header leaves the title's top
   (Korean glyphs reach higher than Latin ones) visible instead of covered. */
[data-testid="stHeader"] {{
  background: transparent;
}}
/* Its two buttons (» the sidebar, ⋮ the menu) on white chips: over a page scrolled under them
   (a reveal scrolls to its chart) they stay legible and the text under them hidden, not tangled
   with theirs. Hovered, Streamlit's own shade. */
[data-testid="stHeader"] :is([data-testid="stExpandSidebarButton"],
    [data-testid="stMainMenuButton"]):not(:hover) {{
  background: #ffffff;
  box-shadow: 0 0 0 4px #ffffff;
}}
/* Scene names are sentences: they wrap onto a second line instead of ending in "…". */
[data-testid="stSidebar"] [data-testid="stButtonGroup"] button {{
  height: auto;
  max-width: 100%;
}}
[data-testid="stSidebar"] [data-testid="stButtonGroup"] button :is(p, div, span) {{
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
  text-align: left;
}}
/* Korean breaks between words, not inside them (the page's lang follows the language): in
   titles, text, alerts and the sidebar's scene buttons alike. */
html[lang="ko"] :is(h1, h2, h3, [data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"],
    [data-testid="stButtonGroup"] button),
html[lang="ko"] :is([data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"],
    [data-testid="stButtonGroup"] button) * {{
  word-break: keep-all;
  overflow-wrap: break-word; /* not "anywhere": that lets a narrow box shrink into its words */
}}
/* The join field's hint ("Press Enter to submit form", a character count) is Streamlit's own,
   in English only; Enter submits all the same. */
.st-key-class_join_code [data-testid="InputInstructions"] {{
  display: none;
}}
/* The projector's answer count beside the question: its column never narrower than its
   longest unbreakable piece ("123 of 150" is held together by no-break spaces), so that a
   large class's count wraps after "Answers:" only, never inside a number. */
[data-testid="stColumn"]:has(.st-key-class_count) {{
  min-width: min-content;
}}
.st-key-class_count h4 {{
  word-break: normal;
  overflow-wrap: normal;
}}
/* The teacher's question picker under "More": wide enough for a page's name and a question's
   title, which its list would otherwise cut off ("2-D landscape · Will this lea…"). */
[data-testid="stPopoverBody"]:has(.st-key-class_pick) {{
  width: min(48rem, calc(100vw - 2rem));
  max-width: none;
}}
/* 75 px of each budget is the class's questions over the page (decayviz.ui.classroom.panel);
   the sparsity page's five sections take two rows at 1024 px */
{_box_height(MAIN_CHART, "clamp(460px, calc(100svh - 187px), 980px)")}
{_box_height(SECTION_CHART, "clamp(440px, calc(100svh - 282px), 900px)")}
{_box_height(CURVES_CHART, "clamp(400px, calc(100svh - 350px), 700px)")}
/* the curves' heading sits close above them: the chart needs the room */
[data-testid="stElementContainer"]:has(+ [data-testid="stLayoutWrapper"] > .st-key-{CURVES_CHART}) h2 {{
  padding: 0;
}}
:is(.st-key-{MAIN_CHART}, .st-key-{SECTION_CHART}, .st-key-{CURVES_CHART})
    :is([data-testid="stElementContainer"], [data-testid="stFullScreenFrame"],
        [data-testid="stPlotlyChart"]) {{
  height: 100% !important;
  flex: 1 1 auto;
}}
@media (max-width: 640px) {{
  [data-testid="stMainBlockContainer"] {{
    padding: 3.25rem 0.75rem 3rem;
  }}
  {_box_height(MAIN_CHART, "calc(100vw + 250px)")}
  {_box_height(SECTION_CHART, "calc(100vw + 220px)")}
  {_box_height(CURVES_CHART, "560px")}
  /* a one-row readout table (labels over values) becomes label | value rows */
  [data-testid="stMain"] table:has(tbody tr:only-child) {{
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  }}
  [data-testid="stMain"] table:has(tbody tr:only-child) :is(thead, tbody, tr) {{
    display: contents;
  }}
  {
    "".join(
        f'[data-testid="stMain"] table:has(tbody tr:only-child) th:nth-child({k}),'
        f'[data-testid="stMain"] table:has(tbody tr:only-child) td:nth-child({k})'
        f" {{ grid-row: {k}; }}"
        for k in range(1, 13)
    )
}
  [data-testid="stMain"] table:has(tbody tr:only-child) th {{ grid-column: 1; text-align: left; }}
  [data-testid="stMain"] table:has(tbody tr:only-child) td {{ grid-column: 2; overflow-wrap: break-word; }}
  /* plotly's toolbar would sit on the charts' titles and legends; pinching zooms on a phone */
  [data-testid="stPlotlyChart"] .modebar-container {{
    display: none;
  }}
  /* wide tables and code scroll inside themselves, never the page */
  [data-testid="stMain"] :is(table, pre) {{
    max-width: 100%;
  }}
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] {{
    overflow-x: auto;
  }}
}}
"""

# Readable from the back of a room: larger text everywhere (Streamlit sizes in rem).
PRESENT = f"""
html {{ font-size: 20px; }}
[data-testid="stMain"] h1 {{ font-size: 1.9rem; }}
/* the live curves' heading stays for screen readers; on the wall its room goes to the panels */
[data-testid="stElementContainer"]:has(+ [data-testid="stLayoutWrapper"] > .st-key-{CURVES_CHART}) {{
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
}}
@media (min-width: 641px) {{
  {_box_height(MAIN_CHART, "clamp(460px, calc(100svh - 218px), 980px)")}
  {_box_height(SECTION_CHART, "clamp(440px, calc(100svh - 330px), 900px)")}
  {_box_height(CURVES_CHART, "clamp(390px, calc(100svh - 378px), 700px)")}
}}
"""


def _css_text(text: str) -> str:
    """`text` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# While plotly.js is still loading (a phone's first visit: seconds), Streamlit holds a main
# chart's place with a bare grey box; it says what is coming, in the page's language (html[lang]).
# (Other elements loading their code show the same box: only the main charts' boxes say so.)
_SKELETON = (
    f':is(.st-key-{MAIN_CHART}, .st-key-{SECTION_CHART}, .st-key-{CURVES_CHART}) [data-testid="stSkeleton"]'
)
CHART_LOADING = f"{_SKELETON} {{ display: flex; align-items: center; justify-content: center; }}\n" + "".join(
    f'html[lang="{lang}"] {_SKELETON}::after {{ content: {_css_text(t("ui.chart_loading", lang))}; '
    "color: #555; }\n"
    for lang in LANGUAGES
)


def css(present: bool) -> str:
    """The app's style, and the presentation view's on top when `present` is on."""
    return BASE + CHART_LOADING + (PRESENT if present else "")
