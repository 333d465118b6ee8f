"""Many weights: exact regularization paths, sparsity emerging over the iterations, how often L1
gives a zero, and a linear layer as a web of connections; one section at a time."""

import numpy as np
import streamlit as st

from decayviz import sparsity
from decayviz.export import figure_html
from decayviz.figures.sparsity import descent_figure, layer_figure, monte_carlo_figure, path_figure
from decayviz.i18n import t
from decayviz.state import FIELD, defaults
from decayviz.ui import controls as ui
from decayviz.ui.charts import plotly_chart

PAGE = "sparsity"


@st.cache_resource(max_entries=32, show_spinner=False)
def problem_and_paths(problem_key: tuple, l1_ratio: float):
    """The problem and its exact paths, which do not depend on the α a student picks."""
    data = sparsity.make_problem(*problem_key)
    return data, sparsity.regularization_paths(data, l1_ratio)


def paths_section(problem_key: tuple, alpha: float, l1_ratio: float, lang: str) -> tuple[dict, dict]:
    data, paths = problem_and_paths(problem_key, l1_ratio)
    optima = sparsity.optima_at(data, alpha, l1_ratio)
    spec = path_figure(
        sparsity.DISPLAY_ALPHAS,
        paths,
        alpha,
        optima,
        data.feature_names,
        sparsity.highlighted_features(data),
        lang,
        l1_ratio,
    )
    n, d = data.X.shape
    facts = {"n": n, "d": d, "true": None if data.w_true is None else int(np.sum(data.w_true != 0.0))}
    return spec, facts | {kind: int(np.sum(w == 0.0)) for kind, w in optima.items()}


def iterations_section(problem_key: tuple, alpha: float, steps: int, lang: str) -> tuple[dict, dict]:
    data = sparsity.make_problem(*problem_key)
    frames = sparsity.descent_frames(data, alpha, steps, seed=problem_key[-1])
    exact = sparsity.coefficient_path(data.X, data.y, "l1", [alpha])[0]  # where the proximal run heads
    facts = {name: int(np.sum(w[-1] == 0.0)) for name, w in frames.weights.items()}
    facts |= {"d": len(exact), "lr": frames.lr, "exact": int(np.sum(exact == 0.0))}
    return descent_figure(frames, lang), facts


def montecarlo_section(count: int, shape: str, spread: float, seed: int, lang: str) -> tuple[dict, dict]:
    mc = sparsity.sparsity_monte_carlo(count, seed, shape, spread)
    shares = {"l1": np.mean(mc.l1_zero), "l2": np.mean(mc.l2_zero), "l2_almost": mc.near_zero_share("l2")}
    percents = {name: f"{100 * share:.1f}%" for name, share in shares.items()}
    return monte_carlo_figure(mc, spread, lang), percents


def layer_section(kind: str, alpha: float, l1_ratio: float, seed: int, lang: str) -> tuple[dict, dict]:
    X, Y, _ = sparsity.layer_problem(seed=seed)
    plain = sparsity.fit_layer(X, Y, "l2", 0.0)
    penalized = sparsity.fit_layer(X, Y, kind, alpha, l1_ratio)
    title = t(
        "sparsity.layer.penalized", lang, penalty=t(f"choice.s_penalty.{kind}", lang), alpha=f"{alpha:g}"
    )
    return layer_figure(plain, penalized, lang, title), {}


SECTIONS = {
    "paths": paths_section,
    "iterations": iterations_section,
    "montecarlo": montecarlo_section,
    "layer": layer_section,
}


@st.cache_resource(max_entries=64, show_spinner=False)
def section(view: str, settings: tuple, lang: str) -> tuple[dict, dict]:
    """One section's figure spec and the numbers its text quotes, shared read-only by every
    session (a resource cache: a hit costs no unpickling of the ~100 KB spec).

    One cache for all four: Streamlit re-wraps a cached function on every rerun of the page.
    """
    return SECTIONS[view](*settings, lang)


def problem_controls() -> tuple:
    """The data set's controls; returns the arguments of sparsity.make_problem they define."""
    st.subheader(t("sparsity.group.data", lang))
    name = ui.control("s_problem", lang)
    if name == "diabetes":  # no sizes or seed: one cache entry serves every value of those controls
        return (name, 0, 0, 0, 0)
    sizes = tuple(ui.control(field, lang) for field in ("s_samples", "s_features", "s_nonzero"))
    return (name, *sizes, ui.control("s_seed", lang))


lang = ui.lang()
problems = ui.load_page(PAGE)
st.title(t("sparsity.title", lang))
st.caption(t("sparsity.intro", lang))
ui.show_problems(problems, lang)
# One section at a time: a projector shows one big figure, and a rerun builds only that one.
view = ui.control("s_view", lang, width=420)

with st.sidebar:
    ui.preset_picker(PAGE, lang)
    if view == "montecarlo":
        st.subheader(t("sparsity.group.montecarlo", lang))
        settings = tuple(ui.control(name, lang) for name in ("s_losses", "s_shape", "s_spread", "s_seed"))
    else:
        st.subheader(t("sparsity.group.penalty", lang))
        alpha = ui.control("s_alpha", lang)
    if view == "paths":
        settings = (problem_controls(), alpha, ui.control("s_l1_ratio", lang))
    elif view == "iterations":
        problem_key = problem_controls()
        st.subheader(t("sparsity.group.descent", lang))
        settings = (problem_key, alpha, ui.control("s_steps", lang))
    elif view == "layer":
        penalty = ui.control("s_penalty", lang)
        # Only the elastic net reads l1_ratio: other penalties share one cache entry.
        ratio = ui.control("s_l1_ratio", lang) if penalty == "elasticnet" else FIELD["s_l1_ratio"].default
        settings = (penalty, alpha, ratio, ui.control("s_seed", lang))
    st.button(
        t("ui.reset", lang), key="sparsity_reset", on_click=ui.apply, args=(defaults(PAGE),), width="stretch"
    )

spec, facts = section(view, settings, lang)
st.header(t(f"sparsity.{view}.title", lang))

if view == "paths":
    if facts["true"] is None:
        st.caption(t("sparsity.paths.diabetes", lang))
    else:
        st.caption(t("sparsity.paths.synthetic", lang, n=facts["n"], d=facts["d"], k=facts["true"]))
    st.caption(t("sparsity.paths.caption", lang))
    plotly_chart(spec, key="sparsity_paths")
    st.markdown(
        t(
            "sparsity.paths.readout",
            lang,
            alpha=f"{alpha:g}",
            d=facts["d"],
            l1=facts["l1"],
            l2=facts["l2"],
            en=facts["elasticnet"],
        )
    )
    if facts["n"] < facts["d"]:
        st.info(t("sparsity.paths.at_most_n", lang, n=facts["n"], d=facts["d"]), icon="📏")

elif view == "iterations":
    st.caption(t("sparsity.iterations.caption", lang, lr=f"{facts['lr']:.3g}"))
    plotly_chart(spec, key="sparsity_descent")
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
    for column, name in zip(st.columns(3), ("l1", "l2", "l2_almost"), strict=True):
        column.metric(t(f"sparsity.montecarlo.metric.{name}", lang), facts[name])
    plotly_chart(spec, key="sparsity_montecarlo")
    st.markdown(t("sparsity.montecarlo.parr", lang, **facts))

else:
    st.caption(t("sparsity.layer.caption", lang))
    plotly_chart(spec, key="sparsity_layer")
    st.markdown(t("sparsity.layer.why", lang))

ui.download(
    t("sparsity.export.html", lang),
    lambda: figure_html(spec, t(f"sparsity.{view}.title", lang)),
    f"decayviz_sparsity_{view}.html",
    "text/html",
    "export_html",
)
ui.share_box(PAGE, lang)
ui.write_url(PAGE)
