"""A small real PyTorch network trained with weight decay, several α at once, live."""

import time

import streamlit as st

from decayviz.export import sweep_csv
from decayviz.figures.network import (
    alpha_label,
    boundary_figure,
    curves_figure,
    filters_figure,
    histogram_figure,
    sweep_figure,
)
from decayviz.i18n import t
from decayviz.state import defaults
from decayviz.training import METRICS, SweepConfig, reproduction_script
from decayviz.training.options import RUN_SECONDS, SERVER_TRAININGS
from decayviz.ui import controls as ui
from decayviz.ui import training
from decayviz.ui.charts import plotly_chart

PAGE = "network"
DRAW_EVERY_S = 0.4  # live charts are redrawn at most this often (the progress bar every epoch)


def sidebar_config() -> tuple[SweepConfig, tuple[float, ...], int]:
    """The run the sidebar describes: its config, its α values and its number of epochs."""
    with st.sidebar:
        ui.preset_picker(PAGE, lang)
        st.subheader(t("network.group.model", lang))
        for name in ("n_dataset", "n_depth", "n_hidden"):
            ui.control(name, lang)
        st.subheader(t("network.group.optimizer", lang))
        optimizer = ui.control("n_opt", lang)
        ui.control("n_lr", lang)
        ui.control("n_momentum", lang, disabled=optimizer != "sgd")
        st.subheader(t("network.group.penalty", lang))
        ui.control("n_penalty", lang)
        ui.control("n_alphas", lang)
        ui.control("n_decay_bias", lang)
        st.subheader(t("network.group.run", lang))
        for name in ("n_epochs", "n_batch", "n_seed"):
            ui.control(name, lang)
        st.button(t("ui.reset", lang), on_click=ui.apply, args=(defaults(PAGE),), width="stretch")
    config = SweepConfig(
        dataset=ui.value("n_dataset"), penalty=ui.value("n_penalty"), optimizer=optimizer,
        lr=ui.value("n_lr"), hidden=ui.value("n_hidden"), depth=ui.value("n_depth"),
        batch_size=ui.value("n_batch"), decay_bias=ui.value("n_decay_bias"),
        momentum=ui.value("n_momentum") if optimizer == "sgd" else 0.0, seed=ui.value("n_seed"),
    )  # fmt: skip
    return config, tuple(ui.value("n_alphas")), ui.value("n_epochs")


def explain_mapping(config: SweepConfig, alphas: tuple[float, ...]) -> None:
    """α in the chapter's convention next to the number PyTorch is given, and why."""
    if config.penalty == "l2":
        pairs = ", ".join(f"α = {alpha_label(a)} → weight_decay = {alpha_label(2 * a)}" for a in alphas)
        text = t("network.mapping_l2", lang, pairs=pairs)
    else:
        text = t("network.mapping_l1", lang)
    bias = t("network.bias_note_on" if config.decay_bias else "network.bias_note_off", lang)
    st.info(f"{text} {bias}", icon="🔧")


def draw_curves(result, slot, tag: str) -> None:
    with slot.container():
        plotly_chart(curves_figure(result, lang), key=f"curves_{tag}")


def show_progress(bar, run: training.Run) -> None:
    fraction = min(run.epochs_done / max(run.target_epochs, 1), 1.0)
    models = len(run.trainer.alphas)
    text = t(
        "network.progress",
        lang,
        epoch=run.epochs_done,
        total=run.target_epochs,
        seconds=run.seconds,
        models=models,
    )
    bar.progress(fraction, text=text)


def status_message(run: training.Run) -> None:
    epochs = run.epochs_done
    if run.status == training.DONE:
        st.success(t("network.status_done", lang, epochs=epochs, seconds=run.total_seconds), icon="✅")
    elif run.status == training.STOPPED:
        st.info(t("network.status_stopped", lang, epochs=epochs), icon="⏹️")
    elif run.status == training.TIME_LIMIT:
        st.warning(t("network.status_time_limit", lang, epochs=epochs, limit=RUN_SECONDS), icon="⏱️")
    elif run.status == training.BUSY:
        key = "network.status_busy" if epochs else "network.status_busy_new"
        st.warning(t(key, lang, running=SERVER_TRAININGS), icon="⏳")


def notes(result) -> None:
    """Per α: a clear word for each network that diverged or was continued from another α."""
    for alpha, epoch in zip(result.alphas, result.diverged_at, strict=True):
        if epoch is not None:
            st.error(t("network.diverged", lang, alpha=alpha_label(alpha), epoch=epoch), icon="💥")
    for alpha, branch in zip(result.alphas, result.branched_from, strict=True):
        if branch is not None:
            parent, epoch = branch
            st.caption(
                t("network.branched", lang, alpha=alpha_label(alpha), parent=alpha_label(parent), epoch=epoch)
            )


def final_table(result) -> None:
    rows: dict[str, list] = {t("column.alpha", lang): [alpha_label(a) for a in result.alphas]}
    if result.config.penalty == "l2":
        rows[t("column.weight_decay", lang)] = [alpha_label(2 * a) for a in result.alphas]
    for metric in METRICS:
        rows[t(f"metric.{metric}", lang)] = [
            round(h[metric][-1], 4) if h[metric] else None for h in result.history
        ]
    rows[t("column.status", lang)] = [
        t("status.ok", lang) if epoch is None else t("status.diverged", lang, epoch=epoch)
        for epoch in result.diverged_at
    ]
    st.dataframe(rows, hide_index=True)


def views(result, code_config: SweepConfig, code_epochs: int) -> None:
    diverged = [alpha_label(a) for a, e in zip(result.alphas, result.diverged_at, strict=True) if e]
    tabs = st.tabs([t(f"network.tab.{name}", lang) for name in ("sweep", "weights", "boundary", "code")])
    with tabs[0]:
        st.caption(t("network.sweep_caption", lang))
        plotly_chart(sweep_figure(result, lang), key="sweep")
        final_table(result)
    with tabs[1]:
        if diverged:
            st.caption(t("network.diverged_views", lang, alphas=", ".join(diverged)))
        plotly_chart(histogram_figure(result, lang), key="histograms")
        if result.config.dataset == "digits":
            st.caption(t("network.filters_caption", lang))
            plotly_chart(filters_figure(result, lang), key="filters")
    with tabs[2]:
        if result.boundary is None:
            st.info(t("network.boundary_only_moons", lang))
        else:
            from decayviz.training.data import load

            data = load(result.config.dataset)
            st.caption(t("network.boundary_caption", lang))
            plotly_chart(boundary_figure(result, data.X_train, data.y_train, lang), key="boundary")
    with tabs[3]:
        code_view(result, code_config, code_epochs)


def code_view(result, config: SweepConfig, epochs: int) -> None:
    alpha = ui.control("n_code_alpha", lang)
    st.caption(t("network.code_intro", lang))
    keywords = config.keywords()
    dataset = keywords.pop("dataset")
    script = reproduction_script(dataset, alpha, epochs=epochs, **keywords)
    if result is not None and alpha in result.alphas:
        index = result.alphas.index(alpha)
        history = result.history[index]
        if history["train_loss"] and result.branched_from[index] is None:
            epochs_trained = len(history["train_loss"])
            score, loss = history["val_accuracy"][-1], history["train_loss"][-1]
            text = t(
                "network.code_result",
                lang,
                alpha=alpha_label(alpha),
                epochs=epochs_trained,
                score=score,
                loss=loss,
            )
            st.markdown(text)
    else:
        st.caption(t("network.code_not_trained", lang))
    st.download_button(
        t("network.download", lang), data=script, file_name=f"weight_decay_{dataset}_alpha_{alpha:g}.py",
        mime="text/x-python", icon="⬇️",
    )  # fmt: skip
    st.code(script, language="python", line_numbers=True)


lang = ui.lang()
problems = ui.load_page(PAGE)
st.title(t("network.title", lang))
st.caption(t("network.intro", lang))
ui.show_problems(problems, lang)

config, alphas, epochs = sidebar_config()
explain_mapping(config, alphas)

run = training.current()
same_setup = run is not None and run.config == config
busy = training.is_pending() or (run is not None and run.status == training.RUNNING)
buttons = st.columns([1, 2, 1])
buttons[0].button(
    t("network.train", lang), type="primary", width="stretch", disabled=not alphas,
    on_click=training.request_start, args=(config, alphas, epochs),
)  # fmt: skip
buttons[1].button(
    t("network.continue", lang, epochs=epochs), width="stretch", help=t("network.continue_help", lang),
    disabled=not (same_setup and alphas) or busy, on_click=training.extend, args=(alphas, epochs),
)  # fmt: skip
buttons[2].button(t("network.stop", lang), on_click=training.request_stop, width="stretch", disabled=not busy)

if training.is_pending():
    with st.spinner(t("network.loading", lang)):
        try:
            training.start_requested()
        except ValueError as problem:  # the table's bounds should prevent it; say so, never a traceback
            st.error(t("network.bad_input", lang, reason=problem), icon="🚫")
run = training.current()

if run is None:
    st.info(t("network.nothing_yet", lang), icon="👈")
    views_result = None
else:
    if run.config != config:
        st.caption(t("network.settings_changed", lang))
    progress = st.progress(0.0)
    status_slot = st.empty()
    st.subheader(t("network.curves", lang))
    score = "network.score_r2" if run.config.dataset == "highdim" else "network.score_accuracy"
    st.caption(t("network.curves_caption", lang, score=t(score, lang)))
    curves_slot = st.empty()
    last_draw = [0.0, 0]

    def on_epoch(current: training.Run) -> None:
        """Progress every epoch; the curves when enough time has passed or at the end."""
        show_progress(progress, current)
        finished = current.epochs_done >= current.target_epochs
        if finished or time.monotonic() - last_draw[0] >= DRAW_EVERY_S:
            last_draw[0], last_draw[1] = time.monotonic(), last_draw[1] + 1
            draw_curves(current.result(), curves_slot, f"live{last_draw[1]}")

    was_running = run.status == training.RUNNING
    training.drive(on_epoch)
    if was_running and run.status != training.RUNNING:
        st.rerun()  # redraw the buttons (Stop off, Continue on) and the views for the new status
    show_progress(progress, run)
    with status_slot.container():
        status_message(run)
    views_result = run.result()
    draw_curves(views_result, curves_slot, "final")
    notes(views_result)
    ui.download(
        t("network.export.csv", lang),
        lambda r=views_result: sweep_csv(r.alphas, r.history),
        "decayviz_sweep.csv",
        "text/csv",
        "export_csv",
    )

if views_result is not None and views_result.epochs_done:
    views(views_result, views_result.config, views_result.epochs_done)
else:
    with st.expander(t("network.tab.code", lang)):
        code_view(None, config, epochs)

ui.share_box(PAGE, lang)
ui.write_url(PAGE)
