"""The 2-D landscape: descent from W0 toward W*, stopped short by an L1 or L2 penalty."""

import numpy as np
import streamlit as st

from decayviz.describe import landscape_alt, terms_alt
from decayviz.export import figure_html, trajectory_csv
from decayviz.i18n import t
from decayviz.landscape import WEIGHTS
from decayviz.rules import chain_text
from decayviz.state import defaults
from decayviz.ui import classroom
from decayviz.ui import controls as ui
from decayviz.ui.beyond import landscape_view
from decayviz.ui.cached import landscape_scene
from decayviz.ui.charts import main_chart, plotly_chart
from decayviz.ui.readouts import readout_table
from decayviz.ui.sidebars import landscape_controls

PAGE = "landscape"
# PyTorch's weight_decay for each penalty: 2α for L2, its L2 part for the elastic net, none for L1.
WEIGHT_DECAY_LABELS = {
    "l2": "landscape.readout.weight_decay.l2",
    "elasticnet": "landscape.readout.weight_decay.elasticnet",
    "l1": "landscape.readout.weight_decay.l1",
}


def point(w) -> str:
    """A weight vector for reading: an exact zero prints as 0, anything else keeps 4 digits."""
    return "(" + ", ".join("0" if x == 0.0 else f"{x:.4g}" for x in w) + ")"


lang = ui.lang()
corrections = ui.load_page(PAGE)
st.title(t("landscape.title", lang))  # compact: on a projector the chart fits under it
ui.show_corrections(corrections, lang)
classroom.panel(PAGE, lang)  # predict, then see: until revealed, the page stops here
if ui.value("l_view") != "descent":  # beyond the chapter: a view drawn whole (decayviz.ui.beyond)
    landscape_view(PAGE, lang)
    st.stop()

# The values are read before their widgets are drawn (ui.value), so that the chart is the
# first thing sent: the browser starts loading plotly.js as soon as a chart arrives.
values = {name: ui.value(name) for name in defaults(PAGE)}
scene, main_figure, terms_figure = landscape_scene(tuple(sorted(values.items())), lang)
trajectory = scene.trajectory

main_figure = classroom.chart_overlay(PAGE, main_figure, lang)  # a revealed tap question
main_chart(main_figure, key="landscape_chart", alt=landscape_alt(scene, lang))
if trajectory.diverged_at is not None:  # under the chart, which fills the screen above it
    st.error(scene.divergence_text(lang), icon=":material/error:")  # the rule's own limit and cause
ui.control("l_view", lang, container=st.sidebar)
landscape_controls(lang)

kind = scene.penalty.kind
readouts = {t("landscape.readout.optimum", lang): point(scene.optimum)}
if kind != "none":
    readouts[t(f"landscape.readout.radius.{kind}", lang)] = f"{scene.radius:.4g}"
    readouts[t("landscape.readout.cost", lang)] = f"{scene.data_cost:.4g}"
    optimum_norm, w_star_norm = scene.norms
    share = "–" if scene.norm_share is None else f"{scene.norm_share:.0%}"
    l2 = kind == "l2"  # then ‖Ŵ(α)‖₂ is t, shown just before: only its share of ‖W*‖₂ is new
    readouts[t("landscape.readout.norm_l2" if l2 else "landscape.readout.norm", lang)] = t(
        "landscape.readout.norm_share" if l2 else "landscape.readout.norm_value",
        lang,
        optimum=f"{optimum_norm:.3g}",
        w_star=f"{w_star_norm:.3g}",
        percent=share,
    )
    readouts[t(WEIGHT_DECAY_LABELS[kind], lang)] = (
        t("landscape.readout.weight_decay_none", lang) if kind == "l1" else f"{scene.weight_decay:.4g}"
    )
# a diverged descent's table row is its last finite point, a step before "Diverged at step …"
end = "landscape.readout.end" if trajectory.diverged_at is None else "landscape.readout.end_diverged"
end_label = t(end, lang, step=trajectory.finite_steps - 1)
readouts[end_label] = (
    point(trajectory.final)
    + " · "
    + t("landscape.readout.distance", lang, d=f"{np.linalg.norm(trajectory.final - scene.optimum):.1e}")
)
if kind in ("l1", "elasticnet"):
    contact, weight = scene.contact
    readouts[t("landscape.readout.contact", lang)] = t(
        contact, lang, weight=WEIGHTS[weight - 1] if weight else ""
    )
    zero = trajectory.first_exact_zero()
    readouts[t("landscape.readout.zero", lang)] = (
        t("landscape.readout.zero_never", lang) if zero is None else str(zero)
    )
st.markdown(readout_table(readouts))
# the rule as its chain of small steps, the penalty's marked: where the penalty enters the update
st.caption(chain_text(scene.optimizer, scene.penalty.l1_weight > 0, scene.penalty.l2_weight > 0, lang))
if scene.weight_decay_note is not None:
    st.caption(t(scene.weight_decay_note, lang))

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
adamw = scene.run("adamw")
if scene.adamw_is_adam:
    st.info(t("landscape.adamw_l1", lang), icon=":material/calculate:")
elif scene.box_halfwidth is not None and adamw.diverged_at is None:
    st.info(
        t(
            "landscape.adamw_box_inside" if scene.box_holds_w_star else "landscape.adamw_box",
            lang,
            c=f"{scene.box_halfwidth:.3g}",
            corner=point(scene.box_optimum),
            l2=point(scene.optimum),
            steps=adamw.finite_steps - 1,
            end=point(adamw.final),
            distance=f"{scene.box_distance:.2g}",
        ),
        icon=":material/crop_square:",
    )
elif scene.chatter is not None:
    chatter = scene.chatter
    st.info(
        t(
            "landscape.chatter",
            lang,
            steps=trajectory.finite_steps - 1,
            weight=WEIGHTS[chatter.weight - 1],
            gd_end=f"{chatter.gd_end:.2g}",
            zero_step=chatter.zero_step,
        ),
        icon=":material/zoom_in:",
    )

none = "_none" if scene.penalty.kind == "none" else ""  # α = 0 or no penalty: one term, no fight
st.header(t(f"landscape.terms.title{none}", lang))  # h2: the next level under the title
terms_caption = t(f"landscape.terms.caption{none}", lang)
if scene.penalty_low_step is not None:
    terms_caption += " " + t("landscape.terms.together", lang, step=scene.penalty_low_step)
st.caption(terms_caption)
plotly_chart(terms_figure, key="terms_chart", alt=terms_alt(scene, lang))

# Written only while open: its formulas bring ~0.3 MB of KaTeX that the page's first paint
# would otherwise wait on.
explain = st.expander(t("landscape.explain.title", lang), key="landscape_explain", on_change="rerun")
if explain.open:
    explain.markdown(t("landscape.intro", lang) + "\n\n" + t("landscape.explain.body", lang))

exports = (
    ui.Export(
        t("landscape.export.html", lang),
        lambda: figure_html(main_figure, t("landscape.title", lang), lang, ui.scene_url(PAGE)),
        "decayviz_landscape.html",
        "text/html",
    ),
    ui.Export(
        t("landscape.export.csv", lang), lambda: trajectory_csv(scene), "decayviz_trajectory.csv", "text/csv"
    ),
)
ui.share_box(PAGE, lang, exports)
ui.write_url(PAGE)
