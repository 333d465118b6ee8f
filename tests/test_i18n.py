"""The string catalog: its grammar (Korean particles, English plurals), its terms (the
glossary), and its keys (every key used exists, every key exists because something uses it)."""

from __future__ import annotations

import ast
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from korean import read_number, step_forms

from decayviz import sparsity
from decayviz.glossary import GLOSSARY, SYMBOLS
from decayviz.grammar import PARTICLES, count_form, last_syllable, particle, placeholder_names
from decayviz.i18n import LANGUAGES, STRINGS, t
from decayviz.rules import RULES
from decayviz.scene import COMPANION
from decayviz.scenes import PRESETS
from decayviz.state import FIELD, PAGES, defaults
from decayviz.training.options import METRICS

ROOT = Path(__file__).resolve().parent.parent


# --- Korean particles, chosen from the value's reading ---


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "0은"),  # 영
        ("1", "1은"),  # 일
        ("2", "2는"),  # 이
        ("3", "3은"),  # 삼
        ("4", "4는"),
        ("5", "5는"),
        ("6", "6은"),  # 육
        ("7", "7은"),
        ("8", "8은"),
        ("9", "9는"),
        ("10", "10은"),  # 십
        ("12", "12는"),  # 십이
        ("20", "20은"),  # 이십
        ("100", "100은"),  # 백
        ("1000", "1000은"),  # 천
        ("1,000", "1,000은"),
        ("10000", "10000은"),  # 만
        ("30000", "30000은"),  # 삼만
        ("100000000", "100000000은"),  # 억
        ("1000000000000", "1000000000000는"),  # 조
        ("0.01", "0.01은"),  # 영 점 영일
        ("0.02", "0.02는"),  # 영 점 영이
        ("0.5", "0.5는"),  # 영 점 오
        ("0.1", "0.1은"),
        ("2.0", "2.0은"),  # 이 점 영
        ("0.25", "0.25는"),  # 영 점 이오
        ("−3", "−3은"),
        ("1e-05", "1e-05는"),  # ... 오
        ("72.0%", "72.0%는"),  # 퍼센트
        ("90°", "90°는"),  # 도
        ("(2, 1)", "(2, 1)은"),  # the last number read: 일
        ("(0, 1.5)", "(0, 1.5)는"),
        ("경사 하강법 (L1은 서브그레이디언트)", "경사 하강법 (L1은 서브그레이디언트)은"),  # 법
        ("AdamW (분리된 감쇠)", "AdamW (분리된 감쇠)는"),  # AdamW, not 감쇠
        ("f(x)", "f(x)는"),  # read through: 에프 엑스
        ("**3**", "**3**은"),
        ("x₂", "x₂는"),  # 엑스 이
        ("SGD", "SGD는"),  # 에스지디
        ("AdamW", "AdamW는"),  # 아담 더블유
        ("Adam", "Adam은"),  # 아담
        ("L1", "L1은"),
        ("L2", "L2는"),
        ("α", "α는"),  # 알파
        ("학습", "학습은"),
        ("모델", "모델은"),
        ("벌점", "벌점은"),
        ("가중치", "가중치는"),
    ],
)
def test_topic_particle_follows_the_reading(value, expected):
    assert value + particle(value, "은") == expected
    assert value + particle(value, "는") == expected  # either spelling of the pair


@pytest.mark.parametrize(
    ("value", "form", "expected"),
    [
        ("2", "과", "2와"),
        ("1", "과", "1과"),
        ("0.01", "와", "0.01과"),
        ("4", "과", "4와"),
        ("10", "이", "10이"),
        ("2", "이", "2가"),
        ("0.5", "가", "0.5가"),
        ("6", "을", "6을"),
        ("9", "를", "9를"),
        ("100", "를", "100을"),
        ("1", "로", "1로"),  # ㄹ: 로
        ("7", "으로", "7로"),
        ("8", "로", "8로"),
        ("3", "로", "3으로"),  # 삼: 으로
        ("6", "로", "6으로"),  # 육
        ("2", "으로", "2로"),  # vowel: 로
        ("0.05", "로", "0.05로"),
        ("10", "로", "10으로"),  # 십
        ("0", "으로", "0으로"),  # 영
        ("1000", "로", "1000으로"),  # 천
        ("1", "이나", "1이나"),
        ("2", "이나", "2나"),
        ("1", "예요", "1이에요"),
        ("2", "이에요", "2예요"),
    ],
)
def test_every_particle_pair(value, form, expected):
    assert value + particle(value, form) == expected


def test_an_unreadable_ending_gets_both_forms():
    assert last_syllable("→") is None
    assert particle("→", "은") == "은(는)"
    assert particle("", "이") == "이(가)"
    assert particle("→", "로") == "(으)로"


def test_every_pair_has_its_two_forms():
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in PARTICLES)


def test_t_resolves_particles_after_formatting():
    STRINGS["test.particle"] = ("{x} and {y:.2f}", "{x|과} {y:.2f|은}, {z|는:.0f}")
    try:
        assert t("test.particle", "ko", x=2, y=0.01, z=3.0) == "2와 0.01은, 3은"
        assert t("test.particle", "ko", x=1, y=2, z=20.0) == "1과 2.00은, 20은"
        assert t("test.particle", "en", x=2, y=0.01, z=3) == "2 and 0.01"
    finally:
        del STRINGS["test.particle"]


# --- English plurals from the count ---


@pytest.mark.parametrize(
    ("count", "forms", "expected"),
    [
        ("1", "epoch", "1 epoch"),
        ("0", "epoch", "0 epochs"),
        ("2", "epoch", "2 epochs"),
        ("1.5", "epoch", "1.5 epochs"),
        ("-1", "step", "-1 step"),
        ("1", "loss", "1 loss"),
        ("3", "loss", "3 losses"),
        ("2", "box", "2 boxes"),
        ("2", "minibatch", "2 minibatches"),
        ("2", "entry", "2 entries"),
        ("2", "day", "2 days"),
        ("2", "child|children", "2 children"),
        ("1", "child|children", "1 child"),
        ("1", "~is|are", "is"),
        ("4", "~is|are", "are"),
    ],
)
def test_count_forms(count, forms, expected):
    assert count_form(count, forms) == expected


def test_t_resolves_plurals():
    assert t("network.status_done", "en", epochs=1, seconds=0.5).startswith("Trained 1 epoch in")
    assert t("network.status_done", "en", epochs=20, seconds=0.5).startswith("Trained 20 epochs in")


def test_existing_calls_behave_as_before():
    assert t("legend.alpha", "ko", alpha="0.1") == "α = 0.1"
    assert t("landscape.explain.body", "en") == STRINGS["landscape.explain.body"][0]  # braces kept
    assert t("app.title", "xx") == STRINGS["app.title"][0]  # an unknown language falls back
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_both_languages_ask_for_the_same_values():
    for key, (english, korean) in STRINGS.items():
        assert placeholder_names(english) == placeholder_names(korean), key


PARTICLE_AFTER_PLACEHOLDER = re.compile(r"\}(\*\*)?(은|는|이|가|을|를|과|와|으로|로)(?![가-힣])")


def test_no_korean_particle_is_glued_to_a_value():
    glued = {key: ko for key, (_, ko) in STRINGS.items() if PARTICLE_AFTER_PLACEHOLDER.search(ko)}
    assert glued == {}, "use {name|은}: " + ", ".join(glued)


# A placeholder followed by a plural noun ("{epochs} epochs") is a count that needs {n|noun}.
# These are not counts followed by a noun, though they look like one.
PLURAL_EXEMPT = {
    "landscape.readout.companion",  # "{optimizer} ends": a verb
    "sparsity.montecarlo.parr",  # "**{l2}** exact zeros": a percentage
    "landscape.chatter",  # "{weight} hops": a weight's name and a verb
}
NOT_PLURAL = r"(?!(?:plus|is|was|has|as|its|this|thus|less|across)\b)"
BARE_COUNT = re.compile(r"(?<!\w)\{(\w+)(?::[^}|]*)?\}\**\s+(?:[a-z]+ )?" + NOT_PLURAL + r"([a-z]{2,}s)\b")


def test_every_english_count_agrees_with_its_number():
    bare = {}
    for key, (english, _) in STRINGS.items():
        if key in PLURAL_EXEMPT or "{" not in english:
            continue
        found = [m.group() for m in BARE_COUNT.finditer(english)]
        if found:
            bare[key] = found
    assert bare == {}, "use {count|noun}"


@pytest.mark.parametrize(
    ("key", "values", "singular"),
    [
        ("network.status_done", {"epochs": 1, "seconds": 1.0}, "1 epoch "),
        ("network.status_stopped", {"epochs": 1}, "1 epoch;"),
        ("network.continue", {"epochs": 1}, "+1 epoch)"),
        ("network.progress", {"epoch": 1, "total": 1, "seconds": 1.0, "models": 1}, "1 network "),
    ],
)
def test_counts_of_one_are_singular(key, values, singular):
    assert singular in t(key, "en", **values)


# --- Step and epoch numbers in Korean ---


def test_korean_steps_and_epochs_are_counts_or_ordinals():
    """One form per meaning in every Korean string: a count "200 스텝 뒤", a moment "14번째 스텝에서"."""
    mixed = {key: found for key, (_, korean) in STRINGS.items() if (found := step_forms(korean))}
    assert mixed == {}


def test_the_step_form_check_can_fail():
    assert step_forms("하강은 {step} 스텝에서 발산했습니다.") == ["} 스텝에서"]
    assert step_forms("α = 0.1: 에폭 {epoch}에서 발산") == ["에폭 {epoch}"]
    assert step_forms("(에폭 12 유지)") == ["에폭 12"]
    assert step_forms("200스텝 뒤") == ["0스텝"]
    assert step_forms("{steps} 스텝 뒤 {step}번째 스텝에서, 에폭 {epoch}/{total}, 근접 스텝 {prox}개") == []


# --- The glossary ---


PLACEHOLDER = re.compile(r"%?\{\w+(?:[:|][^{}]*)?\}")  # {name}, {name:.2f}, {name|은}, plotly's %{y}


def test_the_catalog_follows_the_glossary():
    missing, rejected = [], []
    for key, pair in STRINGS.items():
        english, korean = (PLACEHOLDER.sub(" ", text) for text in pair)  # values are not words
        for term in GLOSSARY:
            if re.search(term.english, english, re.IGNORECASE) and term.korean not in korean:
                missing.append(f"{key}: {term.english!r} → {term.korean}")
            rejected += [f"{key}: {pattern!r}" for pattern in term.rejected if re.search(pattern, korean)]
    assert missing == []
    assert rejected == []


def test_the_glossary_has_one_korean_term_per_english_term():
    english = [term.english for term in GLOSSARY]
    assert len(english) == len(set(english))
    for term in GLOSSARY:
        assert not any(re.search(pattern, term.korean) for pattern in term.rejected), term


def test_the_glossary_check_can_fail():
    term = next(term for term in GLOSSARY if term.korean == "서브그레이디언트")
    assert any(re.search(pattern, "서브그래디언트 스텝") for pattern in term.rejected)
    layer = next(term for term in GLOSSARY if term.korean == "계층")
    assert any(re.search(pattern, "은닉층 수") for pattern in layer.rejected)
    assert not any(re.search(pattern, "은닉 계층 수") for pattern in layer.rejected)


# --- The symbols: one per quantity ---

GREEK = re.compile(r"[\u0370-\u03ff]")


def symbol_problems(text: str, lang: str) -> list[str]:
    """What breaks decayviz.glossary.SYMBOLS in one text: a rejected form, a symbol written
    without its meaning named beside it, or a Greek letter that is nobody's symbol."""
    side = 0 if lang == "en" else 1
    problems = []
    for symbol in SYMBOLS:
        problems += [f"{pattern!r}" for pattern in symbol.rejected if re.search(pattern, text)]
        if symbol.defined_by and symbol.symbol in text and not re.search(symbol.defined_by[side], text):
            problems.append(f"{symbol.symbol} without {symbol.defined_by[side]!r}")
    known = "".join(symbol.symbol for symbol in SYMBOLS)
    problems += [f"unknown symbol {letter}" for letter in set(GREEK.findall(text)) if letter not in known]
    return problems


def test_the_catalog_follows_the_symbols():
    """λ is PyTorch's weight_decay and κ the data loss's largest curvature, in every string."""
    problems = [
        f"{key} ({lang}): {problem}"
        for key, pair in STRINGS.items()
        for lang, text in zip(LANGUAGES, pair, strict=True)
        for problem in symbol_problems(PLACEHOLDER.sub(" ", text), lang)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("penalty", "alpha", "opt", "lr"),
    [("l2", 0.5, "gd", 0.5), ("l1", 0.5, "momentum", 2.0), ("elasticnet", 0.5, "nesterov", 1.2),
     ("l2", 1.0, "proximal", 1.0), ("l2", 2.0, "adamw", 1.0)],
)  # fmt: skip
def test_the_divergence_messages_follow_the_symbols(penalty, alpha, opt, lr):
    """The messages put their symbols in through placeholders: checked as the page shows them."""
    from decayviz.scene import build_scene

    scene = build_scene(defaults("landscape") | {"penalty": penalty, "alpha": alpha, "opt": opt, "lr": lr})
    assert scene.trajectory.diverged_at is not None
    for lang in LANGUAGES:
        text = scene.divergence_text(lang)
        assert symbol_problems(text, lang) == [], text
        assert ("κ" in text) == (opt != "adamw")  # AdamW's limit does not involve the curvature


def test_the_symbol_check_can_fail():
    old = "multiplies the error by 1 − lr·λmax, where λmax = 7 is the largest curvature"
    assert symbol_problems(old, "en") != []  # λ for a curvature: the old divergence message
    assert symbol_problems("gradient + weight decay ν·W", "en") != []  # ν for weight_decay
    assert symbol_problems("1 − lr·κ, the steepest direction", "en") != []  # κ, meaning unsaid
    assert symbol_problems("L1: α‖w‖₁", "en") != []  # a vector of weights is W
    assert symbol_problems("η = 0.1", "en") != []  # a symbol nobody defined
    assert symbol_problems("1 − lr·κ (κ = 6, the data loss's largest curvature)", "en") == []
    assert symbol_problems("곡률 κ = 6", "ko") == [] and symbol_problems("κ = 6", "ko") != []


def test_the_symbols_are_distinct_and_each_is_used():
    symbols = [symbol.symbol for symbol in SYMBOLS]
    assert len(symbols) == len(set(symbols))
    text = " ".join(" ".join(pair) for pair in STRINGS.values())
    assert [s for s in symbols if s not in text] == []


# --- Keys: used by the code, and present in the catalog ---

SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "app_pages").glob("*.py")),
    *sorted((ROOT / "decayviz").rglob("*.py")),
]
CATALOG_CALLS = {"t", "has"}


def _penalty_kinds() -> tuple[str, ...]:
    return tuple(kind for kind in FIELD["penalty"].options if kind != "none")


def _other_scenes() -> tuple[str, ...]:
    from decayviz.classroom.questions import OTHER_SCENES

    return tuple(OTHER_SCENES)


def _decided_by() -> tuple[str, ...]:
    from decayviz.classroom.questions import DECIDED_BY

    return tuple(sorted(set(DECIDED_BY.values())))


def _question_ids() -> tuple[str, ...]:
    from decayviz.classroom.questions import QUESTIONS

    return tuple(QUESTIONS)


def _landscape_groups() -> tuple[str, ...]:
    from decayviz.ui.sidebars import LANDSCAPE_GROUPS

    return tuple(group for group, _ in LANDSCAPE_GROUPS)


# Every key a page builds at run time, f"prefix.{name}", with the values `name` takes, read from
# their source of truth. A literal tuple stands where the page itself spells the names out.
DYNAMIC: dict[str, Callable[[], Iterable[str]]] = {
    "page.{}": lambda: PAGES,
    "field.{}": lambda: (*FIELD, "presets", "questions", "preset"),  # the share dialog; a bad ?preset= link
    "question.{}": _question_ids,  # decayviz.classroom.questions.Question.text
    "question.{}.title": _question_ids,
    "predict.evidence.{}": _other_scenes,  # a network question's evidence (decayviz.ui.classroom)
    "question.network_other_beats.why.{}.{}": lambda: tuple(  # decayviz.classroom.questions._beats_story
        f"{name}.{side}" for name in _other_scenes() for side in ("above", "below")
    ),
    "predict.evidence_of.{}": _decided_by,  # what decides a network question (its evidence's caption,
    "predict.alt.evidence.{}": _decided_by,  # alt text
    "predict.axis.{}": lambda: (*_decided_by(), "answers", "answer"),  # and axis)
    "choice.{}.{}": lambda: tuple(
        key.removeprefix("choice.") for f in FIELD.values() for key in f.option_labels()
    ),
    "choice.lang.{}": lambda: FIELD["lang"].options,
    "choice.opt.{}": lambda: (*FIELD["opt"].options, *COMPANION.values()),
    "choice.s_shape.{}": lambda: FIELD["s_shape"].options,
    "choice.s_penalty.{}": lambda: FIELD["s_penalty"].options,
    "preset.{}": lambda: tuple(name for presets in PRESETS.values() for name in presets),
    "ui.share.{}": lambda: ("lan", "localhost"),  # decayviz.ui.controls.app_origin's notes
    "landscape.group.{}": _landscape_groups,
    "landscape.diverged.{}": lambda: (*RULES, "proximal_l2"),  # decayviz.rules.Rule.diverged_key
    "landscape.readout.radius.{}": _penalty_kinds,
    "landscape.trace.ball.{}": _penalty_kinds,
    "choice.penalty.{}": _penalty_kinds,  # decayviz.describe.landscape_alt
    "landscape.term.{}": lambda: ("data_loss", "penalty", "total"),  # figures/landscape.terms_figure
    "metric.{}": lambda: METRICS,
    "network.tab.{}": lambda: ("sweep", "weights", "boundary", "code"),  # app_pages/network.py
    "sparsity.{}.title": lambda: FIELD["s_view"].options,
    "sparsity.paths.panel.{}": lambda: sparsity.PATH_KINDS,
    "sparsity.iterations.run.{}": lambda: tuple(name for name, _, _ in sparsity.DESCENT_RUNS),
    "sparsity.montecarlo.{}": lambda: ("corner", "edge"),  # figures/sparsity.monte_carlo_figure
    "sparsity.montecarlo.ball.{}": lambda: ("l2", "l1"),
    "sparsity.montecarlo.share.{}": lambda: ("exact", "almost"),
    "sparsity.montecarlo.metric.{}": lambda: ("l1", "l2", "l2_almost"),  # app_pages/sparsity.py
    "sparsity.montecarlo.randomness.{}": lambda: sparsity.LOSS_SHAPES,  # app_pages/sparsity.py
    "lowrank.readout.{}": lambda: ("l1_keeps_rank", "l1_rank"),  # decayviz/ui/beyond.py
    # decayviz.classroom.questions._zero_stories
    "question.landscape_first_zero.why.{}": lambda: ("never", "once", "stays", "leaves"),
    "landscape.terms.title{}": lambda: ("", "_none"),  # app_pages/landscape.py: none without a penalty
    "landscape.terms.caption{}": lambda: ("", "_none"),
}
# Keys that may be used: a control's help text, shown when the catalog has one.
OPTIONAL: dict[str, Callable[[], Iterable[str]]] = {"help.{}": lambda: tuple(FIELD)}


def _key_expressions(node: ast.AST):
    """The catalog keys an argument can be: constants, f-string templates ("page.{}"), both
    arms of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    elif isinstance(node, ast.IfExp):
        yield from _key_expressions(node.body)
        yield from _key_expressions(node.orelse)


def _scan() -> tuple[set[str], set[str], set[str]]:
    """(keys passed to t()/has() as constants, templates of keys built at run time, every string
    constant in the code: a key may travel in a variable before it reaches t())."""
    keys, templates, constants = set(), set(), set()
    for path in SOURCES:
        if path.name in ("i18n.py", "glossary.py", "grammar.py") or path.parent.name == "catalog":
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in CATALOG_CALLS:
                    for key in _key_expressions(node.args[0]):
                        (templates if "{}" in key else keys).add(key)
    return keys, templates, constants


def _expand(table: dict[str, Callable[[], Iterable[str]]]) -> dict[str, set[str]]:
    """Each template's keys; a name fills the template's slots split at its dots ("s_view.paths")."""
    return {
        template: {template.format(*name.split(".", template.count("{}") - 1)) for name in values()}
        for template, values in table.items()
    }


def test_every_runtime_key_template_is_enumerated():
    _, templates, _ = _scan()
    unknown = templates - set(DYNAMIC) - set(OPTIONAL)
    assert unknown == set(), "add these to DYNAMIC with their source of truth"


def test_every_key_the_code_uses_is_in_the_catalog():
    keys, _, _ = _scan()
    dynamic = set().union(*_expand(DYNAMIC).values())
    assert sorted((keys | dynamic) - set(STRINGS)) == []


def test_every_catalog_key_is_used():
    """A key nothing reads is dead: delete it, or use it."""
    keys, _, constants = _scan()
    used = keys | (constants & set(STRINGS)) | set().union(*_expand(DYNAMIC).values())
    used |= set().union(*_expand(OPTIONAL).values())
    assert sorted(set(STRINGS) - used) == []


def _reference_particle(spoken: str, form: str) -> str:
    """The particle after a reading spelled in full, from its last syllable's final consonant."""
    final = (ord(spoken[-1]) - ord("가")) % 28
    with_consonant, with_vowel = next(pair for pair in PARTICLES if form in pair)
    if with_consonant == "으로":
        return "로" if final in (0, 8) else "으로"
    return with_consonant if final else with_vowel


def test_particles_agree_with_numbers_read_in_full():
    rng = random.Random(11)
    numbers = [str(n) for n in range(2001)]
    numbers += [str(rng.randrange(10**k)) for k in range(1, 19) for _ in range(50)]
    numbers += [f"{rng.uniform(0, 100):.{rng.randint(1, 4)}f}" for _ in range(2000)]
    numbers += [f"{x:g}" for x in (0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.3, 1.5, 2.5, 20, 300)]
    numbers += ["-" + n for n in numbers[:300]]
    for text in numbers:
        spoken = read_number(text)
        for form in ("은", "이", "을", "과", "로"):
            assert particle(text, form) == _reference_particle(spoken, form), (text, spoken, form)


def test_the_reference_reading():
    assert read_number("1234") == "천이백삼십사"
    assert read_number("20000") == "이만"
    assert read_number("10000") == "만"
    assert read_number("110000") == "십일만"
    assert read_number("0.01") == "영점영일"
    assert read_number("-3") == "마이너스삼"
    assert read_number("100000000") == "일억"


PARTICLE = r"(은|는|이|가|을|를|과|와|으로|로)(?![가-힣])"
NUMBER_AND_PARTICLE = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)" + PARTICLE)


@pytest.mark.parametrize("sample", [1, 2, 3, 0.01, 0.5, 10, 20000])
def test_every_korean_string_reads_right_with_any_number(sample):
    """Every Korean string filled with one number everywhere: each particle after a number agrees
    with the number read in full (the catalog's own digits included, "0이 아닌")."""
    wrong = []
    for key, (_, korean) in STRINGS.items():
        names = placeholder_names(korean)
        if not all(name.isidentifier() for name in names):
            continue  # LaTeX braces: a text shown as written, never formatted
        text = t(key, "ko", **dict.fromkeys(names, sample)) if names else korean
        for number, form in NUMBER_AND_PARTICLE.findall(text):
            if form != _reference_particle(read_number(number.replace(",", "")), form):
                wrong.append(f"{key}: {number}{form}")
    assert wrong == []
