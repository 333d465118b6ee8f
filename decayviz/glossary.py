"""The chapter's terms in Korean and English: one Korean word per idea, used by every string.

The Korean chapter (shared/seed/weight-decay.ko.md) is the reference: where it names a term
(가중치 감쇠, 정규화, 계층, 오버피팅, 텀, 파라미터, 옵티마이저, 편향, 노름, 희소), the app says the
same; where it does not, the entry's note says why this spelling won. tests/test_i18n.py checks
the catalog against this table: whenever a string's English side uses `english`, its Korean
side uses `korean`, and no Korean string uses a `rejected` variant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    english: str  # a regular expression, matched case-insensitively on the English side
    korean: str  # the one Korean term (plain text) its Korean side must contain
    rejected: tuple[str, ...] = ()  # regular expressions that no Korean string may match
    note: str = ""


GLOSSARY: tuple[Term, ...] = (
    Term(r"weight decay", "가중치 감쇠", ("웨이트 디케이", "가중치 감소"), "the chapter"),
    Term(r"regulari[sz]", "정규화", ("규제",), "the chapter: 정규화 기법"),
    Term(r"penalt", "벌점", ("페널티", "패널티")),
    Term(r"\bweights?\b", "가중치", (), "the chapter: 가중치 파라미터"),
    Term(r"\bbias", "편향", ("바이어스",), "the chapter"),
    Term(r"\bparameter", "파라미터", ("매개변수",), "the chapter: 가중치 파라미터"),
    Term(r"\blayer", "계층", (r"(?<!계)층",), "the chapter: 선형 계층; so 은닉 계층, not 은닉층"),
    Term(r"\bnorm\b", "노름", (), "the chapter"),
    Term(r"\bterms?\b", "텀", (r"(?<![가-힣])항(?![목상])",), "the chapter: (1)번 텀"),
    Term(r"overfit", "오버피팅", ("과적합",), "the chapter"),
    Term(r"underfit", "언더피팅", ("과소적합",), "the chapter's 오버피팅, its counterpart"),
    Term(r"\bsparse|sparsity", "희소", (), "the chapter"),
    Term(r"optimi[sz]er", "옵티마이저", (), "the chapter"),
    Term(r"\bchapter", "이 장", ("교재",), "the chapter speaks of itself as 이번 장"),
    Term(
        r"subgradient",
        "서브그레이디언트",
        ("그래디언트",),
        "gradient is 그레이디언트 in the standard loanword spelling",
    ),
    Term(
        r"(?<!small )\bsteps?\b(?! size)",
        "스텝",
        ("단계",),
        "an update step (not a small step, a move; a step size is the learning rate)",
    ),
    Term(r"proximal", "근접", ()),
    Term(r"gradient descent", "경사 하강", ()),
    Term(r"soft-thresholding", "소프트 임계값", ()),
    Term(r"data ?sets?\b", "데이터셋", ("데이터 ?집합",)),
    Term(r"circular", "원형", ("그릇",), "a circular loss, not a bowl"),
    Term(
        r"(?<!heavy.)\bball\b",  # not momentum's heavy ball
        "제약 영역",
        (r"(?<![가-힣])공(?=[ ,.의이을은에)]|$)",),
        "a ball, i.e. the constraint set",
    ),
    Term(r"budget", "크기", ("예산",), "the size t of the constraint"),
    Term(r"optim(um|a)\b", "최적점", ("최적해",)),
    Term(r"handwritten digits", "손글씨 숫자", ("숫자 손글씨",)),
    Term(r"learning rate", "학습률", ()),
    Term(r"\bepochs?\b", "에폭", ("에포크",)),
    Term(r"minibatch", "미니배치", ()),
    Term(r"validation", "검증", ()),
    Term(r"\btrain", "학습", ("훈련",)),
    Term(r"\bdecoupled", "분리", ()),
    Term(r"\bcoupled", "결합", ()),
    Term(r"elastic.net", "엘라스틱넷", ("엘라스틱 넷", "일래스틱")),
    Term(r"decision boundar", "결정 경계", ()),
    Term(r"update rule", "갱신 규칙", ()),
    Term(r"contour", "등고선", ()),
    Term(r"diamond", "마름모", ()),
    Term(r"\bcorner", "꼭짓점", ("꼭지점",)),
    Term(r"curvature", "곡률", ()),
    Term(r"hessian", "헤시안", ()),
    Term(r"eigenvalue", "고윳값", ("고유값",)),
    Term(r"radius", "반지름", ()),
    Term(r"\bsamples?\b", "표본", ("샘플",)),
    Term(r"\bfeatures?\b", "특성", ("피처", "피쳐")),
    Term(r"\bnoise", "잡음", ("노이즈",)),
    Term(r"\bseed\b", "시드", ()),
    Term(r"accuracy", "정확도", ()),
    Term(r"\bunits?\b(?! of)", "유닛", ()),
    Term(r"\bloss", "손실", ()),
    Term(r"data loss", "데이터 손실", ()),
    Term(r"landscape", "지형", ()),
    Term(r"momentum", "모멘텀", ()),
    Term(r"\borigin\b", "원점", (), "the chapter"),
    Term(r"constraint", "제약", ("제한 조건",)),
    Term(r"ellipse", "타원", ()),
    Term(r"\bscenes?\b", "장면", ()),
    Term(r"initial weights", "초기 가중치", ("초깃값",)),
    # beyond the chapter (decayviz/catalog/beyond.py)
    Term(
        r"normali[sz]",
        "노멀라이제이션",
        (r"배치 정규화", r"레이어 정규화", r"계층 정규화", r"정규화 계층", r"층 정규화"),
        "정규화 is regularization, the chapter's word: normalization (batch, layer) must not share it",
    ),
    Term(r"singular values?", "특잇값", ("특이값",), "as 고윳값: the standard spelling with ㅅ"),
    Term(r"\brank\b", "랭크", (), "계수 would read as a coefficient (모멘텀 계수)"),
    Term(r"early stopping", "조기 종료", ("얼리 스토핑",)),
    Term(r"effective learning rate", "유효 학습률", ()),
)


@dataclass(frozen=True)
class Symbol:
    """One quantity's one symbol. tests/test_i18n.py checks every string against this table: a
    string that writes `symbol` names its meaning too (a match of `defined_by`, when given, in
    the same language), no string writes a `rejected` form, and every Greek letter in the catalog
    is a symbol here."""

    symbol: str
    english: str  # what it stands for
    korean: str
    defined_by: tuple[str, str] | None = None  # regexes (English side, Korean side)
    rejected: tuple[str, ...] = ()  # other spellings of this quantity, or this symbol for another one
    note: str = ""


SYMBOLS: tuple[Symbol, ...] = (
    Symbol(
        "α",
        "the penalty's strength, as in α‖W‖² (no ½) and α‖W‖₁",
        "벌점의 세기",
        note="the control every page has; defined where it is set",
    ),
    Symbol("α₁", "the weight of an L1 part: α for L1, α·l1_ratio for the elastic net", "L1 부분의 세기"),
    Symbol(
        "λ",
        "PyTorch's weight_decay (2α for this chapter's L2), as in PyTorch's documentation",
        "PyTorch의 weight_decay",
        (r"weight[_ ]decay", r"weight_decay|가중치 감쇠"),
        (r"ν", r"λ\s*max", r"λ\(H\)"),
        "never a curvature or an eigenvalue: that is κ",
    ),
    Symbol(
        "κ",
        "the data loss's largest curvature (the Hessian's largest eigenvalue); the whole loss's is κ + λ",
        "데이터 손실의 가장 큰 곡률 (헤시안의 가장 큰 고윳값)",
        (r"curvature", r"곡률"),
    ),
    Symbol("μ", "the momentum coefficient (0.9 unless set)", "모멘텀 계수", (r"momentum", r"모멘텀")),
    Symbol(
        "β₂",
        "Adam's decay rate of its running average of squared gradients",
        "Adam의 기울기 제곱 이동 평균 감쇠율",
        (r"average", r"평균"),
    ),
    Symbol("Σ", "a sum", "합"),
    Symbol(
        "W",
        "all the weights at once (a vector, or a layer's matrix)",
        "가중치 전체 (벡터나 행렬)",
        rejected=(r"‖w‖",),
        note="a single weight is w: w₁, w₂, w_j, |w|",
    ),
    Symbol("W*", "the minimum of the data loss alone", "데이터 손실만의 최솟점"),
    Symbol("W₀", "the initial weights", "초기 가중치"),
    Symbol("Ŵ(α)", "the exact optimum of the data loss plus the penalty", "데이터 손실 + 벌점의 최적점"),
    Symbol("t", "the size (radius) of the penalty's ball that Ŵ(α) lies on", "Ŵ(α)가 놓인 제약 영역의 크기"),
    Symbol("lr", "the learning rate", "학습률"),
    Symbol(
        "σ", "a singular value of a matrix (σᵢ, the i-th largest)", "행렬의 특잇값", (r"singular", r"특잇값")
    ),
    Symbol("θ", "the angle W turns in one step", "한 스텝에 W가 도는 각", (r"\bangle", r"각")),
    Symbol(
        "τ",
        "the timescale 1/(lr·λ) of decoupled decay, in steps (Wang & Aitchison 2024)",
        "분리된 감쇠의 시간 척도 1/(lr·λ), 스텝 수",
        (r"timescale", r"시간 척도"),
    ),
)
