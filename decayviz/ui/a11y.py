"""What screen readers and keyboards need beyond Streamlit's own markup: the page's language,
and Play/Pause of an animated chart from the keyboard. (Each chart's text alternative is
Streamlit's own: st.plotly_chart's alt, decayviz.ui.charts.)"""

from __future__ import annotations

import json

import streamlit as st

from decayviz.i18n import t

LANG_CLASS = "dv-lang"

CSS = f"""
[data-testid="stElementContainer"]:has(.{LANG_CLASS}) {{ display: none; }}
.js-plotly-plot.dv-keys:focus-visible, [data-testid="stTable"] > div:focus-visible {{
  outline: 3px solid #0072B2; outline-offset: 2px;
}}
"""

# Plotly's Play/Pause buttons and sliders are SVG shapes no keyboard reaches: every animated
# chart becomes a focusable group (with a visible focus ring) on which Space or Enter plays or
# pauses it, the same as clicking its buttons, ←/→ move the step slider and ↓/↑ the α slider.
# A table that scrolls sideways becomes focusable too.
KEYS_JS = """
(() => {
  window.dvKeysLabel = %s;  // in the language of the latest run
  const mark = () => {
    // a table wider than its box scrolls sideways inside it (a phone's results table): the box
    // takes the keyboard's focus, so that the arrow keys scroll it
    document.querySelectorAll('[data-testid="stTable"] > div').forEach((box) => {
      if (box.scrollWidth > box.clientWidth && box.tabIndex !== 0) box.tabIndex = 0;
    });
    markCharts();
  };
  const markCharts = () => document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
    if (!gd.querySelector('.updatemenu-button')) return;
    const label = window.dvKeysLabel;
    if (gd.getAttribute('aria-label') !== label) gd.setAttribute('aria-label', label);
    if (gd.dataset.dvKeys) return;
    gd.dataset.dvKeys = '1';
    gd.dataset.dvPlaying = '0';
    gd.tabIndex = 0;
    gd.setAttribute('role', 'group');
    gd.classList.add('dv-keys');
    gd.addEventListener('keydown', (event) => {
      if (event.target !== gd) return;
      const move = {ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowDown: [1, -1], ArrowUp: [1, 1]}[event.key];
      const slider = move && (gd._fullLayout.sliders || [])[move[0]];
      if (slider) {  // the arrows move the chart's sliders: ←/→ the step, ↓/↑ α
        event.preventDefault();
        const index = Math.min(Math.max(slider.active + move[1], 0), slider.steps.length - 1);
        const step = slider.steps[index];
        window.Plotly.animate(gd, step.args[0], step.args[1]);
        return;
      }
      if (event.key !== ' ' && event.key !== 'Enter') return;
      event.preventDefault();
      const button = gd.querySelectorAll('.updatemenu-button')[gd.dataset.dvPlaying === '1' ? 1 : 0];
      if (button) button.dispatchEvent(new MouseEvent('click', {bubbles: true}));
    });
    gd.on('plotly_animatingframe', () => { gd.dataset.dvPlaying = '1'; });
    gd.on('plotly_animated', () => { gd.dataset.dvPlaying = '0'; });
    gd.on('plotly_animationinterrupted', () => { gd.dataset.dvPlaying = '0'; });
  });
  mark();
  if (window.dvKeysObserver) window.dvKeysObserver.disconnect();  // one observer: this run's
  window.dvKeysObserver = new MutationObserver(mark);
  window.dvKeysObserver.observe(document.body, {childList: true, subtree: true});
})();
"""


# A phone's sidebar covers the page: once a scene is chosen in it, fold it to show the scene.
# Sent with every run after the choice, and done once per choice (its token): a run whose page
# the browser never drew (a newer one replaced it first) does not lose the fold. Done means seen
# folded: the sidebar may still be drawing its button, and a click while it slides may be lost,
# so the button is looked for and pressed again every quarter second, for up to ten seconds;
# by one loop per choice, however often the script comes (two loops' presses would undo each
# other's). The fold is seen the moment it happens (an observer of the sidebar's data-collapsed),
# not at the loop's next look: a student who opens the sidebar again right away (a busy phone's
# timers may lag by seconds) must not have it folded under their finger.
FOLD_JS = """
(() => {
  const token = %s;
  if (window.dvFolded === token || window.dvFolding === token) return;
  if (!window.matchMedia('(max-width: 640px)').matches) return;
  window.dvFolding = token;
  const until = Date.now() + 10000;
  const sidebar = () => document.querySelector('[data-testid="stSidebar"]');
  const seen = () => {
    if (sidebar()?.getAttribute('data-collapsed') !== 'true') return false;
    window.dvFolded = token;
    return true;
  };
  const observed = new WeakSet();
  const fold = () => {
    if (window.dvFolding !== token || window.dvFolded === token || seen()) return;
    const current = sidebar();
    if (current && !observed.has(current)) {  // a sidebar drawn anew is watched too
      observed.add(current);
      const observer = new MutationObserver(() => {
        if (window.dvFolding !== token || window.dvFolded === token || seen()) observer.disconnect();
      });
      observer.observe(current, {attributes: true, attributeFilter: ['data-collapsed']});
    }
    document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click();
    if (Date.now() < until) setTimeout(fold, 250);
  };
  fold();
})();
"""


# Streamlit's "Skip to main content" link (the first thing Tab reaches) in the page's language.
SKIP_LINK_JS = """
(() => {
  const words = %s;
  document.querySelectorAll('[data-testid="stSkipToContent"]')
    .forEach((link) => { if (link.textContent !== words) link.textContent = words; });
})();
"""


def page_setup(lang: str, page_css: str, scene_chosen: str | None = None) -> None:
    """Tell screen readers the page's language (<html lang>, read by their voice choice), make
    animated charts operable from the keyboard, fold a phone's sidebar once per `scene_chosen`
    (a token, see decayviz.ui.controls.scene_chosen), and apply the app's `page_css`. One element
    per rerun (each costs the script and the browser time), hidden (display: none) so it takes
    no room; its style applies all the same."""
    script = (
        f"document.documentElement.lang = {json.dumps(lang)};"
        + SKIP_LINK_JS % json.dumps(t("ui.skip_to_content", lang))
        + KEYS_JS % json.dumps(t("ui.chart_keys", lang))
    )
    if scene_chosen is not None:
        script += FOLD_JS % json.dumps(scene_chosen)
    st.html(
        f'<style>{page_css}{CSS}</style><span class="{LANG_CLASS}"></span><script>{script}</script>',
        unsafe_allow_javascript=True,
    )
