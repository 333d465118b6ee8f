"""Colour-blind safety of the charts: every pair of traces a lesson contrasts (the descent, its
companion rule and the unregularized ghost; proximal vs subgradient; L1 vs L2; training vs
validation) differs in line dash or marker symbol, so it survives greyscale, and its colours stay
apart under simulated deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009, severity
1), measured as CIEDE2000 colour differences."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from decayviz.figures import palette
from decayviz.figures.landscape import landscape_figure
from decayviz.figures.sparsity import descent_figure, monte_carlo_figure, path_base, with_chosen_alpha
from decayviz.i18n import t
from decayviz.scene import build_scene
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, defaults

# Machado et al. (2009), severity 1.0, on linear RGB.
DEFICIENCIES = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
}
# CIEDE2000 ≈ 2 is a just-noticeable difference side by side; thin lines on a projector need
# far more. 15 keeps every contrasted pair clearly apart (the closest, 18, is vermillion vs
# bluish green under protanopia).
MIN_DELTA_E = 15.0


def srgb(color: str) -> np.ndarray:
    """'#rrggbb' or 'rgb(r,g,b)'/'rgba(r,g,b,a)' as sRGB in [0, 1]."""
    if color.startswith("#"):
        return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)]) / 255.0
    inside = color[color.index("(") + 1 : color.index(")")].split(",")
    return np.array([float(v) for v in inside[:3]]) / 255.0


def simulate(rgb: np.ndarray, deficiency: str) -> np.ndarray:
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(DEFICIENCIES[deficiency] @ linear, 0.0, 1.0)
    return np.where(seen <= 0.0031308, 12.92 * seen, 1.055 * seen ** (1 / 2.4) - 0.055)


def lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (D65) to CIELAB."""
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    to_xyz = [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
    xyz = np.array(to_xyz) @ linear
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """The CIEDE2000 colour difference (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    tt = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * tt
    rt = (
        -2
        * np.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return float(np.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh)))


def delta_e(color1: str, color2: str, deficiency: str) -> float:
    return ciede2000(lab(simulate(srgb(color1), deficiency)), lab(simulate(srgb(color2), deficiency)))


def test_ciede2000_matches_sharmas_reference_pairs():
    # Sharma, Wu & Dalal (2005), table 1, pairs 1 and 17
    reference = np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])
    assert ciede2000(*reference) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000(np.array([50, 2.5, 0]), np.array([73, 25, -18])) == pytest.approx(27.1492, abs=1e-4)


def style(trace: dict) -> tuple[str, str, str]:
    """(colour, dash, marker symbol) of a trace as drawn."""
    line, marker = trace.get("line", {}), trace.get("marker", {})
    symbol = marker.get("symbol", "circle") if "markers" in trace.get("mode", "") else ""
    return line.get("color") or marker.get("color"), line.get("dash", "solid"), str(symbol)


def by_name(spec: dict, name: str) -> dict:
    found = [trace for trace in spec["data"] if trace.get("name") == name]
    assert found, f"no trace named {name!r}"
    return found[0]


def contrasted_pairs() -> dict[str, list[dict]]:
    """The traces each lesson contrasts, from the charts as the pages build them."""
    lang = "en"
    groups = {}
    for preset in ("chatter", "adam_vs_adamw"):  # both have a companion rule and a ghost
        scene = build_scene({**defaults("landscape"), **PRESETS["landscape"][preset]})
        spec = landscape_figure(scene, lang)
        companion = next(tr for tr in spec["data"] if str(tr.get("name", "")).startswith("compare"))
        groups[f"landscape {preset}: descent, companion, ghost"] = [
            by_name(spec, t("landscape.trace.path", lang)),
            companion,
            by_name(spec, t("landscape.trace.ghost", lang)),
        ]
    from decayviz import sparsity

    data = sparsity.make_problem("synthetic", 20, 60, 5, 0)
    frames = sparsity.descent_frames(data, 0.5, 200, seed=0)
    spec = descent_figure(frames, lang)
    groups["iterations: proximal, subgradient, L2"] = [
        by_name(spec, t(f"sparsity.iterations.run.{name}", lang)) for name, _, _ in sparsity.DESCENT_RUNS
    ]
    mc = sparsity.sparsity_monte_carlo(500, 0, "elliptic", 5.0)
    spec = monte_carlo_figure(mc, 5.0, lang)
    groups["Monte Carlo: L1 diamond vs L2 circle"] = [
        by_name(spec, t(f"sparsity.montecarlo.ball.{kind}", lang)) for kind in ("l1", "l2")
    ]
    groups["Monte Carlo: corner vs edge"] = [
        by_name(spec, t(f"sparsity.montecarlo.{key}", lang)) for key in ("corner", "edge")
    ]
    paths, optima = sparsity.paths_with_optima(data, 0.5, FIELD["s_alpha"].options)
    bound = max(float(np.max(np.abs(w))) for at in optima.values() for w in at.values())
    highlight = sparsity.highlighted_features(data)
    base = path_base(sparsity.DISPLAY_ALPHAS, paths, data.feature_names, highlight, lang, 0.5, bound)
    spec = with_chosen_alpha(base, 0.5, optima[0.5])
    groups["paths: zeros under L1, L2, elastic net"] = [
        tr for tr in spec["data"] if tr.get("line", {}).get("shape") == "hv"
    ]
    groups["network: training vs validation"] = [
        {"mode": "lines+markers", "line": {"color": palette.TRAIN_COLOR}, "marker": {"symbol": "square"}},
        {"mode": "lines+markers", "line": {"color": palette.VAL_COLOR, "dash": "dash"}, "marker": {}},
    ]  # as decayviz.figures.network.sweep_figure draws them (it needs a trained sweep)
    return groups


GROUPS = contrasted_pairs()


@pytest.mark.parametrize("lesson", list(GROUPS))
def test_contrasted_traces_survive_greyscale(lesson):
    """Each pair differs in dash or in marker symbol, not in colour alone."""
    styles = [style(trace)[1:] for trace in GROUPS[lesson]]
    assert len(styles) >= 2
    for first, second in itertools.combinations(styles, 2):
        assert first != second, (lesson, styles)


@pytest.mark.parametrize("deficiency", list(DEFICIENCIES))
@pytest.mark.parametrize("lesson", list(GROUPS))
def test_contrasted_colours_stay_apart(lesson, deficiency):
    colors = [style(trace)[0] for trace in GROUPS[lesson]]
    for first, second in itertools.combinations(colors, 2):
        assert delta_e(first, second, deficiency) >= MIN_DELTA_E, (lesson, first, second)


def test_the_alpha_sequence_keeps_its_order_in_greyscale():
    """Viridis: lightness rises with α, for every colour vision."""
    for deficiency in DEFICIENCIES:
        lightness = [lab(simulate(srgb(c), deficiency))[0] for c in palette.ALPHA_SEQUENCE]
        assert all(b > a for a, b in itertools.pairwise(lightness)), deficiency


def test_every_figure_module_takes_its_colours_from_the_palette():
    """No figure module spells out a categorical colour of its own."""
    import re
    from pathlib import Path

    figures = Path(palette.__file__).parent
    for module in ("__init__.py", "landscape.py", "sparsity.py", "network.py"):
        text = (figures / module).read_text()
        spelled = set(re.findall(r"#[0-9a-fA-F]{6}\b", text)) - {"#ffffff", "#1a1a1a", "#111111", "#444444"}
        assert spelled <= {"#f4f4f6", "#8a8a96", "#f7f7f7"}, (module, spelled)


def test_neighbouring_alphas_differ_in_dash():
    from decayviz.figures.network import alpha_dashes

    dashes = alpha_dashes((0.1, 0.0, 0.01, 0.001))
    assert len(set(dashes)) == 4 and dashes[1] == "solid"  # by rank: α = 0 first


def test_the_companion_runs_colour_is_named_as_it_looks():
    """landscape.readout.companion names the companion run's line "dashed pink": Okabe-Ito's
    "reddish purple" (#CC79A7) is a light pink (hue between magenta and red, lightness over 60%),
    which a class calls pink, not purple."""
    import colorsys

    red, green, blue = (int(palette.COLORS["companion"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, _ = colorsys.rgb_to_hls(red, green, blue)
    assert 300 < hue * 360 < 345 and lightness > 0.6
    blank = dict.fromkeys(("optimizer", "end", "other", "other_end"), "")
    assert "(dashed pink)" in t("landscape.readout.companion", "en", **blank)
    assert "(분홍색 파선)" in t("landscape.readout.companion", "ko", **blank)
