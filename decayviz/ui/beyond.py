"""The views beyond the chapter, drawn whole: the sparsity page's low-rank section and the
landscape's normalization and early-stopping views. Each draws its charts, its sentences, its
controls, the share box and the address bar; the page stops after it (its other sections are
not this view's)."""

from __future__ import annotations

import streamlit as st

from decayviz.beyond import (
    earlystop_scene,
    earlystop_text,
    lowrank_facts,
    normalized_scene,
    normalized_text,
    percent,
)
from decayviz.describe import earlystop_alt, lowrank_alt, normalized_alt
from decayviz.export import figure_html
from decayviz.figures.beyond import earlystop_figure, normalized_figure
from decayviz.figures.lowrank import KIND_KEYS, picture_images, spectra_figure
from decayviz.i18n import t
from decayviz.lowrank import PENALTY_KINDS, lowrank_section
from decayviz.state import FIELD, defaults
from decayviz.ui import controls as ui
from decayviz.ui.cached import recent
from decayviz.ui.charts import main_chart
from decayviz.ui.sidebars import landscape_controls
from decayviz.ui.style import MAIN_CHART, SECTION_CHART


@recent(16)
@st.cache_resource(max_entries=64, show_spinner=False)
def _lowrank(alpha: float, steps: int, seed: int, lang: str):
    """The section's numbers, its figure and its pictures, once per setting for the whole server."""
    section = lowrank_section(alpha, FIELD["s_alpha"].options, steps, seed)
    facts = lowrank_facts(section)
    captions = [t("lowrank.picture.noisy", lang, rank=facts.n, true_rank=facts.true_rank)] + [
        t(
            "lowrank.picture.caption",
            lang,
            kind=t(KIND_KEYS[kind], lang),
            rank=section.ranks[kind],
            zeros=percent(section.zero_entries[kind]),
        )
        for kind in PENALTY_KINDS
    ]
    return facts, spectra_figure(section, lang), picture_images(section), captions


def lowrank_view(page: str, lang: str) -> None:
    """The sparsity page's low-rank section: spectra, descent and ranks in one chart, then the
    picture under each penalty."""
    facts, spectra, pictures, captions = _lowrank(
        ui.value("s_alpha"), ui.value("s_steps"), ui.value("s_seed"), lang
    )
    main_chart(spectra, key="sparsity_lowrank", alt=lowrank_alt(facts, lang), box=SECTION_CHART)
    with st.sidebar:
        ui.preset_picker(page, lang)
        for name in ("s_alpha", "s_steps", "s_seed"):
            ui.control(name, lang)
        st.button(
            t("ui.reset", lang),
            key="sparsity_reset",
            on_click=ui.apply,
            args=(defaults(page),),
            width="stretch",
        )
    contrast = "l1_keeps_rank" if facts.rank_l1 > facts.rank_factors else "l1_rank"
    l1 = t(f"lowrank.readout.{contrast}", lang, zeros=facts.zeros, rank_l1=facts.rank_l1)
    readout = t(
        "lowrank.readout", lang, alpha=facts.alpha, n=facts.n, kept=facts.kept,
        rank_factors=facts.rank_factors, true_rank=facts.true_rank, shrink=facts.shrink, l1=l1,
    )  # fmt: skip
    st.markdown(readout)
    descent = t("lowrank.descent.caption", lang, n=facts.n, lr=facts.lr, steps=facts.steps, gap=facts.gap)
    st.caption(descent + "\n\n" + t("lowrank.caption", lang))
    st.image(pictures, caption=captions, width=168, alt=captions, output_format="PNG")
    st.caption(t("lowrank.pictures.caption", lang, true_rank=facts.true_rank))
    _share(page, spectra, t("sparsity.lowrank.title", lang), "decayviz_sparsity_lowrank.html", lang)


@recent(16)
@st.cache_resource(max_entries=64, show_spinner=False)
def _landscape(values: tuple, lang: str):
    values = dict(values)
    if values["l_view"] == "normalized":
        loss, run = normalized_scene(values)
        return (
            normalized_figure(run, loss, lang),
            normalized_text(run, values, lang),
            normalized_alt(run, lang),
            [],
        )
    scene = earlystop_scene(values)
    texts = earlystop_text(scene, lang)
    return (
        earlystop_figure(scene.match, scene.loss, scene.alpha, scene.step, lang),
        "",
        earlystop_alt(scene, lang),
        texts,
    )


def landscape_view(page: str, lang: str) -> None:
    """A landscape view beyond the chapter, on the page's own controls."""
    values = {name: ui.value(name) for name in defaults(page)}
    view = values["l_view"]
    figure, sentence, alt, sentences = _landscape(tuple(sorted(values.items())), lang)
    main_chart(figure, key=f"landscape_{view}", alt=alt, box=MAIN_CHART)
    ui.control("l_view", lang, container=st.sidebar)
    landscape_controls(lang)
    if view == "normalized":
        st.markdown(sentence)
        st.caption(t("beyond.norm.caption", lang))
        title = t("beyond.norm.title", lang)
    else:
        st.markdown(" ".join(sentences))
        st.caption(t("beyond.es.caption", lang))
        st.page_link(
            "app_pages/network.py",
            label=t("beyond.es.link", lang),
            icon=":material/model_training:",
            query_params={"preset": "n_early_stop"},
        )
        title = t("beyond.es.title", lang)
    _share(page, figure, title, f"decayviz_landscape_{view}.html", lang)


def _share(page: str, figure: dict, title: str, file_name: str, lang: str) -> None:
    html = ui.Export(
        t("sparsity.export.html", lang),
        lambda: figure_html(figure, title, lang, ui.scene_url(page)),
        file_name,
        "text/html",
    )
    ui.share_box(page, lang, (html,))
    ui.write_url(page)
