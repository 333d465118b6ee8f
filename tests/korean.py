"""Find English prose in what a page shows: for the "Korean everywhere" tests."""

from __future__ import annotations

import json
import re

# Not prose: names of optimizers, libraries and code, which stay in English in Korean text too.
ALLOWED = {
    "adam",
    "adamw",
    "sgd",
    "pytorch",
    "torch",
    "optim",
    "weight",
    "decay",
    "weight_decay",
    "vs",
    "relu",
    "mlp",
    "csv",
    "html",
    "elastic",
    "net",
    "lasso",
    "ridge",
    "scikit",
    "learn",
    "kkt",
    "parr",
    "explained",
    "ai",
    "xie",
    "li",
    "hutter",
    "loshchilov",
    "play",
    "pause",
    "step",
}
_MASKS = [
    re.compile(r"```.*?```", re.DOTALL),  # code blocks (the reproduction script)
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\$\$.*?\$\$", re.DOTALL),  # display math
    re.compile(r"\$[^$]*\$"),  # inline math
    re.compile(r"https?://\S+"),
    re.compile(r"\b[\w.]+\([^)]*\)"),  # calls like torch.optim.SGD(weight_decay=λ)
]
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]+(?:\s+[A-Za-z][A-Za-z'’-]+){2,}")


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words that are not all allowed technical terms."""
    for mask in _MASKS:
        text = mask.sub(" ", text)
    runs = []
    for match in _WORDS.finditer(text):
        words = [w.lower().strip("'’-") for w in match.group().split()]
        if any(w not in ALLOWED and len(w) > 1 for w in words):
            runs.append(match.group())
    return runs


def chart_texts(spec_json: str) -> list[str]:
    """The human-readable strings of a plotly spec: names, titles, labels, annotations."""
    keys = {"name", "text", "label", "prefix", "title", "hovertemplate", "ticktext"}
    found: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            if "bdata" in node:
                return
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in keys:
            found.append(re.sub(r"%\{[^}]*\}|<[^>]+>", " ", node))

    walk(json.loads(spec_json))
    return found


def page_texts(at) -> list[str]:
    """Everything an AppTest run shows as text: body, labels, options, and chart strings."""
    texts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "error",
        "warning",
        "success",
        "exception",
    ):
        texts += [str(e.value) for e in getattr(at, kind)]
    for kind in (
        "slider",
        "select_slider",
        "selectbox",
        "multiselect",
        "radio",
        "toggle",
        "button",
        "checkbox",
        "number_input",
        "text_input",
    ):
        for widget in getattr(at, kind):
            texts.append(widget.label)
            texts += [str(o) for o in getattr(widget, "options", [])]
            if getattr(widget, "help", None):
                texts.append(widget.help)
    for widget in at.get("button_group"):
        texts += [o.content for o in widget.proto.options]
    for kind in ("expander", "tabs"):
        texts += [e.label for e in getattr(at, kind)]
    for metric in at.metric:
        texts += [metric.label, str(metric.value)]
    for chart in at.get("plotly_chart"):
        texts += chart_texts(chart.proto.spec)
    return texts


# --- Numbers read aloud in Korean, spelled in full: a reference for decayviz.grammar ---

_DIGIT_NAMES = "영일이삼사오육칠팔구"


def _four_digits(n: int) -> str:
    """1..9999 in Sino-Korean: 1234 → 천이백삼십사, 10 → 십 (no 일 before 십, 백, 천)."""
    words = []
    for value, unit in ((1000, "천"), (100, "백"), (10, "십"), (1, "")):
        digit = n // value % 10
        if digit:
            words.append(("" if digit == 1 and unit else _DIGIT_NAMES[digit]) + unit)
    return "".join(words)


def read_number(text: str) -> str:
    """A decimal number as a Korean reads it: "20000" → 이만, "0.01" → 영점영일, "−3" → 마이너스삼."""
    sign = "마이너스" if text[:1] in "-−" else ""
    whole, _, decimals = text.lstrip("-−").partition(".")
    n = int(whole)
    if n == 0:
        spoken = "영"
    else:
        spoken = ""
        for power, unit in ((16, "경"), (12, "조"), (8, "억"), (4, "만"), (0, "")):
            group = n // 10**power % 10000
            if group:
                spoken += ("" if group == 1 and unit == "만" else _four_digits(group)) + unit
    if decimals:
        spoken += "점" + "".join(_DIGIT_NAMES[int(d)] for d in decimals)
    return sign + spoken


# --- Step and epoch numbers: a count or a moment, written one way each ---

_STEP = "(?:스텝|에폭)"
_STEP_FORMS = (
    # a moment written as a count ("14 스텝에서 발산"): a moment is ordinal, "14번째 스텝에서"
    re.compile(r"(?:\}|\d) " + _STEP + "에서"),
    # the English word order ("에폭 3에서", "(에폭 12 유지)"); "에폭 3/20" is a progress counter and
    # "근접 스텝 5개" counts something else
    re.compile(_STEP + r" (?:\{[^}]*\}|\d+)(?![\d/]|\s*개)"),
    # a number glued to its unit ("200스텝", "14번째스텝"): a count is "200 스텝"
    re.compile(r"(?:\}|\d|번째)" + _STEP),
)


def step_forms(text: str) -> list[str]:
    """Where `text` writes a step or epoch number other than as a count ("200 스텝 뒤") or an
    ordinal moment ("14번째 스텝에서")."""
    return [m.group() for pattern in _STEP_FORMS for m in pattern.finditer(text)]
