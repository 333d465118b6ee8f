"""What the pages let a teacher take away: a chart as a standalone HTML file, data as CSV."""

from __future__ import annotations

import csv
import datetime
import html
import io
from collections.abc import Mapping, Sequence

import plotly.io as pio

from decayviz.i18n import t
from decayviz.scene import LandscapeScene

LICENSE = "MIT"  # LICENSE at the repository root: code and text alike


def figure_html(
    spec: dict, title: str, lang: str = "en", source: str | None = None, day: datetime.date | None = None
) -> str:
    """A self-contained HTML page with the figure and plotly.js inlined (about 5 MB): it opens
    and animates offline, in any browser, without decayviz. It carries what a slide deck or a
    course page needs to reuse it: its title, its language (<html lang>), the licence and where
    it came from (the app, the link to the scene when known, the day it was saved)."""
    page = pio.to_html(
        {**spec, "layout": {**spec.get("layout", {}), "title": {"text": title}}},
        include_plotlyjs=True,
        full_html=True,
        validate=False,
        auto_play=False,
    )
    day = day or datetime.date.today()
    link = f' <a href="{html.escape(source)}">{html.escape(source)}</a>' if source else ""
    credit = html.escape(t("export.credit", lang, date=day.isoformat(), license=LICENSE))
    head = (
        f'<meta charset="utf-8" />\n<title>{html.escape(title)}</title>\n'
        f'<meta name="generator" content="decayviz" />\n<meta name="license" content="{LICENSE}" />'
    )
    footer = f'<footer style="font: 13px sans-serif; color: #333; margin: 8px">{credit}{link}</footer>\n'
    page = page.replace("<html>", f'<html lang="{html.escape(lang)}">', 1)
    page = page.replace('<meta charset="utf-8" />', head, 1)
    body_end = page.rindex("</body>")
    return page[:body_end] + footer + page[body_end:]


def table_csv(columns: Mapping[str, Sequence]) -> str:
    """Columns of equal length as CSV text, full float precision, header first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*columns.values(), strict=True))
    return out.getvalue()


def trajectory_csv(scene: LandscapeScene) -> str:
    """Every step of the descent: the weights and the chapter's two terms, up to divergence."""
    traj = scene.trajectory
    n = traj.finite_steps
    return table_csv(
        {
            "step": range(n),
            "w1": traj.weights[:n, 0].tolist(),
            "w2": traj.weights[:n, 1].tolist(),
            "data_loss": traj.data_loss[:n].tolist(),
            "penalty": traj.penalty_value[:n].tolist(),
            "total": traj.total[:n].tolist(),
        }
    )


def sweep_csv(alphas: Sequence[float], history: Sequence[Mapping[str, Sequence[float]]]) -> str:
    """A training sweep's curves: one row per (α, epoch), one column per metric."""
    metrics = list(history[0]) if history else []
    rows: dict[str, list] = {"alpha": [], "epoch": [], **{m: [] for m in metrics}}
    for alpha, curves in zip(alphas, history, strict=True):
        for epoch in range(len(curves[metrics[0]]) if metrics else 0):
            rows["alpha"].append(alpha)
            rows["epoch"].append(epoch + 1)
            for m in metrics:
                rows[m].append(curves[m][epoch])
    return table_csv(rows)
