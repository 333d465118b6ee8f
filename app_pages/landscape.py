"""The 2-D landscape: descent from W0 toward W*, stopped short by an L1 or L2 penalty."""

import numpy as np
import streamlit as st

from decayviz.export import figure_html, trajectory_csv
from decayviz.figures.landscape import landscape_figure, loss_terms_figure
from decayviz.i18n import t
from decayviz.scene import build_scene
from decayviz.state import defaults
from decayviz.ui import controls as ui
from decayviz.ui.charts import plotly_chart

PAGE = "landscape"


@st.cache_resource(max_entries=256, show_spinner=False)
def compute(values: tuple, lang: str):
    """Scene and figure specs for one set of controls, shared read-only by every session on the
    server (a resource cache, so a hit costs no unpickling)."""
    scene = build_scene(dict(values))
    return scene, landscape_figure(scene, lang), loss_terms_figure(scene, lang)


def point(w) -> str:
    """A weight vector for reading: an exact zero prints as 0, anything else keeps 4 digits."""
    return "(" + ", ".join("0" if x == 0.0 else f"{x:.4g}" for x in w) + ")"


def readout_table(readouts: dict[str, str]) -> str:
    """All readouts in one markdown table: one element instead of one metric each."""
    return "\n".join(
        [
            "| " + " | ".join(readouts) + " |",
            "|" + "---|" * len(readouts),
            "| " + " | ".join(f"**{v}**" for v in readouts.values()) + " |",
        ]
    )


lang = ui.lang()
problems = ui.load_page(PAGE)
st.title(t("landscape.title", lang))
st.caption(t("landscape.intro", lang))
ui.show_problems(problems, lang)

with st.sidebar:
    ui.preset_picker(PAGE, lang)
    st.subheader(t("landscape.group.penalty", lang))
    penalty = ui.control("penalty", lang)
    ui.control("alpha", lang, disabled=penalty == "none")
    if penalty == "elasticnet":
        ui.control("l1_ratio", lang)
    st.subheader(t("landscape.group.optimizer", lang))
    for name in ("opt", "lr", "steps"):
        ui.control(name, lang)
    with st.expander(t("landscape.group.loss", lang)):
        for name in ("wx", "wy", "c1", "c2", "angle"):
            ui.control(name, lang)
    with st.expander(t("landscape.group.start", lang)):
        for name in ("w0x", "w0y"):
            ui.control(name, lang)
    st.button(t("ui.reset", lang), on_click=ui.apply, args=(defaults(PAGE),), width="stretch")

values = {name: ui.value(name) for name in defaults(PAGE)}
scene, main_figure, terms_figure = compute(tuple(sorted(values.items())), lang)
trajectory = scene.trajectory

if trajectory.diverged_at is not None:
    st.error(
        t(
            "landscape.diverged",
            lang,
            step=trajectory.diverged_at,
            lr=scene.lr,
            limit=f"{scene.max_stable_lr:.3g}",
        ),
        icon="💥",
    )

plotly_chart(main_figure, key="landscape_chart")

kind = scene.penalty.kind
readouts = {t("landscape.readout.optimum", lang): point(scene.optimum)}
if kind != "none":
    readouts[t(f"landscape.readout.radius.{kind}", lang)] = f"{scene.radius:.4g}"
    readouts[t("landscape.readout.cost", lang)] = f"{scene.data_cost:.4g}"
    readouts[t("landscape.readout.weight_decay", lang)] = f"{scene.weight_decay:g}"
end_label = t("landscape.readout.end", lang, step=trajectory.finite_steps - 1)
readouts[end_label] = (
    point(trajectory.final)
    + " · "
    + t("landscape.readout.distance", lang, d=f"{np.linalg.norm(trajectory.final - scene.optimum):.1e}")
)
if kind in ("l1", "elasticnet"):
    zero = trajectory.first_exact_zero()
    readouts[t("landscape.readout.zero", lang)] = (
        t("landscape.readout.zero_never", lang) if zero is None else str(zero)
    )
st.markdown(readout_table(readouts))

if scene.companion is not None:
    st.markdown(
        t(
            "landscape.readout.companion",
            lang,
            optimizer=t(f"choice.opt.{scene.optimizer}", lang),
            end=point(trajectory.final),
            other=t(f"choice.opt.{scene.companion_optimizer}", lang),
            other_end=point(scene.companion.final),
        )
    )
if scene.box_halfwidth is not None:
    st.info(
        t(
            "landscape.adamw_box",
            lang,
            c=f"{scene.box_halfwidth:.3g}",
            corner=point(scene.box_optimum),
            l2=point(scene.optimum),
        ),
        icon="📦",
    )
elif scene.companion_optimizer in ("gd", "proximal"):
    st.info(t("landscape.chatter", lang), icon="🔍")

st.subheader(t("landscape.terms.title", lang))
st.caption(t("landscape.terms.caption", lang))
plotly_chart(terms_figure, key="terms_chart")

with st.expander(t("landscape.explain.title", lang), expanded=False):
    st.markdown(t("landscape.explain.body", lang))

with st.expander(t("ui.export", lang), icon="💾"):
    left, right = st.columns(2)
    ui.download(
        t("landscape.export.html", lang),
        lambda: figure_html(main_figure, t("landscape.title", lang)),
        "decayviz_landscape.html",
        "text/html",
        "export_html",
        left,
    )
    ui.download(
        t("landscape.export.csv", lang),
        lambda: trajectory_csv(scene),
        "decayviz_trajectory.csv",
        "text/csv",
        "export_csv",
        right,
    )

ui.share_box(PAGE, lang)
ui.write_url(PAGE)
