"""The app's one palette: Okabe & Ito's eight colours for categories (chosen to stay apart for
the common colour-vision deficiencies), viridis for α (perceptually uniform, dark to light, so
the order of α survives greyscale), and a blue-white-vermillion scale for signed weights.

Every figure module takes its colours from here. A pair of traces a lesson contrasts also
differs in line dash or marker (the DASH table), so the lesson survives greyscale and a
projector's washed-out colours; tests/test_palette.py simulates deuteranopia and protanopia
on the rendered charts to keep it so.
"""

from __future__ import annotations

# Okabe, M. & Ito, K. (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#595959"  # neutral: where plain training goes, for comparison (7:1 on white)
LIGHT_GREY = "#bababa"  # what is shown only for comparison: near-zeros, links cut to zero
TEXT = "#333333"  # a chart's tick labels and titles (12.6:1 on white; Streamlit's grey is 3.8:1)
INK = "#1a1a1a"  # markers' outlines, exact zeros, the sum of the two terms

# One colour per idea, shared by every figure.
COLORS = {
    # the landscape: the descent, its companion rule, the unregularized ghost
    "path": OKABE_ITO["vermillion"],
    "companion": OKABE_ITO["reddish_purple"],
    "ghost": GREY,
    # the penalty's ball, its path Ŵ(α) and Ŵ(α) itself; AdamW's box
    "constraint": OKABE_ITO["bluish_green"],
    "optimum": OKABE_ITO["bluish_green"],
    "box": OKABE_ITO["orange"],
    # the data loss: its contours and the level through Ŵ(α)
    "contour": OKABE_ITO["blue"],
    # the chapter's two terms and their sum
    "data_loss": OKABE_ITO["blue"],
    "penalty": OKABE_ITO["bluish_green"],
    "total": INK,
    # text in the constraint's colour (the α slider's value, the t axis): bluish green darkened
    # to 5.4:1 on white, as WCAG asks of text; the lines keep Okabe–Ito's brighter shade
    "constraint_text": "#007A58",
}
CONTOUR_RGB = (33, 102, 172)  # the loss bands' blue, fading to white (a sequential ramp)
CONSTRAINT_FILL = "rgba(0,158,115,{opacity})"  # the ball's inside, the constraint's colour

# Line dashes: a contrasted pair never shares one.
DASH = {
    "path": "solid",
    "companion": "dash",
    "ghost": "dot",
    "l1": "solid",
    "l2": "dash",
    "elasticnet": "dashdot",
    "l1_proximal": "solid",
    "l1_subgradient": "dot",
    "data_loss": "solid",  # the chapter's term (1)
    "penalty": "dash",  # term (2)
    "total": "solid",  # their sum: thicker, in ink
}

PENALTY_COLORS = {
    "l1": OKABE_ITO["vermillion"],
    "l2": OKABE_ITO["blue"],
    "elasticnet": OKABE_ITO["bluish_green"],
}
RUN_COLORS = {
    "l1_proximal": OKABE_ITO["vermillion"],
    "l1_subgradient": OKABE_ITO["bluish_green"],
    "l2": OKABE_ITO["blue"],
}
RUN_SYMBOLS = {"l1_proximal": "circle", "l1_subgradient": "x", "l2": "square"}
# the named features of a paths chart: Okabe–Ito without yellow (too light on white) and black
FEATURE_COLORS = tuple(OKABE_ITO[name] for name in ("blue", "vermillion", "bluish_green", "reddish_purple",
                                                      "orange", "sky_blue"))  # fmt: skip
POSITIVE, NEGATIVE = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
# negative blue, zero white, positive vermillion; spelled out so Streamlit's theme cannot swap it
DIVERGING = [[0.0, "#0072B2"], [0.25, "#8fc1e3"], [0.5, "#ffffff"], [0.75, "#efae80"], [1.0, "#D55E00"]]
TRAIN_COLOR, VAL_COLOR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]

# Viridis, dark to light, stopped before its last yellows (too light on white): small α dark,
# large α light, so the order of α reads off the colours, in greyscale too.
ALPHA_SEQUENCE = ("#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884",
                  "#44bf70", "#7ad151")  # fmt: skip
# and a dash per α, by rank: neighbouring α (close in colour) never share one
ALPHA_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
