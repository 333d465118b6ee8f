"""The 2-D landscape: descent from W0 toward W*, stopped short by an L1 or L2 penalty."""

import numpy as np
import streamlit as st

from decayviz.export import figure_html, trajectory_csv
from decayviz.i18n import t
from decayviz.state import defaults
from decayviz.ui import controls as ui
from decayviz.ui.cached import landscape_scene
from decayviz.ui.charts import plotly_chart
from decayviz.ui.readouts import readout_table
from decayviz.ui.sidebars import landscape_controls

PAGE = "landscape"


def point(w) -> str:
    """A weight vector for reading: an exact zero prints as 0, anything else keeps 4 digits."""
    return "(" + ", ".join("0" if x == 0.0 else f"{x:.4g}" for x in w) + ")"


lang = ui.lang()
problems = ui.load_page(PAGE)
st.title(t("landscape.title", lang))
st.caption(t("landscape.intro", lang))
ui.show_problems(problems, lang)

landscape_controls(lang)

values = {name: ui.value(name) for name in defaults(PAGE)}
scene, main_figure, terms_figure = landscape_scene(tuple(sorted(values.items())), lang)
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

exports = (
    ui.Export(
        t("landscape.export.html", lang),
        lambda: figure_html(main_figure, t("landscape.title", lang)),
        "decayviz_landscape.html",
        "text/html",
    ),
    ui.Export(
        t("landscape.export.csv", lang), lambda: trajectory_csv(scene), "decayviz_trajectory.csv", "text/csv"
    ),
)
ui.share_box(PAGE, lang, exports)
ui.write_url(PAGE)
