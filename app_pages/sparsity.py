"""Many weights: exact regularization paths, sparsity emerging over the iterations, how often L1
gives a zero, and a linear layer as a web of connections; one section at a time."""

import streamlit as st

from decayviz.describe import percent_one_decimal, sparsity_alt
from decayviz.export import figure_html
from decayviz.figures.sparsity import SCATTER_POINTS
from decayviz.i18n import t
from decayviz.sparsity import IterationFacts, MonteCarloShares, PathFacts
from decayviz.state import FIELD, defaults
from decayviz.ui import classroom
from decayviz.ui import controls as ui
from decayviz.ui.beyond import lowrank_view
from decayviz.ui.cached import (
    IterationsSettings,
    LayerSettings,
    MonteCarloSettings,
    PathsSettings,
    SectionSettings,
    sparsity_section,
)
from decayviz.ui.charts import main_chart
from decayviz.ui.readouts import readout_table
from decayviz.ui.style import SECTION_CHART

PAGE = "sparsity"


SIZES = ("s_samples", "s_features", "s_nonzero", "s_seed")


def problem_key() -> tuple:
    """The arguments of sparsity.make_problem the data set's controls define."""
    name = ui.value("s_problem")
    if name == "diabetes":  # no sizes or seed: one cache entry serves every value of those controls
        return (name, 0, 0, 0, 0)
    return (name, *(ui.value(field) for field in SIZES))


def section_settings(view: str) -> SectionSettings:
    """What the section's figure (ui.cached.sparsity_section) is drawn from, read before their
    controls are drawn: the chart is sent first, so the browser starts loading plotly.js
    before it draws the sidebar."""
    if view == "montecarlo":
        return MonteCarloSettings(*(ui.value(name) for name in ("s_losses", "s_shape", "s_spread", "s_seed")))
    alpha = ui.value("s_alpha")
    if view == "paths":
        return PathsSettings(problem_key(), alpha, ui.value("s_l1_ratio"))
    if view == "iterations":
        return IterationsSettings(problem_key(), alpha, ui.value("s_steps"))
    penalty = ui.value("s_penalty")
    # Only the elastic net reads l1_ratio: other penalties share one cache entry.
    ratio = ui.value("s_l1_ratio") if penalty == "elasticnet" else FIELD["s_l1_ratio"].default
    return LayerSettings(penalty, alpha, ratio, ui.value("s_seed"))


def data_set_controls(lang: str) -> None:
    """The data set's controls. The synthetic problem's sizes and seed sit behind a switch that
    names them."""
    if ui.control("s_problem", lang) == "diabetes":
        return
    n, d, k, seed = (ui.value(field) for field in SIZES)
    ui.switched_group("sparsity_sizes", t("sparsity.sizes", lang, n=n, d=d, k=k, seed=seed), SIZES, lang)


def section_controls(view: str, lang: str) -> None:
    """The section's controls in the sidebar, under the scenes, and Reset."""
    ui.preset_picker(PAGE, lang)
    if view == "montecarlo":
        for name in ("s_losses", "s_shape", "s_spread", "s_seed"):
            ui.control(name, lang)
    elif view == "layer":
        ui.control("s_alpha", lang)
        if ui.control("s_penalty", lang) == "elasticnet":
            ui.control("s_l1_ratio", lang)
        ui.control("s_seed", lang)
    else:  # the paths and the iterations: α and the data set
        ui.control("s_alpha", lang)
        if view == "paths":
            ui.control("s_l1_ratio", lang)
        data_set_controls(lang)
        if view == "iterations":
            ui.control("s_steps", lang)
    st.button(
        t("ui.reset", lang), key="sparsity_reset", on_click=ui.apply, args=(defaults(PAGE),), width="stretch"
    )


lang = ui.lang()
corrections = ui.load_page(PAGE)
st.title(t("sparsity.title", lang))
ui.show_corrections(corrections, lang)
classroom.panel(PAGE, lang)  # predict, then see: until revealed, the page stops here
# One section at a time: a projector shows one big figure, and a rerun builds only that one.
# The section picker (one row: its options name the sections) names the section; the sidebar
# has no group headings. Every element costs each rerun (see README, Performance), so the
# page draws only what it must.
view = ui.control("s_view", lang, horizontal=True, label_visibility="collapsed")
if view == "lowrank":  # beyond the chapter: a section drawn whole (decayviz.ui.beyond)
    lowrank_view(PAGE, lang)
    st.stop()

settings = section_settings(view)
alpha = getattr(settings, "alpha", None)  # the Monte Carlo has no α
spec, facts = sparsity_section(view, settings, lang)
alt = sparsity_alt(facts, alpha, lang)
# The section's chart right under its picker, as tall as the screen allows; what it shows and
# its numbers follow it (on a projector the whole chart shows on opening).
main_chart(spec, key=f"sparsity_{view}", alt=alt, box=SECTION_CHART)
with st.sidebar:
    section_controls(view, lang)

if isinstance(facts, PathFacts):
    n, d = facts.n, facts.d
    if facts.truly_nonzero is None:
        problem = t("sparsity.paths.diabetes", lang)
    else:
        problem = t("sparsity.paths.synthetic", lang, n=n, d=d, k=facts.truly_nonzero)
    st.caption(problem + "\n\n" + t("sparsity.paths.caption", lang))  # one element, two paragraphs
    readout = t(
        "sparsity.paths.readout", lang, alpha=f"{alpha:g}", d=d, l1=facts.l1, l2=facts.l2, en=facts.elasticnet
    )
    if n < d:
        readout += "\n\n:material/straighten: " + t("sparsity.paths.at_most_n", lang, n=n, d=d)
    st.markdown(readout)

elif isinstance(facts, IterationFacts):
    st.caption(t("sparsity.iterations.caption", lang, lr=f"{facts.lr:.3g}"))
    st.markdown(
        t(
            "sparsity.iterations.readout",
            lang,
            steps=settings.steps,
            d=facts.d,
            prox=facts.l1_proximal,
            sub=facts.l1_subgradient,
            l2=facts.l2,
            exact=facts.optimum_zeros,
        )
        + " "
        + t("sparsity.iterations.l2_grew", lang, grew=facts.l2_grew, d=facts.d)
    )

elif isinstance(facts, MonteCarloShares):
    losses, shape, spread = settings.losses, settings.shape, settings.spread
    caption = t(
        "sparsity.montecarlo.caption", lang, count=losses, shape=t(f"choice.s_shape.{shape}", lang),
        randomness=t(f"sparsity.montecarlo.randomness.{shape}", lang), spread=f"{spread:g}",
    )  # fmt: skip
    if losses > SCATTER_POINTS:
        caption += " " + t("sparsity.montecarlo.shown", lang, shown=SCATTER_POINTS, count=losses)
    st.caption(caption)
    l1, l2, l2_almost = (percent_one_decimal(share) for share in facts)
    rows = {
        t("sparsity.montecarlo.metric.l1", lang): l1,
        t("sparsity.montecarlo.metric.l2", lang): l2,
        t("sparsity.montecarlo.metric.l2_almost", lang): l2_almost,
    }
    st.markdown(readout_table(rows))
    st.markdown(t("sparsity.montecarlo.parr", lang, l1=l1, l2=l2, l2_almost=l2_almost))

else:
    st.caption(t("sparsity.layer.caption", lang))
    counts = t(
        "sparsity.layer.counts", lang, thinner=facts.thinner, total=facts.total, thicker=facts.thicker,
        zeros=facts.zeros,
    )  # fmt: skip
    same = facts.kept_min == facts.kept_max
    kept = "sparsity.layer.kept_same" if same else "sparsity.layer.kept_range"
    counts += " " + t(kept, lang, kept_min=facts.kept_min, kept_max=facts.kept_max, inputs=facts.inputs)
    if facts.thicker:
        counts += " " + t("sparsity.layer.some_thicker", lang)
    st.markdown(t("sparsity.layer.why", lang) + "\n\n" + counts)
st.caption(t("sparsity.intro", lang))  # the page's idea, under what the section shows

html = ui.Export(
    t("sparsity.export.html", lang),
    lambda: figure_html(spec, t(f"sparsity.{view}.title", lang), lang, ui.scene_url(PAGE)),
    f"decayviz_sparsity_{view}.html",
    "text/html",
)
ui.share_box(PAGE, lang, (html,))
ui.write_url(PAGE)
