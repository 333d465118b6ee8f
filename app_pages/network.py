"""A small real PyTorch network trained with weight decay, several α at once, live."""

from typing import NamedTuple

import streamlit as st

from decayviz.classroom.questions import trained_sweep
from decayviz.describe import grid_alt, network_alt
from decayviz.export import sweep_csv
from decayviz.figures.grid import grid_figure
from decayviz.figures.network import (
    alpha_label,
    boundary_figure,
    curves_figure,
    filters_figure,
    grokking_alt,
    grokking_figure,
    histogram_figure,
    sweep_figure,
)
from decayviz.i18n import LANGUAGES, t
from decayviz.rules import network_rule
from decayviz.state import defaults, page_fields, sweep_request
from decayviz.training import METRICS, SweepConfig, SweepResult, reproduction_script, worker
from decayviz.training.data import steps_per_epoch
from decayviz.training.grids import grid_config
from decayviz.training.options import GRID_ALPHAS, GRID_LRS, GRID_OPTIMIZERS, RUN_SECONDS, SERVER_TRAININGS
from decayviz.ui import classroom, training
from decayviz.ui import controls as ui
from decayviz.ui.charts import main_chart, plotly_chart
from decayviz.ui.style import CURVES_CHART

PAGE = "network"


class Run(NamedTuple):
    """The run the sidebar describes: a sweep over α, or (lrs given) the lr × α grid mode."""

    config: SweepConfig
    alphas: tuple[float, ...]
    epochs: int
    lrs: tuple[float, ...]


LIVE_EVERY_S = 0.5  # while a run trains, its progress and curves are redrawn this often
SHOWN_KEY = "network_shown"


def sidebar_config(lang: str) -> Run:
    """The run the sidebar describes: its config, its α values and its number of epochs."""
    with st.sidebar:
        ui.preset_picker(PAGE, lang)
        grid = ui.control("n_mode", lang) == "grid"
        st.header(t("network.group.model", lang))
        for name in ("n_dataset", "n_depth", "n_hidden"):
            ui.control(name, lang)
        st.header(t("network.group.optimizer", lang))
        optimizer = ui.control("n_opt", lang, disabled=grid)  # the grid's controls are its own
        ui.control("n_lr", lang, disabled=grid)
        ui.control("n_momentum", lang, disabled=grid or not network_rule(optimizer).uses_momentum)
        st.header(t("network.group.penalty", lang))
        ui.control("n_penalty", lang, disabled=grid)
        ui.control("n_alphas", lang, disabled=grid)
        ui.control("n_decay_bias", lang)
        st.header(t("network.group.others", lang))
        ui.control("n_dropout", lang, disabled=grid or ui.value("n_depth") == 0)  # no hidden units to drop
        ui.control("n_early_stop", lang, disabled=grid)
        st.header(t("network.group.run", lang))
        for name in ("n_epochs", "n_batch", "n_seed"):
            ui.control(name, lang)
        st.button(t("ui.reset", lang), on_click=ui.apply, args=(defaults(PAGE),), width="stretch")
    config, alphas, epochs = sweep_request({field.name: ui.value(field.name) for field in page_fields(PAGE)})
    if grid:  # the grid mode trains its own lr × α
        return Run(grid_config(config), GRID_ALPHAS, epochs, GRID_LRS)
    return Run(config, alphas, epochs, ())


def explain_mapping(config: SweepConfig, alphas: tuple[float, ...], lang: str) -> None:
    """α in the chapter's convention next to the number PyTorch is given, and why."""
    if config.penalty == "l2":
        pairs = ", ".join(f"α = {alpha_label(a)} → weight_decay = {alpha_label(2 * a)}" for a in alphas)
        adamw = config.optimizer == "adamw"  # its weight_decay shrinks the weights, not a gradient
        text = t("network.mapping_l2_adamw" if adamw else "network.mapping_l2", lang, pairs=pairs)
    else:
        text = t("network.mapping_l1", lang)
    bias = t("network.bias_note_on" if config.decay_bias else "network.bias_note_off", lang)
    st.info(f"{text} {bias}", icon=":material/build:")


def describe(result, chart: str, lang: str) -> str:
    """The text alternative of one chart of this run: what that chart draws, per α."""
    return network_alt(result, chart, lang)


def show_progress(job, lang: str) -> None:
    """How far the run is: its epochs and its whole training time, which Continue goes on adding to."""
    fraction = min(job.epochs_done / max(job.target_epochs, 1), 1.0)
    text = t(
        "network.progress",
        lang,
        epoch=job.epochs_done,
        total=job.target_epochs,
        seconds=job.total_seconds,
        models=len(job.alphas) * (len(job.lrs) * len(GRID_OPTIMIZERS) if job.lrs else 1),
    )
    st.progress(fraction, text=text)


def status_message(job, lang: str, stale: bool = False) -> None:
    """Where the session's run stands: queued (with its place), training, or why it ended. `stale`:
    the sidebar has moved on since Train, which the same box says (above the charts, which are
    still the run's), and a run that ended well shows it in blue, not green."""
    epochs = job.epochs_done
    changed = " " + t("network.settings_changed", lang) if stale else ""
    if job.status == worker.QUEUED:
        place = training.service().place(job) or 1
        st.info(
            t("network.status_queued", lang, place=place, running=SERVER_TRAININGS) + changed,
            icon=":material/hourglass_empty:",
        )
    elif job.released:
        st.warning(t("network.status_released", lang) + changed, icon=":material/power_off:")
    elif job.status == worker.DONE:
        done = t("network.status_done", lang, epochs=epochs, seconds=job.total_seconds)
        if stale:
            st.info(done + changed, icon=":material/tune:")
        else:
            st.success(done, icon=":material/check_circle:")
    elif job.status == worker.STOPPED:
        key = "network.status_stopped" if epochs else "network.status_withdrawn"  # left the line
        st.info(t(key, lang, epochs=epochs) + changed, icon=":material/stop_circle:")
    elif job.status == worker.TIME_LIMIT:
        st.warning(
            t("network.status_time_limit", lang, epochs=epochs, limit=RUN_SECONDS) + changed,
            icon=":material/timer:",
        )
    elif job.status == worker.FAILED:
        st.error(t("network.status_failed", lang, reason=job.error) + changed, icon=":material/block:")
    elif stale:  # training: under its progress bar
        st.caption(changed.strip())


def notes(result, lang: str) -> None:
    """Per α: a clear word for each network that diverged or was continued from another α."""
    for alpha, epoch in zip(result.alphas, result.diverged_at, strict=True):
        if epoch is not None:  # in its first epoch it has no curve at all
            key = "network.diverged_at_once" if epoch == 1 else "network.diverged"
            text = t(key, lang, alpha=alpha_label(alpha), epoch=epoch, last=epoch - 1)
            st.error(text, icon=":material/error:")
    for alpha, branch in zip(result.alphas, result.branched_from, strict=True):
        if branch is not None:
            parent, epoch = branch
            st.caption(
                t("network.branched", lang, alpha=alpha_label(alpha), parent=alpha_label(parent), epoch=epoch)
            )


def final_table(result, lang: str) -> None:
    rows: dict[str, list] = {t("column.alpha", lang): [alpha_label(a) for a in result.alphas]}
    if result.config.penalty == "l2":
        rows[t("column.weight_decay", lang)] = [alpha_label(2 * a) for a in result.alphas]
    if result.config.early_stopping:  # the numbers below are those of the kept epoch
        rows[t("column.kept_epoch", lang)] = result.kept_epoch
    for metric in METRICS:
        rows[t(f"metric.{metric}", lang)] = [None if v is None else round(v, 4) for v in result.final(metric)]
    rows[t("column.status", lang)] = [
        t("status.ok", lang) if epoch is None else t("status.diverged", lang, epoch=epoch)
        for epoch in result.diverged_at
    ]
    st.table(rows, border="horizontal", hide_index=True)


VIEWS = ("sweep", "weights", "boundary", "code")
VIEW_KEY = "network_view"  # the open view's label, in the page's language (st.tabs' state)


def view_tabs(lang: str) -> dict[str, object]:
    """The views' tabs, by name. Only the open one is built and drawn (each switch reruns the
    page): the hidden ones' charts and the code's syntax highlighting were a third of what the
    browser spent on every load of the page (Chromium: 2.1 CPU-s a load, 1.4 without them) and
    every rerun. The open view stays open when the language changes (its label is the tabs'
    state)."""
    labels = {language: [t(f"network.tab.{name}", language) for name in VIEWS] for language in LANGUAGES}
    chosen = st.session_state.get(VIEW_KEY)
    for language, named in labels.items():
        if chosen in named and language != lang:
            st.session_state[VIEW_KEY] = labels[lang][named.index(chosen)]
    return dict(zip(VIEWS, st.tabs(labels[lang], key=VIEW_KEY, on_change="rerun"), strict=True))


def views(result, code_config: SweepConfig, code_epochs: int, lang: str) -> None:
    tabs = view_tabs(lang)
    if tabs["sweep"].open:
        with tabs["sweep"]:  # the chart and its numbers first; the long reading of them after
            plotly_chart(sweep_figure(result, lang), key="sweep", alt=describe(result, "sweep", lang))
            final_table(result, lang)
            st.caption(t("network.sweep_caption", lang))
    if tabs["weights"].open:
        with tabs["weights"]:
            weights_view(result, lang)
    if tabs["boundary"].open:
        with tabs["boundary"]:
            boundary_view(result, lang)
    if tabs["code"].open:
        with tabs["code"]:
            code_view(result, code_config, code_epochs, lang)


def weights_view(result, lang: str) -> None:
    diverged = [alpha_label(a) for a, e in zip(result.alphas, result.diverged_at, strict=True) if e]
    if diverged:
        st.caption(t("network.diverged_views", lang, alphas=", ".join(diverged)))
    histograms = histogram_figure(result, lang)
    plotly_chart(histograms, key="histograms", alt=describe(result, "histograms", lang))
    if result.config.dataset == "digits":
        st.caption(t("network.filters_caption", lang))
        plotly_chart(filters_figure(result, lang), key="filters", alt=describe(result, "filters", lang))


def boundary_view(result, lang: str) -> None:
    if result.boundary is None:
        st.info(t("network.boundary_only_moons", lang))
        return
    from decayviz.training.data import load

    data = load(result.config.dataset)
    st.caption(t("network.boundary_caption", lang))
    boundary = boundary_figure(result, data.X_train, data.y_train)
    plotly_chart(boundary, key="boundary", alt=describe(result, "boundary", lang))


def code_view(result, config: SweepConfig, epochs: int, lang: str) -> None:
    alpha = ui.control("n_code_alpha", lang)
    st.caption(t("network.code_intro", lang))
    keywords = config.keywords()
    dataset = keywords.pop("dataset")
    script = reproduction_script(dataset, alpha, epochs=epochs, **keywords)
    if result is not None and alpha in result.alphas:
        index = result.alphas.index(alpha)
        history = result.history[index]
        if history["train_loss"] and result.branched_from[index] is None:
            key = "network.code_result_kept" if result.config.early_stopping else "network.code_result"
            text = t(
                key,
                lang,
                alpha=alpha_label(alpha),
                epochs=len(history["train_loss"]),
                kept=result.kept_epoch[index],
                score=result.final("val_accuracy")[index],
                loss=result.final("train_loss")[index],
            )
            st.markdown(text)
    else:
        st.caption(t("network.code_not_trained", lang))
    st.download_button(
        t("network.download", lang), data=script, file_name=f"weight_decay_{dataset}_alpha_{alpha:g}.py",
        mime="text/x-python", icon=":material/download:",
    )  # fmt: skip
    st.code(script, language="python", line_numbers=True)


def is_default(run: Run) -> bool:
    """The sidebar describes the default scene, the one trained in the background: only then
    are its curves shown before Train (under other settings, a chosen scene's or a question's,
    its legend's α values and its data set would not be the sidebar's)."""
    return not run.lrs and (run.config, run.alphas, run.epochs) == training.default_request()


def ready_made(run: Run) -> SweepResult | None:
    """A sweep of what the sidebar describes that the server has already trained, shown before
    Train: the default scene's (trained in the background), or the scene of a network question
    whose answer this session has been shown (trained for that answer; before the reveal it
    would give the answer away)."""
    if run.lrs:
        return None
    if is_default(run):
        return training.default_result()
    request = (run.config, run.alphas, run.epochs)
    if any(sweep_request(q.values) == request for q in classroom.revealed_to_session(PAGE)):
        return trained_sweep(*request)
    return None


def shown(run: Run) -> tuple:
    """What the page shows: (the session's run in the worker, its latest snapshot), or, with no
    run shown, (None, a ready-made sweep of what the sidebar describes or None). A finished run
    that trained other networks than the sidebar describes (other settings or α) gives way to a
    ready-made sweep: a question's reveal opens its scene in the sidebar, and a run trained
    before showed under it."""
    job = training.current()
    if job is not None and (not job.finished or (job.config, tuple(job.alphas)) == (run.config, run.alphas)):
        return job, job.snapshot
    result = ready_made(run)
    return (job, job.snapshot) if result is None and job is not None else (None, result)


def shown_state() -> tuple:
    """What decides the page beyond the live section: which run, whether it is finished, and
    whether the default scene is ready. The live section reruns the whole page when it changes."""
    job = training.current()
    return (id(job), job is None or job.finished, training.default_result() is not None)


def live_section(run: Run, lang: str) -> None:
    """Progress, status and the live curves, redrawn from the worker's latest snapshot."""
    if shown_state() != st.session_state.get(SHOWN_KEY):
        st.rerun()  # the run finished (or the default scene arrived): redraw buttons and views
    job, result = shown(run)
    if job is None and run.lrs:  # the default scene is a sweep: the grid is drawn once trained
        models = len(run.lrs) * len(run.alphas) * len(GRID_OPTIMIZERS)
        st.info(t("grid.nothing_yet", lang, models=models), icon=":material/arrow_upward:")
        return
    if job is None:
        if result is None:
            if is_default(run) and training.default_pending():
                st.info(t("network.loading", lang), icon=":material/hourglass_empty:")
            else:
                alphas = ", ".join(f"{alpha:g}" for alpha in run.alphas)
                st.info(t("network.nothing_yet", lang, alphas=alphas), icon=":material/arrow_upward:")
            return
    else:
        # a request in line has only its place to show; a finished run, its message (the same
        # epochs and time): the curves keep the room
        if job.status not in (worker.QUEUED, worker.DONE):
            show_progress(job, lang)
        status_message(job, lang, stale=(job.config, job.lrs) != (run.config, run.lrs))
        if job.finished and isinstance(result, SweepResult):
            notes(result, lang)  # right under the status: a diverged α is not found below the charts
    if isinstance(result, tuple):  # the lr × α grids: their heatmaps fill in epoch by epoch
        st.header(t("grid.title", lang))
        for column, grid in zip(st.columns(len(result)), result, strict=True):  # stacked on a phone
            with column:
                name = grid.config.optimizer
                plotly_chart(grid_figure(grid, lang), key=f"grid_{name}", alt=grid_alt(grid, lang))
        st.caption(t("grid.caption", lang))
    elif result is not None:
        # The heading, then the curves in a box that fits under the Train row: on a projector
        # the class sees every panel and the α legend at once; the words about them follow.
        st.header(t("network.curves", lang))  # h2: the next level under the title
        # grokking's own picture (accuracy and weight norm over log steps) first, on the first
        # screen of a projector; the curves, which every run has, follow
        if "train_accuracy" in result.history[0]:
            steps = steps_per_epoch(result.config.dataset, result.config.batch_size)
            grokking = grokking_figure(result, lang, steps)
            plotly_chart(grokking, key="grokking", alt=grokking_alt(result, lang, steps))
            st.caption(t("grokking.caption", lang))
        present = ui.presenting()
        curves = curves_figure(result, lang, present=present)
        # presented, without plotly's modebar, which would cover the third panel's title (see curves_figure)
        config = {"displayModeBar": False} if present else {}
        alt = describe(result, "curves", lang)
        main_chart(curves, key="curves", alt=alt, box=CURVES_CHART, config=config)
        if job is None:
            st.caption(t("network.default_scene" if is_default(run) else "network.question_scene", lang))
        score = "network.score_r2" if result.config.dataset == "highdim" else "network.score_accuracy"
        st.caption(t("network.curves_caption", lang, score=t(score, lang)))


lang = ui.lang()
corrections = ui.load_page(PAGE)
# The training runs in a worker, not in this script: Streamlit's own Stop could not stop it.
st.html("<style>[data-testid='stStatusWidget'] button {display: none}</style>")
st.title(t("network.title", lang))  # the introduction comes after the live curves
ui.show_corrections(corrections, lang)
classroom.panel(PAGE, lang)  # predict, then see: until revealed, the page stops here

run = sidebar_config(lang)

job = training.current()
busy = job is not None and not job.finished
same_run = job is not None and (job.config, job.lrs) == (run.config, run.lrs)
buttons = st.columns([1, 2, 1])
buttons[0].button(
    t("network.train", lang), type="primary", width="stretch", disabled=not run.alphas,
    on_click=training.request_start, args=(run.config, run.alphas, run.epochs, run.lrs),
)  # fmt: skip
# a grid trains on with its cells: no α to choose
label, tip = (
    ("network.continue_grid", "network.continue_grid_help")
    if run.lrs
    else ("network.continue", "network.continue_help")
)
buttons[1].button(
    t(label, lang, epochs=run.epochs), width="stretch", help=t(tip, lang),
    disabled=not (same_run and job.can_continue and run.alphas),
    on_click=training.extend, args=(run.alphas, run.epochs),
)  # fmt: skip
buttons[2].button(
    t("network.stop", lang), on_click=training.request_stop, width="stretch", disabled=not busy,
    help=t("network.stop_help", lang),
)  # fmt: skip
if training.request_error():
    st.error(t("network.bad_input", lang, reason=training.request_error()), icon=":material/block:")

st.session_state[SHOWN_KEY] = shown_state()
polling = busy or (job is None and is_default(run) and training.default_pending())
st.fragment(live_section, run_every=LIVE_EVERY_S if polling else None)(run, lang)
st.caption(t("network.intro_grid" if run.lrs else "network.intro", lang))  # a grid's cells differ in lr too
explain_mapping(run.config, run.alphas, lang)

shown_job, views_result = shown(run)
if run.lrs or isinstance(views_result, tuple):  # the grid mode has its heatmaps alone
    pass
elif views_result is not None and views_result.epochs_done:
    if shown_job is not None:
        ui.download(
            t("network.export.csv", lang),
            lambda r=views_result: sweep_csv(r.alphas, r.history),
            "decayviz_sweep.csv",
            "text/csv",
            "export_csv",
        )
    views(views_result, views_result.config, views_result.epochs_done, lang)
else:
    with st.expander(t("network.tab.code", lang)):
        code_view(None, run.config, run.epochs, lang)

ui.share_box(PAGE, lang)
ui.write_url(PAGE)
