"""Every text a chart draws, measured in the browser: what test_browser_text surveys on every
page, and other browser tests check on the screens they set up."""

from __future__ import annotations

from conftest import CHARTS_SETTLED

# Plotly's drawn text, by kind: tick labels of every axis (g.xtick, g.x2tick, g.ytick, ...).
MEASURE = r"""() => {
    const KINDS = [
        ['title', 'text.gtitle'],
        ['axis title', 'g.infolayer > g[class*="title"] > text'],
        ['annotation', 'g.annotation text.annotation-text'],
        ['legend', 'text.legendtext'],
        ['tick', 'g[class^="x"][class$="tick"] > text, g[class^="y"][class$="tick"] > text'],
        ['text mark', 'g.textpoint text'],
        ['slider', 'text.slider-label'],
    ];
    const SLACK = 1.5;
    const apart = (a, b) => a.right - SLACK <= b.left || b.right - SLACK <= a.left
        || a.bottom - SLACK <= b.top || b.bottom - SLACK <= a.top;
    const within = (a, b) => a.left >= b.left - SLACK && a.right <= b.right + SLACK
        && a.top >= b.top - SLACK && a.bottom <= b.bottom + SLACK;
    const at = (r) => JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round));
    const clipBox = (el) => {
        // the rectangle of the nearest clip-path around el, in screen pixels
        for (let node = el; node && node.getAttribute; node = node.parentNode) {
            const id = (node.getAttribute('clip-path') || '').match(/#([^)"']+)/);
            const rect = id && document.getElementById(id[1])?.querySelector('rect');
            if (!rect) continue;
            const [x, y] = ['x', 'y'].map((name) => +rect.getAttribute(name) || 0);
            const [w, h] = ['width', 'height'].map((name) => +rect.getAttribute(name));
            const m = node.getScreenCTM();
            const p = new DOMPoint(x, y).matrixTransform(m);
            const q = new DOMPoint(x + w, y + h).matrixTransform(m);
            return {left: Math.min(p.x, q.x), top: Math.min(p.y, q.y),
                    right: Math.max(p.x, q.x), bottom: Math.max(p.y, q.y)};
        }
        return null;
    };
    const problems = [];
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .filter((gd) => gd.getBoundingClientRect().width > 0);
    charts.forEach((gd, index) => {
        const chart = gd.getBoundingClientRect();
        const label = gd.closest('[data-testid="stPlotlyChart"]').getAttribute('aria-label');
        const name = (label || `chart ${index}`).slice(0, 50);
        const texts = [], seen = new Set();
        for (const [kind, selector] of KINDS) {
            for (const el of gd.querySelectorAll(selector)) {
                if (seen.has(el)) continue;
                seen.add(el);
                const r = el.getBoundingClientRect();
                const words = el.textContent.trim();
                if (r.width < 0.5 || r.height < 0.5 || !words) continue;
                if (el.closest('[display="none"], [visibility="hidden"]')) continue;
                const style = getComputedStyle(el);  // text drawn see-through is not seen
                if (+style.fillOpacity === 0 || /rgba\(.*,\s*0\)/.test(style.fill)) continue;
                texts.push({kind, words, r, clip: clipBox(el)});
            }
        }
        const describe = (text) => `${text.kind} "${text.words.slice(0, 60)}" ${at(text.r)}`;
        const report = (problem, text, other) => problems.push(
            {chart: name, problem, text: describe(text), other: other.kind ? describe(other) : at(other)});
        const areas = [...gd.querySelectorAll('g.draglayer rect.nsewdrag')]
            .map((el) => el.getBoundingClientRect());
        for (const text of texts) {
            if (!within(text.r, chart)) report('outside its chart', text, chart);
            if (text.clip && !within(text.r, text.clip)) report('cut by its plot area', text, text.clip);
            if (text.kind === 'tick' || text.kind === 'axis title') {
                for (const area of areas) if (!apart(text.r, area)) report('under a plot area', text, area);
            }
        }
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
            if (!apart(texts[i].r, texts[j].r)) report('over another text', texts[i], texts[j]);
        }
        // a legend hides no data point (its box is see-through only in part)
        const legend = gd.querySelector('g.legend rect.bg');
        const box = legend && legend.getBoundingClientRect();
        const points = gd.querySelectorAll('.scatterlayer path.point');
        for (const point of box && box.width > 0 ? points : []) {
            const r = point.getBoundingClientRect();
            if (r.width < 0.5 || point.closest('[display="none"], [visibility="hidden"]')) continue;
            if (+getComputedStyle(point).opacity === 0) continue;
            if (!apart(r, box)) {
                problems.push({chart: name, problem: 'legend over a data point', text: `legend ${at(box)}`,
                               other: `point ${at(r)}`});
                break;
            }
        }
    });
    return {charts: charts.length, problems};
}"""


def measured(tab) -> dict:
    """The charts' text problems once the drawing holds still: the same answer twice in a row."""
    tab.wait_for_function(CHARTS_SETTLED, timeout=30_000)
    last = tab.evaluate(MEASURE)
    for _ in range(20):
        tab.wait_for_timeout(150)
        now = tab.evaluate(MEASURE)
        if now == last:
            break
        last = now
    return last


# Each text of a chart (a panel's title, an annotation, the chart's title) that plotly's modebar
# covers while the pointer is on the chart: its words and the overlap's height in px.
UNDER_THE_MODEBAR = """(chart) => {
    const gd = document.querySelector(`${chart} .js-plotly-plot`);
    const bar = gd.querySelector('.modebar').getBoundingClientRect();
    const covered = (box) => box.left < bar.right && bar.left < box.right
        && box.top < bar.bottom && bar.top < box.bottom;
    return [...gd.querySelectorAll('.annotation-text, .gtitle')]
        .map((text) => [text.textContent, text.getBoundingClientRect()])
        .filter(([, box]) => covered(box))
        .map(([words, box]) => [words, Math.round(bar.bottom - box.top)]);
}"""
MODEBAR_SHOWN = "(chart) => getComputedStyle(document.querySelector(`${chart} .modebar`)).opacity > 0.5"


def under_the_modebar(tab, chart: str) -> list:
    """Point at a chart (`chart`: a selector of its Streamlit element) as a teacher pointing at
    it would, wait for plotly's modebar to show, and return the texts it covers."""
    tab.locator(f"{chart} .js-plotly-plot").hover(position={"x": 40, "y": 200})
    tab.wait_for_function(MODEBAR_SHOWN, arg=chart)
    return tab.evaluate(UNDER_THE_MODEBAR, chart)
