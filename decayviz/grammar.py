"""Grammar that depends on a value filled into a sentence: Korean particles and English plurals.

A placeholder of the string catalog (decayviz.i18n) may carry a form after `|`:

- Korean particle: `{alpha|은}` renders the value and then 은 or 는, whichever its Korean reading
  calls for: "0.01은" (영 점 영일), "2는" (이), "10은" (십). Either spelling of a pair works
  (`{x|은}` = `{x|는}`); the pairs are in PARTICLES (은/는, 이/가, 을/를, 과/와, 으로/로, ...).
  The reading: a whole number ends in its last non-zero digit or its unit (십 백 천 만 억 조),
  decimal places are read one digit at a time, % 퍼센트, ° 도, Greek letters by name, a capital
  letter or an acronym by its letter name (SGD 디, AdamW 더블유), a lowercase word by its sound
  (ends in a consonant only after m, n, ng, l), a closing " (remark)" is skipped; where the
  reading is unknown both forms are written, 은(는).
- English count: `{epochs|epoch}` renders "1 epoch" or "20 epochs" (value, space, noun; the
  plural adds -s, -es after s, x, z, sh, tch, -ies after a consonant and y); `{n|child|children}`
  names both forms; `{n|~is|are}` renders the word alone ("is" when n is 1, else "are"), for verbs.

A format spec goes before the form or after the name: `{seconds:.1f|은}` or `{seconds|은:.1f}`.
"""

from __future__ import annotations

import re
import string
from typing import Any

# Each Korean particle pair: (after a final consonant, after a vowel). "으로/로" also takes 로
# after ㄹ (1로, 7로, 8로).
PARTICLES: tuple[tuple[str, str], ...] = (
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이나", "나"),
    ("이라", "라"),
    ("이며", "며"),
    ("이고", "고"),
    ("이에요", "예요"),
)
_PAIR = {form: pair for pair in PARTICLES for form in pair}
_RIEUL = 8  # the index of ㄹ among the final consonants of a Hangul syllable

# How a Korean reads what may end a value. A digit read alone (decimal places, 0):
_DIGITS = "영일이삼사오육칠팔구"
# A whole number ending in zeros ends in its unit: 10 십, 100 백, 1000 천, 10⁴ 만, 10⁸ 억, 10¹² 조.
_UNITS = {1: "십", 2: "백", 3: "천"}
_GROUPS = ((16, "경"), (12, "조"), (8, "억"), (4, "만"))
# The last syllable of each Latin letter's name, as spelled out in an acronym or a name ending in a
# capital (SGD: 에스지디, AdamW: 아담더블유, L: 엘).
_LETTERS = dict(zip("ABCDEFGHIJKLM", "이비씨디이프지치이이이엘엠", strict=True)) | dict(
    zip("NOPQRSTUVWXYZ", "엔오피큐알스티유이유스이지", strict=True)
)
# Symbols that end a value, as read aloud.
_SYMBOLS = {
    "%": "퍼센트",
    "°": "도",
    "²": "제곱",
    "³": "세제곱",
    "∞": "무한대",
    "α": "알파",
    "β": "베타",
    "γ": "감마",
    "δ": "델타",
    "ε": "엡실론",
    "η": "에타",
    "θ": "세타",
    "κ": "카파",
    "λ": "람다",
    "μ": "뮤",
    "π": "파이",
    "σ": "시그마",
    "ω": "오메가",
}
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
# Closing marks and markup are not read: "(2, 1)" ends in 1, "**3**" in 3.
_SILENT = " \t\n)]}>\"'”’»*_`‖|.,;:!?…"


def _hangul(char: str) -> bool:
    return "가" <= char <= "힣"


def _final_consonant(syllable: str) -> int:
    """0 for none, else the index of the syllable's final consonant (8 is ㄹ)."""
    return (ord(syllable) - ord("가")) % 28


def _read_number(digits: str, decimal: bool) -> str:
    """The last syllable of a run of digits read in Korean: one digit at a time after a decimal
    point (0.01: 영 점 영일), as a whole number otherwise (10: 십, 20000: 이만)."""
    if decimal:
        return _DIGITS[int(digits[-1])]
    stripped = digits.lstrip("0")
    if not stripped:
        return "영"
    zeros = len(stripped) - len(stripped.rstrip("0"))
    if zeros == 0:
        return _DIGITS[int(stripped[-1])]
    if zeros in _UNITS:
        return _UNITS[zeros]
    return next(unit for power, unit in _GROUPS if zeros >= power)


def _read_word(word: str) -> str:
    """The last syllable of a Latin word as Koreans say it: a capital or a single letter is
    spelled (SGD 디, AdamW 더블유, L 엘); a lowercase word ends in a consonant only when it ends
    in m, n, ng or l (Adam 아담, lasso 라쏘, net 네트): other endings read as a vowel."""
    last = word[-1]
    if last.isupper() or len(word) == 1:
        return _LETTERS[last.upper()]
    lower = word.lower()
    if lower.endswith("ng"):
        return "응"
    if lower.endswith(("l", "le")):
        return "을"
    return {"m": "음", "n": "은"}.get(lower[-1], "으")


def last_syllable(text: str) -> str | None:
    """The last syllable a Korean says when reading `text` aloud, or None if unsure. A closing
    remark in parentheses after a space is skipped, as the particle goes with the word before it
    ("Adam (L2 coupled)" → Adam); a parenthesized value alone is read ("(2, 1)" → 1)."""
    text = text.translate(_SUBSCRIPTS)
    remark = re.search(r"\S\s+\([^()]*\)\s*$", text)
    if remark:
        text = text[: remark.start() + 1]
    text = text.rstrip(_SILENT)
    if not text:
        return None
    last = text[-1]
    if _hangul(last):
        return last
    if last in _SYMBOLS:
        return _SYMBOLS[last][-1]
    digits = re.search(r"[0-9][0-9,]*$", text)
    if digits:
        run = digits.group().replace(",", "")
        before = text[: digits.start()]
        return _read_number(run, decimal=before.endswith(".") and before[:-1][-1:].isdigit())
    word = re.search(r"[A-Za-z]+$", text)
    if word:
        return _read_word(word.group())
    return None


def particle(text: str, form: str) -> str:
    """The particle `form` (either spelling of its pair) that fits after `text` read aloud;
    both spellings, as in 은(는), when the reading is unknown."""
    with_consonant, with_vowel = _PAIR[form]
    syllable = last_syllable(text)
    if syllable is None:
        if with_consonant == "으로":
            return "(으)로"
        return f"{with_consonant}({with_vowel})"
    final = _final_consonant(syllable)
    if with_consonant == "으로":
        return "로" if final in (0, _RIEUL) else "으로"
    return with_consonant if final else with_vowel


def is_particle(form: str) -> bool:
    return form in _PAIR


def _plural(noun: str) -> str:
    if re.search(r"(s|x|z|sh|tch)$", noun):  # epochs, but batches
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def count_form(text: str, forms: str) -> str:
    """`forms` is "noun", "singular|plural" or "~singular|plural" (the word alone);
    the singular is for a count written 1 (or −1), the plural for every other count."""
    alone = forms.startswith("~")
    one, _, other = forms.lstrip("~").partition("|")
    word = one if text.lstrip("-−+") == "1" else (other or _plural(one))
    return word if alone else f"{text} {word}"


class _Inflected:
    """A value with the form that follows it in the sentence."""

    def __init__(self, value: Any, form: str) -> None:
        self.value, self.form = value, form


class Formatter(string.Formatter):
    """str.format plus `{name|form}`: a Korean particle or an English count (see the module)."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        name, bar, form = field_name.partition("|")
        value, used = super().get_field(name, args, kwargs)
        return (_Inflected(value, form) if bar else value), used

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if isinstance(value, _Inflected):
            return _Inflected(super().convert_field(value.value, conversion), value.form)
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> str:
        spec, bar, form = format_spec.partition("|")
        if isinstance(value, _Inflected):
            value, form, bar = value.value, value.form, "|"
        text = format(value, spec)
        if not bar:
            return text
        if is_particle(form):
            return text + particle(text, form)
        return count_form(text, form)


FORMATTER = Formatter()


def placeholder_names(template: str) -> set[str]:
    """The value names a template asks for, without formats or forms."""
    return {
        name.partition("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name is not None
    }
