"""What the pages let a teacher take away: a chart as a standalone HTML file, data as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

import plotly.io as pio

from decayviz.scene import LandscapeScene


def figure_html(spec: dict, title: str) -> str:
    """A self-contained HTML page with the figure and plotly.js inlined (about 5 MB): it opens
    and animates offline, in any browser, without decayviz."""
    return pio.to_html(
        {**spec, "layout": {**spec.get("layout", {}), "title": {"text": title}}},
        include_plotlyjs=True,
        full_html=True,
        validate=False,
        auto_play=False,
    )


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
