"""Many weights: exact regularization paths, sparsity emerging over the iterations, how often L1
gives a zero, and a linear layer as a web of connections; one section at a time."""

import streamlit as st

from decayviz.describe import sparsity_alt
from decayviz.export import figure_html
from decayviz.i18n import t
from decayviz.state import FIELD, defaults
from decayviz.ui import controls as ui
from decayviz.ui.cached import sparsity_section
from decayviz.ui.charts import plotly_chart
from decayviz.ui.readouts import readout_table

PAGE = "sparsity"


SIZES = ("s_samples", "s_features", "s_nonzero", "s_seed")


def problem_controls() -> tuple:
    """The data set's controls; returns the arguments of sparsity.make_problem they define.
    The synthetic problem's sizes and seed sit behind a switch that names them."""
    name = ui.control("s_problem", lang)
    if name == "diabetes":  # no sizes or seed: one cache entry serves every value of those controls
        return (name, 0, 0, 0, 0)
    n, d, k, seed = (ui.value(field) for field in SIZES)
    ui.switched_group("sparsity_sizes", t("sparsity.sizes", lang, n=n, d=d, k=k, seed=seed), SIZES, lang)
    return (name, *(ui.value(field) for field in SIZES))


lang = ui.lang()
problems = ui.load_page(PAGE)
st.title(t("sparsity.title", lang))
st.caption(t("sparsity.intro", lang))
ui.show_problems(problems, lang)
# One section at a time: a projector shows one big figure, and a rerun builds only that one.
# The section picker names the section; the sidebar has no group headings. Every element
# costs each rerun (see README, Performance), so the page draws only what it must.
view = ui.control("s_view", lang, width=420)

with st.sidebar:
    ui.preset_picker(PAGE, lang)
    if view == "montecarlo":
        settings = tuple(ui.control(name, lang) for name in ("s_losses", "s_shape", "s_spread", "s_seed"))
    else:
        alpha = ui.control("s_alpha", lang)
    if view == "paths":
        ratio = ui.control("s_l1_ratio", lang)
        settings = (problem_controls(), alpha, ratio)
    elif view == "iterations":
        problem_key = problem_controls()
        settings = (problem_key, alpha, ui.control("s_steps", lang))
    elif view == "layer":
        penalty = ui.control("s_penalty", lang)
        # Only the elastic net reads l1_ratio: other penalties share one cache entry.
        ratio = ui.control("s_l1_ratio", lang) if penalty == "elasticnet" else FIELD["s_l1_ratio"].default
        settings = (penalty, alpha, ratio, ui.control("s_seed", lang))
    st.button(
        t("ui.reset", lang), key="sparsity_reset", on_click=ui.apply, args=(defaults(PAGE),), width="stretch"
    )

spec, facts = sparsity_section(view, settings, lang)
alt = sparsity_alt(view, facts, None if view == "montecarlo" else alpha, lang)

if view == "paths":
    if facts["true"] is None:
        problem = t("sparsity.paths.diabetes", lang)
    else:
        problem = t("sparsity.paths.synthetic", lang, n=facts["n"], d=facts["d"], k=facts["true"])
    st.caption(problem + "\n\n" + t("sparsity.paths.caption", lang))  # one element, two paragraphs
    plotly_chart(spec, key="sparsity_paths", alt=alt)
    readout = t(
        "sparsity.paths.readout",
        lang,
        alpha=f"{alpha:g}",
        d=facts["d"],
        l1=facts["l1"],
        l2=facts["l2"],
        en=facts["elasticnet"],
    )
    if facts["n"] < facts["d"]:
        readout += "\n\n📏 " + t("sparsity.paths.at_most_n", lang, n=facts["n"], d=facts["d"])
    st.markdown(readout)

elif view == "iterations":
    st.caption(t("sparsity.iterations.caption", lang, lr=f"{facts['lr']:.3g}"))
    plotly_chart(spec, key="sparsity_descent", alt=alt)
    st.markdown(
        t(
            "sparsity.iterations.readout",
            lang,
            steps=settings[-1],
            d=facts["d"],
            prox=facts["l1_proximal"],
            sub=facts["l1_subgradient"],
            l2=facts["l2"],
            exact=facts["exact"],
        )
        + " "
        + t("sparsity.iterations.l2_grew", lang, grew=facts["grew"], d=facts["d"])
    )

elif view == "montecarlo":
    losses, shape, spread, _ = settings
    st.caption(
        t(
            "sparsity.montecarlo.caption",
            lang,
            count=losses,
            shape=t(f"choice.s_shape.{shape}", lang),
            spread=f"{spread:g}",
        )
    )
    names = ("l1", "l2", "l2_almost")
    st.markdown(readout_table({t(f"sparsity.montecarlo.metric.{name}", lang): facts[name] for name in names}))
    plotly_chart(spec, key="sparsity_montecarlo", alt=alt)
    st.markdown(t("sparsity.montecarlo.parr", lang, **facts))

else:
    st.caption(t("sparsity.layer.caption", lang))
    plotly_chart(spec, key="sparsity_layer", alt=alt)
    same = facts["kept_min"] == facts["kept_max"]
    kept = "sparsity.layer.kept_same" if same else "sparsity.layer.kept_range"
    counts = t("sparsity.layer.counts", lang, **facts) + " " + t(kept, lang, **facts)
    if facts["thicker"]:
        counts += " " + t("sparsity.layer.some_thicker", lang)
    st.markdown(t("sparsity.layer.why", lang) + "\n\n" + counts)

html = ui.Export(
    t("sparsity.export.html", lang),
    lambda: figure_html(spec, t(f"sparsity.{view}.title", lang), lang, ui.scene_url(PAGE)),
    f"decayviz_sparsity_{view}.html",
    "text/html",
)
ui.share_box(PAGE, lang, (html,))
ui.write_url(PAGE)
