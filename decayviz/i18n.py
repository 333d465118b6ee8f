"""Every user-facing string, in English and Korean: STRINGS[key] = (English, Korean).

Keeping both languages in one entry means a string cannot be added in one language only.
Pages call t(key, lang, **values); `{name}` placeholders are filled as by str.format, and
`{name|form}` adds a Korean particle or an English count (decayviz.grammar). The terms follow the
chapter's glossary (decayviz.glossary); tests/test_i18n.py checks both, and every key's use.
"""

from __future__ import annotations

from pathlib import Path

from decayviz.grammar import FORMATTER

LANGUAGES = ("en", "ko")
PROSE = Path(__file__).resolve().parent / "prose"


def prose(key: str) -> tuple[str, str]:
    """A long text kept as one Markdown file per language (decayviz/prose/<key>.<lang>.md): a
    pair in the catalog like any other, but readable and diffable as prose."""
    return tuple((PROSE / f"{key}.{lang}.md").read_text(encoding="utf-8").rstrip("\n") for lang in LANGUAGES)


STRINGS: dict[str, tuple[str, str]] = {
    # --- app ---
    "app.title": ("decayviz: weight decay, seen", "decayviz: 눈으로 보는 가중치 감쇠"),
    "app.language": ("Language", "언어"),
    "choice.lang.en": ("English", "English"),
    "choice.lang.ko": ("한국어", "한국어"),
    "page.landscape": ("2-D landscape", "2차원 손실 지형"),
    "ui.url_fixed": (
        "Some values in the link were out of range or unreadable and were corrected: {items}",
        "링크의 일부 값이 범위를 벗어났거나 읽을 수 없어 바로잡았습니다: {items}",
    ),
    "ui.url_fixed.ignored": ("ignored", "무시함"),  # a value with no control to take a fixed one
    "ui.chart_loading": ("Drawing the chart…", "차트를 그리는 중…"),
    "ui.url_fixed.options": (
        "(each value moves to the nearest of {options} on a log scale, one below {low} to {floor}; "
        "unreadable ones are left out)",
        "(각 값은 {options} 가운데 로그 눈금에서 가장 가까운 값으로, {low}보다 작은 값은 {floor|로} "
        "바뀌고, 읽을 수 없는 값은 빠집니다)",
    ),
    "ui.presets": ("Scenes", "장면"),
    "ui.scene_shown": ("Scene shown: {scene}", "지금 보이는 장면: {scene}"),
    "ui.reset": ("Reset to defaults", "기본값으로 되돌리기"),
    "field.lang": ("Language", "언어"),
    "field.hide": ("Hidden controls", "숨긴 조작 항목"),
    "field.preset": ("Scene", "장면"),
    "field.presets": ("Scene buttons", "장면 버튼"),
    "ui.share": ("Share or save this scene", "이 장면 공유·저장"),
    "ui.share.hide": ("Hide from students", "학생에게 숨길 항목"),
    "ui.share.lan": (
        "You opened the app as localhost, so the link uses this computer's address on the "
        "local network. Students open it on the same network.",
        "앱을 localhost로 열었기 때문에 링크에는 이 컴퓨터의 로컬 네트워크 주소를 넣었습니다. "
        "학생들은 같은 네트워크에 연결한 뒤 이 링크를 열면 됩니다.",
    ),
    "ui.share.localhost": (
        "This link says localhost, which on a student's laptop means the student's own laptop, "
        "and no network address of this computer is known. Connect this computer to the class's "
        "network (Wi-Fi), start the app with “streamlit run app.py --server.address 0.0.0.0”, "
        "open it through the Network URL it prints (e.g. http://192.168.0.10:8501) and copy the "
        "link from there.",
        "이 링크의 localhost는 학생 노트북에서는 학생 자신의 노트북을 뜻하며, 이 컴퓨터의 네트워크 "
        "주소를 찾지 못했습니다. 이 컴퓨터를 수업 네트워크(Wi-Fi)에 연결하고 "
        "“streamlit run app.py --server.address 0.0.0.0”으로 앱을 실행한 뒤, 출력되는 Network URL"
        "(예: http://192.168.0.10:8501)로 앱을 열고 그 주소에서 링크를 복사하세요.",
    ),
    "ui.share.presets": ("Links to the scenes:", "장면별 링크:"),
    "ui.share.present": ("Open the link in the presentation view", "링크를 발표 보기로 열기"),
    "field.present": ("Presentation view", "발표 보기"),
    "help.present": (
        "Larger text, thicker lines and markers, the sidebar folded away: readable from the back "
        "of a room. The link keeps it (present=1).",
        "글자를 키우고 선과 표시를 굵게 하며 사이드바를 접습니다. 교실 뒤에서도 읽을 수 있습니다. "
        "링크에 그대로 남습니다(present=1).",
    ),
    "ui.export": ("**Save as a file**", "**파일로 저장**"),
    "ui.play": ("Play", "재생"),
    "ui.pause": ("Pause", "일시 정지"),
    "landscape.alpha_scrub_note": (
        "path drawn at α = {alpha}",
        "경로는 α = {alpha}에서 그림",
    ),
    "ui.step": ("step", "스텝"),
    # Streamlit's link to skip past the sidebar (its text is English only), said in the page's language
    "ui.skip_to_content": ("Skip to main content", "본문 바로가기"),
    "ui.chart_keys": (
        "Animated chart: Space or Enter plays or pauses it; the left and right arrows move the step, "
        "the up and down arrows move α",
        "애니메이션 차트: 스페이스나 Enter 키로 재생하거나 일시 정지하고, 왼쪽·오른쪽 화살표로 스텝을, "
        "위·아래 화살표로 α를 옮깁니다",
    ),
    "landscape.export.html": ("The animation as an HTML file", "애니메이션을 HTML 파일로"),
    "landscape.export.csv": ("Every step as CSV", "모든 스텝을 CSV로"),
    "sparsity.export.html": ("This chart as an HTML file", "이 차트를 HTML 파일로"),
    "alt.landscape": (
        "Chart: contours of the data loss around W* = {w_star}. The descent ({optimizer}) starts at "
        "W₀ = {w0}, ends after {steps|step} at {end}; {zeros}.",
        "차트: W* = {w_star} 둘레의 데이터 손실 등고선. {optimizer|으로} 하강한 가중치는 "
        "W₀ = {w0}에서 출발해 {steps} 스텝 뒤 {end}에서 끝나며, {zeros}.",
    ),
    # {zeros} above: how many of the two weights end exactly at 0, none, one (which) or both
    "alt.landscape.zeros_none": ("neither weight ends exactly at 0", "정확히 0이 된 가중치는 없습니다"),
    "alt.landscape.zeros_one": (
        "one of its two weights, {weight}, ends exactly at 0",
        "두 가중치 가운데 {weight|가} 정확히 0이 됩니다",
    ),
    "alt.landscape.zeros_both": ("both weights end exactly at 0", "두 가중치 모두 정확히 0이 됩니다"),
    "alt.landscape.diverged": (
        "The descent diverged at step {step}.",
        "하강은 {step}번째 스텝에서 발산했습니다.",
    ),
    "alt.landscape.penalty": (
        "With the {penalty} penalty at α = {alpha}, the exact optimum Ŵ(α) is {optimum}, on the "
        "penalty's ball of size t = {radius} (for L1 and L2, its radius).",
        "α = {alpha}인 {penalty} 벌점에서 정확한 최적점 Ŵ(α)는 {optimum}이며, 크기 t = {radius}인 "
        "벌점의 제약 영역 위에 있습니다(L1과 L2에서는 t가 반지름).",
    ),
    "alt.terms": (
        "Chart: term (1) the data loss, term (2) the penalty and their sum over {steps|step}, on a "
        "log scale. At the end: data loss {data}, penalty {penalty}, sum {total}.",
        "차트: {steps} 스텝 동안의 (1)번 텀 데이터 손실, (2)번 텀 벌점과 그 합(로그 눈금). 마지막 값: "
        "데이터 손실 {data}, 벌점 {penalty}, 합 {total}.",
    ),
    "alt.terms.tradeoff": (
        "Below it, at the exact optimum as α grows, the data loss L(Ŵ(α)) rises and t falls; at α = "
        "{alpha}, L(Ŵ(α)) = {cost} and t = {radius}.",
        "그 아래: 정확한 최적점에서 α가 커질수록 데이터 손실 L(Ŵ(α))는 커지고 t는 작아집니다. α = "
        "{alpha}에서 L(Ŵ(α)) = {cost}, t = {radius}입니다.",
    ),
    "alt.sparsity.paths": (
        "Chart: every weight's exact optimum against α for L1, L2 and the elastic net, with the "
        "count of exact zeros under it. At α = {alpha}, of {d|weight}, {l1} are exactly 0 with L1, "
        "{l2} with L2 and {en} with the elastic net.",
        "차트: L1, L2, 엘라스틱넷에서 α에 따른 가중치 하나하나의 정확한 최적점과, 그 아래 정확히 0인 "
        "가중치의 수. α = {alpha}에서 가중치 {d}개 가운데 정확히 0인 것은 L1 {l1}개, L2 {l2}개, "
        "엘라스틱넷 {en}개입니다.",
    ),
    "alt.sparsity.iterations": (
        "Chart: histograms of the {d|weight} over the steps for L1 with proximal steps, L1 with "
        "subgradient steps and L2. At the last step, {prox} are exactly 0 with the proximal step, "
        "{sub} with the subgradient step and {l2} with L2.",
        "차트: 스텝에 따른 가중치 {d}개의 히스토그램(L1 근접 스텝, L1 서브그레이디언트 스텝, L2). "
        "마지막 스텝에서 정확히 0인 가중치는 근접 스텝 {prox}개, 서브그레이디언트 스텝 {sub}개, "
        "L2 {l2}개입니다.",
    ),
    "alt.sparsity.montecarlo": (
        "Chart: where the exact optimum lands for many random 2-D losses. L1 gives an exact 0 in "
        "{l1} of them, L2 in {l2}.",
        "차트: 무작위 2차원 손실 여러 개에서 정확한 최적점이 놓이는 곳. 정확히 0이 나오는 비율은 "
        "L1 {l1}, L2 {l2}입니다.",
    ),
    "alt.sparsity.layer": (
        "Chart: a linear layer as a web of links, each as thick as its weight; {zeros} of its "
        "{total|weight} are exactly 0.",
        "차트: 선형 계층을 연결망으로 그린 그림으로, 연결의 굵기가 가중치의 크기입니다. 가중치 "
        "{total}개 가운데 {zeros}개가 정확히 0입니다.",
    ),
    "alt.network.curves": (
        "Chart: one network per α ({count|network}), all from the same initial weights, over "
        "{epochs|epoch}: training loss, validation loss, validation score, weight norm and the share "
        "of weights below 0.001 in size, one line per α. Validation score where the lines end: {ends}.",
        "차트: α마다 하나씩, 같은 초기 가중치에서 출발한 신경망 {count}개의 {epochs} 에폭 동안의 학습 "
        "손실, 검증 손실, 검증 점수, 가중치 노름, 크기가 0.001보다 작은 가중치의 비율(α마다 선 하나). "
        "선이 끝나는 곳의 검증 점수: {ends}.",
    ),
    "alt.network.sweep": (
        "Chart: for each α ({count|network}), the validation score on the left and the training and "
        "validation loss on the right, all {when}: {ends}.",
        "차트: α마다({count}개) 왼쪽은 검증 점수, 오른쪽은 학습 손실과 검증 손실이며, 모두 {when} "
        "값입니다: {ends}.",
    ),
    "alt.network.sweep_item": (
        "α = {alpha}: score {score}, training loss {train}, validation loss {val}",
        "α = {alpha}: 점수 {score}, 학습 손실 {train}, 검증 손실 {val}",
    ),
    "alt.network.when_last": ("after the last epoch", "마지막 에폭 뒤의"),
    "alt.network.when_kept": ("at each α's kept epoch", "α마다 남긴 에폭의"),
    "alt.network.sparsity": (
        "Chart: histograms of all the weights of each network after training, one per α "
        "({count|network}). Share of weights with |w| < 0.001: {ends}.",
        "차트: α마다 하나씩({count}개) 학습한 신경망의 모든 가중치의 히스토그램. |w| < 0.001인 "
        "가중치의 비율: {ends}.",
    ),
    "alt.network.filters": (
        "Chart: the first layer's weights, unit by unit, as 8×8 images, one row per α "
        "({count|network}), each row scaled to its largest |w|; white is 0. Share of first-layer "
        "weights with |w| < 0.001: {ends}.",
        "차트: 첫 계층의 가중치를 유닛마다 8×8 이미지로 그린 그림. α마다 한 행({count}개)이고, 행마다 "
        "가장 큰 |w|에 맞췄으며 흰색이 0입니다. 첫 계층에서 |w| < 0.001인 가중치의 비율: {ends}.",
    ),
    "alt.network.boundary": (
        "Chart: one panel per α ({count|network}): the plane coloured by the network's probability "
        "of the orange class, its decision boundary (probability 0.5) as a black line, and the "
        "training points. Validation accuracy: {ends}.",
        "차트: α마다 패널 하나({count}개). 평면의 색은 신경망이 주황 클래스라고 볼 확률이고, 검은 선은 "
        "결정 경계(확률 0.5), 점은 학습 데이터입니다. 검증 정확도: {ends}.",
    ),
    "export.credit": (
        "Made with decayviz on {date}. {license} licence: free to use, adapt and share, keeping this notice.",
        "decayviz로 {date}에 만들었습니다. {license} 라이선스: 이 고지를 남기면 자유롭게 쓰고 고치고 "
        "나눌 수 있습니다.",
    ),
    "network.export.csv": ("The curves of every α as CSV", "모든 α의 곡선을 CSV로"),
    # --- end app ---
    # --- network ---
    "page.network": ("Real network", "실제 신경망"),
    "network.title": ("Weight decay on a real PyTorch network", "실제 PyTorch 신경망에서의 가중치 감쇠"),
    "network.intro": (
        "Several copies of one small network train side by side, each with its own α. They start from "
        "the same initial weights and see the same minibatches, so every difference you see comes from α.",
        "작은 신경망 하나를 여러 벌 복사해, 각자 다른 α로 나란히 학습시킵니다. 모두 같은 초기 가중치에서 "
        "출발하고 같은 미니배치를 보므로, 눈에 보이는 차이는 모두 α 때문입니다.",
    ),
    "network.intro_grid": (
        "Many copies of one small network train side by side, one per cell: each with its own learning "
        "rate and weight decay λ, once with Adam and L2 and once with AdamW. They start from the same "
        "initial weights and see the same minibatches, so every difference you see comes from those two "
        "numbers and the optimizer.",
        "작은 신경망 하나를 여러 벌 복사해 칸마다 하나씩 나란히 학습시킵니다. 칸마다 학습률과 "
        "가중치 감쇠 λ가 다르고, L2를 넣은 Adam과 AdamW로 한 번씩 학습합니다. 모두 같은 초기 "
        "가중치에서 출발하고 같은 미니배치를 보므로, 눈에 보이는 차이는 모두 이 두 값과 옵티마이저 "
        "때문입니다.",
    ),
    "network.group.model": ("Data and model", "데이터와 모델"),
    "network.group.optimizer": ("Optimizer", "옵티마이저"),
    "network.group.penalty": ("Penalty", "벌점"),
    "network.group.run": ("Run", "실행"),
    "field.n_dataset": ("Data set", "데이터셋"),
    "choice.n_dataset.digits": ("Digits (8×8 images, 10 classes)", "손글씨 숫자 (8×8 이미지, 10개 클래스)"),
    "choice.n_dataset.highdim": (
        "High-dimensional regression (200 features, 20 training samples)",
        "고차원 회귀 (특성 200개, 학습 표본 20개)",
    ),
    "choice.n_dataset.moons": (
        "Two moons (2-D, noisy, 100 training points)",
        "두 개의 반달 (2차원, 잡음, 학습용 점 100개)",
    ),
    "help.n_dataset": (
        "All three are made on this computer, nothing is downloaded. Digits: scikit-learn's handwritten "
        "digits, half for training, half for validation. High-dimensional: y = 0.05 + Σ 0.01·xᵢ + noise "
        "with only 20 training samples, so a model can memorize them. Two moons: a 2-D problem whose "
        "decision boundary can be drawn.",
        "세 가지 모두 이 컴퓨터에서 만들며 내려받지 않습니다. 숫자: scikit-learn의 손글씨 숫자, 절반은 학습, "
        "절반은 검증용. 고차원: y = 0.05 + Σ 0.01·xᵢ + 잡음, 학습 표본이 20개뿐이라 모델이 외워 버릴 수 "
        "있습니다. 두 반달: 결정 경계를 그릴 수 있는 2차원 문제.",
    ),
    "field.n_depth": ("Hidden layers", "은닉 계층 수"),
    "help.n_depth": (
        "0 makes a linear model (logistic or linear regression).",
        "0이면 선형 모델(로지스틱 회귀 또는 선형 회귀)입니다.",
    ),
    "field.n_hidden": ("Units per hidden layer", "은닉 계층의 유닛 수"),
    "field.n_opt": ("Optimizer", "옵티마이저"),
    "choice.n_opt.sgd": ("SGD", "SGD"),
    "choice.n_opt.nesterov": ("SGD with Nesterov momentum", "네스테로프 모멘텀 SGD"),
    "choice.n_opt.adam": ("Adam (L2 coupled)", "Adam (결합된 L2)"),
    "choice.n_opt.adamw": ("AdamW (decoupled decay)", "AdamW (분리된 감쇠)"),
    "help.n_opt": (
        "Adam adds weight_decay·W to the gradient and then rescales it per weight, so weights with large "
        "gradients are barely decayed. AdamW shrinks every weight by the factor (1 − lr·weight_decay), "
        "outside the rescaling. SGD with Nesterov momentum takes its momentum from the slider below, "
        "0.9 while that is 0.",
        "Adam은 weight_decay·W를 기울기에 더한 뒤 가중치마다 크기를 다시 맞추므로, 기울기가 큰 가중치는 "
        "거의 감쇠되지 않습니다. AdamW는 그 조정과 별개로 모든 가중치에 (1 − lr·weight_decay)를 곱합니다. "
        "네스테로프 모멘텀 SGD는 아래 슬라이더의 모멘텀을 쓰며, 슬라이더가 0이면 0.9를 씁니다.",
    ),
    "field.n_lr": ("Learning rate", "학습률"),
    "field.n_momentum": ("Momentum (SGD, Nesterov)", "모멘텀 (SGD, 네스테로프)"),
    "field.n_penalty": ("Penalty", "벌점"),
    "choice.n_penalty.l2": ("L2: α‖W‖² (weight_decay = 2α)", "L2: α‖W‖² (weight_decay = 2α)"),
    "choice.n_penalty.l1": ("L1: α‖W‖₁ (added to the loss)", "L1: α‖W‖₁ (손실에 더함)"),
    "field.n_alphas": ("α values to compare", "비교할 α 값들"),
    "help.n_alphas": (
        "Each α trains its own copy of the network; all copies train at once.",
        "α마다 신경망 사본 하나가 학습하며, 모든 사본이 한꺼번에 학습합니다.",
    ),
    "field.n_decay_bias": ("Decay the biases too", "편향도 감쇠"),
    "help.n_decay_bias": (
        "Off, as in the chapter: the biases go into a parameter group with weight_decay=0. PyTorch would "
        "otherwise decay every parameter it is given.",
        "꺼 두면 이 장에서 설명한 대로 편향을 weight_decay=0인 파라미터 그룹에 따로 넣습니다. 그렇게 "
        "하지 않으면 PyTorch는 넘겨받은 모든 파라미터를 감쇠합니다.",
    ),
    "network.group.others": ("Other regularizers", "다른 정규화 기법"),
    "field.n_dropout": ("Dropout rate", "드롭아웃 비율"),
    "help.n_dropout": (
        "While training, each hidden unit is dropped (set to 0) with this probability at every step and the "
        "kept ones are scaled by 1/(1 − rate); validation uses the whole network. Every α sees the same "
        "masks, drawn from the seed, and so does the script. 0 is off; a linear model (0 hidden layers) has "
        "no units to drop. With α = 0 it is dropout alone: the chapter's author finds weight decay often "
        "hinders learning more than other regularizers, and this is how to test it.",
        "학습하는 동안 스텝마다 은닉 유닛 하나하나를 이 확률로 끄고(0으로), 남은 유닛에는 1/(1 − 비율)을 "
        "곱합니다. 검증에는 신경망 전체를 씁니다. 모든 α가 시드에서 뽑은 같은 마스크를 쓰고, 스크립트도 "
        "같은 마스크를 씁니다. 0이면 꺼집니다. 선형 모델(은닉 계층 0개)에는 끌 유닛이 없습니다. α = 0이면 "
        "드롭아웃만 쓴 것입니다. 이 장의 저자는 가중치 감쇠가 다른 정규화 기법보다 학습을 더 방해할 때가 "
        "많다고 보는데, 여기서 직접 확인해 볼 수 있습니다.",
    ),
    "field.n_early_stop": ("Early stopping (keep the best epoch)", "조기 종료 (가장 좋은 에폭 유지)"),
    "help.n_early_stop": (
        "Keeps each network as it was after its epoch of lowest validation loss and reports that epoch's "
        "numbers; a star marks it on the curves. Training still runs to the end, so you see what stopping "
        "spared. With α = 0 it is early stopping alone, to compare with weight decay.",
        "각 신경망을 검증 손실이 가장 낮았던 에폭 직후의 상태로 남기고, 그 에폭의 값을 보고합니다. 곡선에는 "
        "그 에폭을 별로 표시합니다. 학습은 끝까지 이어지므로, 멈춤으로 무엇을 피했는지 볼 수 있습니다. "
        "α = 0이면 조기 종료만 쓴 것이니 가중치 감쇠와 비교해 보세요.",
    ),
    "field.n_epochs": ("Epochs", "에폭 수"),
    "field.n_batch": ("Minibatch size", "미니배치 크기"),
    "field.n_seed": ("Seed (initial weights, batch order)", "시드 (초기 가중치, 배치 순서)"),
    "field.n_code_alpha": ("α of the script", "스크립트의 α"),
    "preset.n_underfit": ("α too large: underfitting", "너무 큰 α: 언더피팅"),
    "preset.n_overfit": (
        "Few samples, many features: decay clears leftover initial weights",
        "표본은 적고 특성은 많을 때: 감쇠가 지우는 남은 초기 가중치",
    ),
    "preset.n_l1_sparse": ("L1 makes first-layer weights sparse", "L1은 첫 계층의 가중치를 희소하게"),
    "preset.n_boundary": ("Decision boundary: wiggly or smooth", "결정 경계: 구불구불함과 매끄러움"),
    "preset.n_adam": ("Adam with L2 (coupled)", "Adam과 L2 (결합)"),
    "preset.n_adamw": ("AdamW (decoupled)", "AdamW (분리)"),
    "preset.n_diverges": (
        "Learning rate and α together too large: divergence",
        "학습률과 α가 함께 너무 클 때: 발산",
    ),
    "preset.n_u_curve": (
        "Too little or too much decay: the best α in between",
        "감쇠가 너무 작거나 너무 큼: 가장 좋은 α는 그 사이",
    ),
    "preset.n_early_stop": ("Early stopping beside weight decay", "가중치 감쇠와 조기 종료"),
    "preset.n_dropout": ("Dropout beside weight decay", "가중치 감쇠와 드롭아웃"),
    "network.mapping_l2": (
        "The penalty α‖W‖² has the gradient 2αW. In SGD (momentum or not) and Adam, PyTorch's "
        "`weight_decay=λ` adds λW to the gradient, the gradient of (λ/2)‖W‖². So each α is passed to the "
        "optimizer as **weight_decay = 2α**: {pairs}. "
        "The chapter says weight_decay *is* α: that holds for a penalty written (α/2)‖W‖², as many texts "
        "write it, but with the chapter's α‖W‖² it is off by a factor of 2. The default is weight_decay=0 "
        "(no decay) in SGD and Adam, but 0.01 in AdamW (α = 0.005 here): AdamW decays unless told "
        "weight_decay=0.",
        "벌점 α‖W‖²의 기울기는 2αW입니다. SGD(모멘텀 여부와 상관없이)와 Adam에서 PyTorch의 "
        "`weight_decay=λ`는 기울기에 λW를 더하는데, 이는 "
        "(λ/2)‖W‖²의 기울기입니다. 그래서 각 α는 옵티마이저에 **weight_decay = 2α**로 넘어갑니다: {pairs}. "
        "이 장은 weight_decay가 곧 α라고 설명합니다. 벌점을 (α/2)‖W‖²으로 쓰는 많은 글의 표기라면 맞지만, "
        "이 장의 α‖W‖²에서는 두 배 차이가 납니다. 기본값은 SGD와 Adam에서 weight_decay=0(감쇠 없음)이지만 "
        "AdamW에서는 0.01(여기서 α = 0.005)이므로, AdamW는 weight_decay=0을 따로 주지 않으면 감쇠합니다.",
    ),
    # the same mapping with AdamW, whose weight_decay is not a gradient (chosen by the page's optimizer)
    "network.mapping_l2_adamw": (
        "The penalty α‖W‖² has the gradient 2αW. AdamW's `weight_decay=λ` is not added to the gradient: "
        "every step multiplies each weight by (1 − lr·λ), outside Adam's adaptive step, so every weight "
        "shrinks by the same share whatever its gradient. From W = (1, −2) with a zero gradient, lr 0.1 "
        "and λ = 0.4, one AdamW step gives (0.96, −1.92); Adam, which adds λW to the gradient and then "
        "rescales it, gives (0.9, −1.9). With λ = 2α the shrink lr·2αW is the step plain SGD takes on "
        "α‖W‖², so each α is passed as **weight_decay = 2α**: {pairs}. But AdamW does not minimize the "
        "loss plus α‖W‖² (the 2-D landscape's scene “Adam+L2 vs AdamW” shows where it goes instead). "
        "The chapter equates weight_decay with α; with its α‖W‖² that is off by a factor of 2. AdamW's "
        "default is weight_decay=0.01 (α = 0.005 here): it decays unless told weight_decay=0.",
        "벌점 α‖W‖²의 기울기는 2αW입니다. AdamW의 `weight_decay=λ`는 기울기에 더해지지 않습니다. AdamW는 "
        "스텝마다 Adam의 적응형 스텝과 별개로 모든 가중치에 (1 − lr·λ)를 곱하므로, 기울기가 어떻든 모든 "
        "가중치가 같은 비율로 줄어듭니다. W = (1, −2), 기울기 0, lr 0.1, λ = 0.4에서 AdamW의 한 스텝은 "
        "(0.96, −1.92)를 주고, 기울기에 λW를 더한 뒤 크기를 다시 맞추는 Adam은 (0.9, −1.9)를 줍니다. "
        "λ = 2α이면 이 감쇠 lr·2αW는 보통의 SGD가 α‖W‖²에서 밟는 스텝과 같으므로, 각 α는 **weight_decay "
        "= 2α**로 넘어갑니다: {pairs}. 다만 AdamW가 최소화하는 것은 손실 + α‖W‖²가 아닙니다(2차원 지형의 "
        "장면 “Adam+L2 vs AdamW”에서 AdamW가 대신 어디로 가는지 볼 수 있습니다). 이 장은 weight_decay가 곧 "
        "α라고 쓰지만, 이 장의 α‖W‖²에서는 두 배 차이가 납니다. AdamW의 기본값은 weight_decay=0.01(여기서 "
        "α = 0.005)이므로, weight_decay=0을 따로 주지 않으면 감쇠합니다.",
    ),
    "network.mapping_l1": (
        "PyTorch's optimizers have no L1 option: α‖W‖₁ is added to the loss, and weight_decay stays 0 "
        "(so with L1, Adam and AdamW behave the same). Its gradient is α·sign(W). That 0 is set on "
        "purpose: it is the default of SGD and Adam, but AdamW's default is 0.01, an L2 decay of its own.",
        "PyTorch 옵티마이저에는 L1 옵션이 없습니다. α‖W‖₁을 손실에 더하고 weight_decay는 0으로 둡니다 "
        "(그래서 L1에서는 Adam과 AdamW가 같게 동작합니다). 그 기울기는 α·sign(W)입니다. 이 0은 일부러 "
        "지정한 값입니다. SGD와 Adam의 기본값은 0이지만, AdamW의 기본값은 0.01이라 따로 L2 감쇠가 "
        "들어갑니다.",
    ),
    "network.bias_note_off": (
        "Biases are not decayed (their own parameter group).",
        "편향은 감쇠하지 않습니다 (별도 파라미터 그룹).",
    ),
    "network.bias_note_on": ("Biases are decayed too.", "편향도 감쇠합니다."),
    "network.train": ("Train", "학습"),
    "network.continue": ("Continue with these α (+{epochs|epoch})", "이 α로 이어서 학습 (+{epochs} 에폭)"),
    "network.continue_help": (
        "Keeps the trained networks. An α that was trained goes on from where it is; a new α starts from "
        "the weights of the nearest trained α.",
        "학습된 신경망을 유지합니다. 이미 학습한 α는 그 자리에서 이어 가고, 새 α는 가장 가까운 α의 "
        "가중치에서 출발합니다.",
    ),
    "network.stop": ("Stop", "중지"),
    "network.progress": (
        "Epoch {epoch} of {total} · {seconds:.2f} s · {models|network} at once",
        "에폭 {epoch}/{total} · {seconds:.2f}초 · 신경망 {models}개 동시 학습",
    ),
    "network.loading": ("Preparing PyTorch and the data…", "PyTorch와 데이터를 준비하는 중…"),
    "network.nothing_yet": (
        "Press **Train** to train one network per α of the sidebar: {alphas}.",
        "**학습**을 누르면 사이드바의 α마다 신경망을 하나씩 학습합니다: {alphas}.",
    ),
    "network.status_done": (
        "Trained {epochs|epoch} in {seconds:.2f} s.",
        "{epochs} 에폭을 {seconds:.2f}초 동안 학습했습니다.",
    ),
    "network.status_stopped": (
        "Stopped after {epochs|epoch}; the results so far are kept.",
        "{epochs} 에폭 후 중지했습니다. 지금까지의 결과는 남아 있습니다.",
    ),
    "network.status_withdrawn": (
        "Nothing was trained: the request left the line (it was stopped, or you left this page while "
        "it waited). Press **Train** to ask again.",
        "아무것도 학습하지 않았습니다. 기다리던 요청이 대기열에서 빠졌습니다(중지했거나, 기다리는 동안 이 "
        "페이지를 떠났습니다). 다시 하려면 **학습**을 누르세요.",
    ),
    "network.status_time_limit": (
        "Stopped at the time limit after {epochs|epoch}: each press of **Train** or **Continue** "
        "trains for at most {limit:.0f} s. The results so far are kept, and **Continue** trains "
        "further. Fewer epochs, fewer α values, a narrower network or a larger minibatch finish sooner.",
        "{epochs} 에폭 후 시간 제한에 걸려 멈췄습니다. **학습**이나 **이어서 학습**을 한 번 누를 "
        "때마다 최대 {limit:.0f}초 동안 학습합니다. 지금까지의 결과는 남아 있고, **이어서 학습**으로 "
        "더 학습할 수 있습니다. 에폭, α 개수, 유닛 수를 줄이거나 미니배치를 키우면 더 빨리 끝납니다.",
    ),
    "network.status_queued": (
        "Waiting for a free place: this server trains {running|sweep} at once and yours is number "
        "{place} in line. It starts by itself; leaving this page or closing the tab withdraws it.",
        "빈자리를 기다리는 중입니다. 이 서버는 한 번에 {running}개의 학습을 돌리며, 지금 {place}번째 "
        "차례입니다. 차례가 되면 저절로 시작합니다. 이 페이지를 떠나거나 탭을 닫으면 요청이 취소됩니다.",
    ),
    "network.status_failed": (
        "The training failed ({reason}). Press Train to try again.",
        "학습이 실패했습니다({reason}). 학습을 다시 눌러 보세요.",
    ),
    "network.status_released": (
        "This tab was away too long, so its training was stopped to free the server; the results so far "
        "are kept. Press Train to train again.",
        "이 탭이 너무 오래 연결되지 않아, 서버를 비우려고 학습을 멈췄습니다. 지금까지의 결과는 남아 "
        "있습니다. 다시 학습하려면 학습을 누르세요.",
    ),
    "network.default_scene": (
        "These curves are the default scene, trained once when the server started. Change the settings "
        "in the sidebar and press **Train** to train your own.",
        "이 곡선은 서버가 시작할 때 한 번 학습해 둔 기본 장면입니다. 사이드바에서 설정을 바꾸고 "
        "**학습**을 누르면 직접 학습할 수 있습니다.",
    ),
    "network.question_scene": (
        "These curves were trained on the server to compute the answer to this scene's question. "
        "Change the settings in the sidebar and press **Train** to train your own.",
        "이 곡선은 이 장면에 대한 질문의 답을 구하려고 서버에서 학습해 둔 것입니다. 사이드바에서 "
        "설정을 바꾸고 **학습**을 누르면 직접 학습할 수 있습니다.",
    ),
    "network.stop_help": (
        "Stops the training after the current epoch and keeps what it learned. (The Stop at the top of "
        "the page is hidden here: the training does not run in the page, so it could not stop it.)",
        "지금 에폭이 끝나면 학습을 멈추고, 그때까지 학습한 결과는 남겨 둡니다. (페이지 맨 위의 중지 "
        "버튼은 여기서 숨겼습니다. 학습은 페이지 안에서 돌지 않으므로 그 버튼으로는 멈출 수 없습니다.)",
    ),
    "network.settings_changed": (
        "The sidebar no longer matches the run shown here; press Train to train with the new settings.",
        "사이드바 설정이 여기 보이는 실행과 다릅니다. 새 설정으로 학습하려면 학습을 누르세요.",
    ),
    "network.diverged": (
        "α = {alpha}: diverged in epoch {epoch} (the numbers overflowed). Its curves end at epoch "
        "{last}. Try a smaller learning rate or α.",
        "α = {alpha}: {epoch}번째 에폭에서 발산했습니다(수치가 넘쳤습니다). 곡선은 {last}번째 에폭에서 "
        "끝납니다. 학습률이나 α를 줄여 보세요.",
    ),
    "network.diverged_at_once": (
        "α = {alpha}: diverged in its first epoch (the numbers overflowed), so it has no curves. "
        "Try a smaller learning rate or α.",
        "α = {alpha}: 첫 에폭에서 바로 발산해(수치가 넘쳤습니다) 곡선이 없습니다. 학습률이나 α를 줄여 "
        "보세요.",
    ),
    "network.branched": (
        "α = {alpha} continued from the network of α = {parent} after epoch {epoch}.",
        "α = {alpha|는} {epoch}번째 에폭 이후 α = {parent}의 신경망을 이어받아 학습했습니다.",
    ),
    "network.bad_input": ("This run cannot start: {reason}", "이 실행은 시작할 수 없습니다: {reason}"),
    "network.curves": ("During training", "학습 중의 변화"),
    "network.curves_caption": (
        "Per α, after every epoch: the training loss without the penalty (the mean over the epoch's "
        "minibatches, with dropout on when it is set), the validation loss and score "
        "({score}), the norm of the weight matrices (biases left out) and the share of their entries "
        "below 0.001 in size. With early stopping, a star marks each α's epoch of lowest validation loss: "
        "the network that is kept.",
        "α마다, 매 에폭 뒤에: 벌점을 뺀 학습 손실(에폭의 미니배치 손실 평균, 드롭아웃을 켰다면 적용한 채로), "
        "검증 손실과 점수({score}), 가중치 행렬의 노름 "
        "(편향 제외), 그리고 크기가 0.001보다 작은 원소의 비율. 조기 종료를 켜면 α마다 검증 손실이 가장 "
        "낮은 에폭, 곧 남겨 두는 신경망을 별로 표시합니다.",
    ),
    "network.score_accuracy": ("share of correct classes", "클래스를 맞힌 비율"),
    "network.score_r2": (
        "for this regression R² = 1 − squared error / variance: 1 is perfect, 0 is no better than "
        "predicting the mean, below 0 is worse",
        "이 회귀에서는 R² = 1 − 제곱 오차 / 분산: 1은 완벽, 0은 평균을 예측하는 것과 같고, 0보다 작으면 "
        "그보다 못함",
    ),
    "metric.train_loss": ("Training loss (data term)", "학습 손실 (데이터 텀)"),
    "metric.val_loss": ("Validation loss", "검증 손실"),
    "metric.val_accuracy": ("Validation accuracy", "검증 정확도"),
    "metric.val_r2": ("Validation R²", "검증 R²"),
    "metric.weight_norm": ("Weight norm ‖W‖", "가중치 노름 ‖W‖"),
    "metric.sparsity": ("Share of |w| < 0.001", "|w| < 0.001인 비율"),
    "axis.epoch": ("epoch", "에폭"),
    "axis.alpha": ("α", "α"),
    "axis.weight": ("weight value", "가중치 값"),
    "axis.loss": ("loss (data term)", "손실 (데이터 텀)"),
    "legend.alpha": ("α = {alpha}", "α = {alpha}"),
    "legend.diverged": ("α = {alpha} (diverged)", "α = {alpha} (발산)"),
    "legend.kept": ("α = {alpha} (kept: epoch {epoch})", "α = {alpha} ({epoch}번째 에폭 유지)"),
    "legend.kept_score": ("score at the kept epoch", "유지한 에폭의 점수"),
    "legend.last_score": ("score, last epoch", "마지막 에폭의 점수"),
    "legend.train": ("training", "학습"),
    "legend.val": ("validation", "검증"),
    "network.tab.sweep": ("Accuracy vs α", "α에 따른 정확도"),
    "network.tab.weights": ("Weights", "가중치"),
    "network.tab.boundary": ("Decision boundaries", "결정 경계"),
    "network.tab.code": ("PyTorch code", "PyTorch 코드"),
    "network.sweep_caption": (
        "Too little decay lets a network that can overfit fit the noise of the training set (low training "
        "loss, higher validation loss); too much keeps the weights so small that it cannot fit the data at "
        "all. Where the network overfits without decay, the validation loss is lowest at an α in between "
        "(try the scene “Too little or too much decay” or the two moons). Where it does not, as in the "
        "default run (20 epochs of plain SGD), every α > 0 only costs accuracy: the chapter's warning that "
        "weight decay can hinder learning. Nor can decay replace data: in the scene “Few samples, many "
        "features” (20 samples for 200 weights) every α still fits the training samples (training loss "
        "below 0.002). SGD moves the weights only within the 20 directions the samples span; in the other "
        "180 the random initial weights stay as they were, and at α = 0 they make most of the validation "
        "loss (0.33, against 0.02 with them removed). Decay shrinks that leftover away (at α = 1 less than "
        "2% of it is left), yet no α reaches an R² above 0. The training loss drawn is the mean over each "
        "epoch's minibatches, taken while the weights still move and with dropout on when it is set, so "
        "with dropout it can lie above the validation loss, which uses the whole network.",
        "감쇠가 너무 작으면 오버피팅할 수 있는 신경망이 학습 데이터의 잡음까지 맞춥니다 (학습 손실은 낮고 "
        "검증 손실은 높음). 너무 크면 가중치가 너무 작게 묶여 데이터를 맞추지 못합니다. 감쇠 없이 "
        "오버피팅하는 신경망이라면 검증 손실은 그 사이의 α에서 가장 낮습니다 (장면 “감쇠가 너무 작거나 "
        "너무 큼”이나 두 반달에서 확인해 보세요). 오버피팅하지 않는다면, 기본 실행(모멘텀 없는 SGD로 20 "
        "에폭)처럼 α > 0은 정확도만 깎습니다. 가중치 감쇠가 학습을 방해할 수 있다는 이 장의 경고 "
        "그대로입니다. 감쇠가 데이터를 대신하지도 못합니다. 장면 “표본은 적고 특성은 많을 때”(가중치 200개에 "
        "표본 20개)에서는 어떤 α도 여전히 학습 표본을 맞춥니다(학습 손실 0.002 미만). SGD는 표본이 펼치는 "
        "20개 방향 안에서만 가중치를 움직이고, 나머지 180개 방향에서는 무작위 초기 가중치가 그대로 남습니다. "
        "α = 0에서는 이 남은 초기 가중치가 검증 손실의 대부분을 차지합니다(0.33, 이를 빼면 0.02). 감쇠는 "
        "이 남은 부분을 줄여 없애지만(α = 1에서는 2%도 남지 않음), R² 값이 0을 넘는 α는 없습니다. 그려진 "
        "학습 손실은 에폭마다 미니배치 손실의 평균으로, 가중치가 아직 움직이는 동안, 드롭아웃을 켰다면 "
        "드롭아웃을 적용한 채로 잰 값입니다. 그래서 드롭아웃을 쓰면 신경망 전체로 재는 검증 손실보다 클 수도 "
        "있습니다.",
    ),
    "figure.sweep_accuracy": ("Final validation score per α", "α별 최종 검증 점수"),
    "figure.sweep_loss": (
        "Final training and validation loss per α",
        "α별 최종 학습 손실과 검증 손실",
    ),
    "figure.sweep_accuracy_kept": ("Validation score per α, early-stopped", "α별 검증 점수 (조기 종료)"),
    "figure.sweep_loss_kept": (
        "Training and validation loss per α at the kept epoch",
        "유지한 에폭에서 α별 학습 손실과 검증 손실",
    ),
    "figure.histograms": ("All weights of each network, per α", "α별 신경망의 모든 가중치"),
    "figure.filters": (
        "First-layer weights as 8×8 images (first {units|unit}; each row scaled to its largest |w|; "
        "white = 0)",
        "첫 계층의 가중치를 8×8 이미지로 (처음 {units}개 유닛, 행마다 가장 큰 |w|에 맞춤, 흰색 = 0)",
    ),
    "network.filters_caption": (
        "Every α started from the same weights, so each column shows the same unit after training with a "
        "different α. With L1, more and more pixels turn white (exactly or nearly zero). L2 shrinks the "
        "weights toward zero without making any exactly zero, but where the data pushes back little or not "
        "at all (pixels blank or almost blank in the training images, a unit that never fires: a dead ReLU) "
        "the decay wins: plain SGD multiplies them by (1 − 2α·lr) at every step (with momentum they "
        "shrink at another rate, still geometrically), so with a large α those weights fall below 0.001 "
        "too. That is why the near-zero share rises under L2 as well.",
        "모든 α가 같은 가중치에서 출발했으므로, 각 열은 같은 유닛이 다른 α로 학습된 모습입니다. L1에서는 "
        "흰 픽셀(0이거나 0에 가까운 값)이 점점 늘어납니다. L2는 가중치를 0 쪽으로 줄일 뿐 정확히 0으로 "
        "만들지는 않습니다. 다만 데이터가 거의 또는 전혀 밀어내지 않는 가중치(학습 이미지에서 늘 비어 "
        "있거나 거의 비어 있는 픽셀, 한 번도 켜지지 않는 유닛, 곧 죽은 ReLU)에서는 감쇠가 이깁니다. 모멘텀 "
        "없는 SGD는 스텝마다 이런 가중치에 (1 − 2α·lr)을 곱합니다(모멘텀이 있으면 비율은 달라도 "
        "역시 기하급수적으로 줄어듭니다). "
        "그래서 α가 크면 이런 가중치도 0.001 아래로 내려가고, "
        "L2에서도 0에 가까운 가중치의 비율이 오릅니다.",
    ),
    "network.boundary_caption": (
        "Colour: the network's probability of the orange class; dots: the 100 training points. Small α "
        "wraps the boundary around single points, large α flattens it.",
        "색: 주황 클래스일 확률, 점: 학습 데이터 100개. α가 작으면 경계가 점 하나하나를 감싸고, 크면 "
        "평평해집니다.",
    ),
    "network.boundary_only_moons": (
        "Decision boundaries are drawn for the 2-D two-moons data set.",
        "결정 경계는 2차원 두 반달 데이터셋에서 그립니다.",
    ),
    "network.diverged_views": ("Not shown (diverged): α = {alphas}", "표시하지 않음 (발산): α = {alphas}"),
    "network.code_intro": (
        "The same run as a standalone script with torch.optim, parameter groups included. It prints the "
        "final validation score and training loss. Its steps are the app's up to float rounding; over a "
        "long run, or one near divergence, those tiny differences can grow, so its final numbers may "
        "differ from the app's below, as two computers' runs would.",
        "같은 실행을 torch.optim으로 작성한 독립 스크립트입니다 (파라미터 그룹 포함). 최종 검증 점수와 학습 "
        "손실을 출력합니다. 스크립트의 스텝은 앱의 스텝과 부동소수점 반올림 정도로만 다릅니다. 다만 오래 "
        "학습하거나 발산에 가까운 실행에서는 그 작은 차이가 커져, 최종 값이 아래 앱의 값과 다를 수 "
        "있습니다. 서로 다른 컴퓨터에서 돌린 두 실행도 그렇습니다.",
    ),
    "network.code_result": (
        "The app's result for α = {alpha} after {epochs|epoch}: validation score {score:.4f}, training "
        "loss {loss:.4f}.",
        "앱의 결과 (α = {alpha}, {epochs} 에폭): 검증 점수 {score:.4f}, 학습 손실 {loss:.4f}.",
    ),
    "network.code_result_kept": (
        "The app's result for α = {alpha} with early stopping: the network of epoch {kept} (of "
        "{epochs|epoch} trained), validation score {score:.4f}, training loss {loss:.4f}. The script "
        'prints the same, with "epoch": {kept}.',
        "조기 종료를 켠 앱의 결과 (α = {alpha}): 학습한 {epochs} 에폭 가운데 {kept}번째 에폭의 신경망, "
        '검증 점수 {score:.4f}, 학습 손실 {loss:.4f}. 스크립트도 "epoch": {kept|와} 함께 같은 값을 '
        "출력합니다.",
    ),
    "network.code_not_trained": (
        "This α is not in the run shown; the script trains it from scratch.",
        "이 α는 표시된 실행에 없습니다. 스크립트가 처음부터 학습합니다.",
    ),
    "network.download": ("Download the script", "스크립트 내려받기"),
    "column.alpha": ("α", "α"),
    "column.weight_decay": ("weight_decay", "weight_decay"),
    "column.status": ("status", "상태"),
    "column.kept_epoch": ("kept epoch", "남긴 에폭"),
    "status.ok": ("trained", "학습됨"),
    "status.diverged": ("diverged in epoch {epoch}", "{epoch}번째 에폭에서 발산"),
    # --- end network ---
    # --- sparsity ---
    "page.sparsity": ("Many weights: sparsity", "많은 가중치: 희소성"),
    "sparsity.title": ("Many weights: where L1 makes exact zeros", "많은 가중치: L1이 정확한 0을 만드는 곳"),
    "sparsity.intro": (
        "On the 2-D landscape a single weight landed on zero. Here many weights are penalized at once, on "
        "real and on synthetic data. L1 sets many of them to exactly 0, so the model becomes sparse; L2 "
        "shrinks the weights as a whole (their norm) but sets none of them to 0.",
        "2차원 지형에서는 가중치 하나가 0에 닿았습니다. 여기서는 실제 데이터와 합성 데이터에서 많은 "
        "가중치에 한꺼번에 벌점을 줍니다. L1은 그중 여럿을 정확히 0으로 만들어 모델을 희소하게 하고, L2는 "
        "가중치 전체의 크기(노름)를 줄이지만 0으로 만드는 가중치는 없습니다.",
    ),
    "field.s_view": ("Section", "주제"),
    "choice.s_view.paths": ("1. Regularization paths", "1. 정규화 경로"),
    "choice.s_view.iterations": ("2. Sparsity over the iterations", "2. 반복할수록 드러나는 희소성"),
    "choice.s_view.montecarlo": ("3. How often does L1 give a zero?", "3. L1은 얼마나 자주 0을 만들까?"),
    "choice.s_view.layer": (
        "4. Why: a layer as a web of connections",
        "4. 왜 그럴까: 연결망으로 본 선형 계층",
    ),
    "sparsity.sizes": (
        "Sizes and seed: n = {n}, d = {d}, {k} truly non-zero, seed {seed}",
        "크기와 시드: n = {n}, d = {d}, 실제 0이 아닌 가중치 {k}개, 시드 {seed}",
    ),
    "field.s_problem": ("Data set", "데이터셋"),
    "choice.s_problem.synthetic": ("Synthetic: few samples, many features", "합성: 표본은 적고 특성은 많음"),
    "choice.s_problem.diabetes": ("Diabetes (real data, 442 × 10)", "당뇨병 (실제 데이터, 442 × 10)"),
    "field.s_samples": ("Samples n", "표본 수 n"),
    "field.s_features": ("Features d", "특성 수 d"),
    "field.s_nonzero": ("Truly non-zero weights", "실제로 0이 아닌 가중치 수"),
    "field.s_seed": ("Random seed", "난수 시드"),
    "help.s_seed": (
        "One seed for the synthetic data, the random start of the descents, the random losses and the "
        "layer's data: the same seed always gives the same page.",
        "합성 데이터, 경사 하강의 무작위 시작점, 무작위 손실 함수, 계층의 데이터에 모두 쓰이는 시드입니다. "
        "시드가 같으면 언제나 같은 화면이 나옵니다.",
    ),
    "field.s_alpha": ("α: penalty strength", "α: 벌점 세기"),
    "help.s_alpha": (
        "One α for the whole page. L2 is α‖W‖² (no ½), so in PyTorch it is weight_decay = 2α, not α as the "
        "chapter's text has it (weight_decay is 0 unless set; AdamW's default is 0.01); the elastic net's "
        "L2 part gives weight_decay = 2α(1 − l1_ratio); L1 is α‖W‖₁, added to the loss (PyTorch has no L1 "
        "weight_decay).",
        "이 페이지의 모든 그림에 함께 쓰이는 α입니다. L2는 α‖W‖²(½ 없음)이므로 PyTorch에서는 weight_decay = "
        "2α입니다(이 장의 본문은 α라고 쓰지만 이 표기에서는 2α입니다. weight_decay는 따로 정하지 않으면 "
        "0이고, AdamW만 기본값이 0.01입니다). 엘라스틱넷의 L2 부분은 weight_decay = 2α(1 − l1_ratio)이고, "
        "L1은 α‖W‖₁이며 손실에 더합니다(PyTorch에는 L1 weight_decay가 없습니다).",
    ),
    "field.s_penalty": ("Penalty on the layer", "계층에 줄 벌점"),
    "choice.s_penalty.l1": ("L1", "L1"),
    "choice.s_penalty.l2": ("L2", "L2"),
    "choice.s_penalty.elasticnet": ("Elastic net", "엘라스틱넷"),
    "field.s_l1_ratio": ("Elastic net: share of L1 (l1_ratio)", "엘라스틱넷: L1의 비중 (l1_ratio)"),
    "field.s_steps": ("Steps", "스텝 수"),
    "field.s_losses": ("Number of random losses", "무작위 손실 함수의 개수"),
    "field.s_shape": ("Shape of the losses", "손실 함수의 모양"),
    "choice.s_shape.elliptic": ("elliptic, rotated", "회전된 타원형"),
    "choice.s_shape.circular": ("circular bowls", "원형"),
    "field.s_spread": ("How far the centres lie (in budgets t)", "중심이 놓이는 범위 (제약 크기 t의 배수)"),
    "help.s_spread": (
        "The centres W* are spread uniformly over a square of this half-side, measured in units of the "
        "budget t.",
        "손실 함수의 중심 W*는 정사각형 안에 고르게 뿌려집니다. 이 값은 그 정사각형의 한 변의 절반을 "
        "제약 크기 t의 배수로 나타냅니다.",
    ),
    "preset.lasso_selects": ("L1 picks the true features", "L1이 진짜 특성을 골라냄"),
    "preset.ridge_keeps_all": ("L2 keeps every link", "L2는 모든 연결을 남김"),
    "preset.real_data": ("Real data: diabetes", "실제 데이터: 당뇨병"),
    "preset.subgradient_chatters": ("Subgradient chatters around 0", "서브그레이디언트는 0 근처에서 떨림"),
    "preset.symmetric_bowls": ("Circular bowls (Parr's 66%)", "원형 손실 함수 (Parr의 66%)"),
    "preset.centres_near_the_ball": (
        "Centres near the ball: fewer zeros",
        "중심이 제약 영역에 가까우면: 0이 줄어듦",
    ),
    "sparsity.paths.title": (
        "1. Regularization paths: every weight against α",
        "1. 정규화 경로: α에 따른 모든 가중치",
    ),
    "sparsity.paths.synthetic": (
        "Synthetic data: {n|sample}, {d|feature}, and only {k} of them truly {k|~matters|matter} (in "
        "colour); the grey ones have a true weight of 0.",
        "합성 데이터: 표본 {n}개, 특성 {d}개이고, 그중 실제로 의미 있는 것은 {k}개(색칠된 선)뿐입니다. "
        "회색 선들의 참 가중치는 0입니다.",
    ),
    "sparsity.paths.diabetes": (
        "Diabetes data shipped with scikit-learn: 442 patients, 10 measurements, each standardized; the "
        "target (disease progression a year later) is standardized too, so at W = 0 the data loss is ½ and "
        "α is weighed against that. The synthetic target is not standardized (its spread comes from the "
        "true weights and the noise), so the same α weighs differently there.",
        "scikit-learn에 들어 있는 당뇨병 데이터: 환자 442명, 측정값 10개이며 모두 표준화했습니다. "
        "목표값(1년 뒤 병의 진행 정도)도 표준화했으므로 W = 0에서 데이터 손실은 ½이고, α는 이 크기에 "
        "견주어집니다. 합성 데이터의 목표값은 표준화하지 않았으므로(퍼진 정도가 참 가중치와 잡음에서 나옴) "
        "같은 α라도 무게가 다릅니다.",
    ),
    "sparsity.paths.caption": (
        "Each line is one weight of the exact optimum Ŵ(α), from barely penalized (left) to crushed "
        "(right); a weight that is exactly 0 at every α lies on the zero line. Below each panel, how many "
        "weights are exactly 0. The dotted line and the dots mark the α you chose.",
        "선 하나하나가 정확한 최적점 Ŵ(α)의 가중치 하나입니다. 왼쪽은 벌점이 거의 없고 오른쪽은 벌점이 "
        "압도적입니다. 모든 α에서 정확히 0인 가중치는 0을 나타내는 가로선 위에 겹쳐 있습니다. 아래 "
        "그래프는 정확히 0인 가중치의 개수를 보여 줍니다. 점선과 점은 고른 α를 표시합니다.",
    ),
    "sparsity.paths.panel.l1": ("L1: α‖W‖₁", "L1: α‖W‖₁"),
    "sparsity.paths.panel.l2": ("L2: α‖W‖²", "L2: α‖W‖²"),
    "sparsity.paths.panel.elasticnet": (
        "Elastic net, l1_ratio = {r}",
        "엘라스틱넷, l1_ratio = {r}",
    ),
    "sparsity.paths.alpha_axis": ("α (log scale)", "α (로그 눈금)"),
    "sparsity.paths.coef_axis": ("weight w<sub>j</sub>", "가중치 w<sub>j</sub>"),  # plotly's subscript
    "sparsity.paths.zeros_axis": ("exact zeros", "정확한 0의 개수"),
    "sparsity.paths.zeros_hover": ("exact zeros: %{y}", "정확한 0: %{y}개"),
    "sparsity.paths.readout": (
        "At α = {alpha}, the exact optimum has **{l1} of {d|weight}** exactly 0 with L1, **{l2}** with L2, "
        "and **{en}** with the elastic net.",
        "α = {alpha}에서 정확한 최적점의 가중치 {d}개 가운데 정확히 0인 것은 L1이 **{l1}개**, L2가 "
        "**{l2}개**, 엘라스틱넷이 **{en}개**입니다.",
    ),
    "sparsity.paths.at_most_n": (
        "With fewer samples than features (n = {n} < d = {d}), the L1 optimum keeps at most n = {n|weight} "
        "non-zero, however small α gets: its count of zeros never drops below d − n = {d} − {n}.",
        "표본이 특성보다 적으면(n = {n} < d = {d}) α가 아무리 작아도 L1 최적점에서 0이 아닌 가중치는 "
        "많아야 n = {n}개입니다. 그래서 0의 개수가 d − n = {d} − {n}보다 줄지 않습니다.",
    ),
    "sparsity.iterations.title": (
        "2. Sparsity emerging over the iterations",
        "2. 반복할수록 드러나는 희소성",
    ),
    "sparsity.iterations.caption": (
        "The same data and α, descended from one random start in three ways with one step size ({lr}). "
        "Press ▶ Play. Proximal: a gradient step on the data loss, then soft-thresholding, which sets small "
        "weights to exactly 0 and holds them there while the data pull on them stays below α. Subgradient: "
        "the step pushes each weight by lr·α toward 0, so a weight near 0 jumps from one side to the other "
        "and practically never lands on 0. L2: each step multiplies every weight by the same factor 1 − "
        "2α·lr (the decay) and adds the data gradient step, which moves each weight its own way; the "
        "weights shrink as a whole and none lands on 0.",
        "같은 데이터와 α로, 하나의 무작위 시작점에서 같은 학습률({lr})로 세 가지 방법의 경사 하강을 합니다. "
        "▶ 재생을 눌러 보세요. 근접 스텝은 데이터 손실로 경사 하강 스텝을 밟은 뒤 소프트 임계값을 적용해 "
        "작은 가중치를 정확히 0으로 만들고, 데이터가 당기는 힘이 α보다 작은 동안 그대로 둡니다. "
        "서브그레이디언트 스텝은 가중치를 lr·α만큼 0 쪽으로 밀므로 0 근처의 가중치가 양쪽을 오가며 사실상 "
        "0에 내려앉지 못합니다. L2는 스텝마다 모든 가중치에 같은 수 1 − 2α·lr을 곱하고(감쇠) 데이터 손실의 "
        "기울기 스텝을 더하는데, 이 스텝은 가중치마다 다르게 움직입니다. 가중치는 전체로는 작아지지만 0에 "
        "내려앉는 것은 없습니다.",
    ),
    "sparsity.iterations.run.l1_proximal": ("L1, proximal step", "L1, 근접 스텝"),
    "sparsity.iterations.run.l1_subgradient": ("L1, subgradient step", "L1, 서브그레이디언트 스텝"),
    "sparsity.iterations.run.l2": ("L2, gradient step", "L2, 경사 하강 스텝"),
    "sparsity.iterations.count": (
        "exactly 0: {zeros}/{d}<br>|w| < {band}: {near}",
        "정확히 0: {zeros}/{d}<br>|w| < {band}: {near}",
    ),
    "sparsity.iterations.exact": ("exactly 0", "정확히 0"),
    "sparsity.iterations.weight_axis": ("weight value", "가중치 값"),
    "sparsity.iterations.count_axis": ("number of weights", "가중치 개수"),
    "sparsity.iterations.step_axis": ("step", "스텝"),
    "sparsity.iterations.zeros_axis": ("exact zeros", "정확한 0의 개수"),
    "sparsity.iterations.readout": (
        "After {steps|step}: **{prox} of {d|weight}** {prox|~is|are} exactly 0 with the proximal step (the "
        "exact optimum has {exact}), **{sub}** with the subgradient step, **{l2}** with L2.",
        "{steps} 스텝 뒤 정확히 0인 가중치: 근접 스텝 **{prox}/{d}개**(정확한 최적점은 {exact}개), "
        "서브그레이디언트 스텝 **{sub}개**, L2 **{l2}개**.",
    ),
    "sparsity.iterations.l2_grew": (
        "With L2, **{grew} of {d|weight}** end larger in size than at the random start: the decay shrinks "
        "every weight by one factor, the data gradient does not.",
        "L2에서는 가중치 {d}개 중 **{grew}개**가 무작위 시작점보다 크기가 커진 채 끝납니다. 감쇠는 모든 "
        "가중치를 같은 비율로 줄이지만 데이터 손실의 기울기는 그렇지 않습니다.",
    ),
    "sparsity.montecarlo.title": ("3. How often does L1 give a zero?", "3. L1은 얼마나 자주 0을 만들까?"),
    # what is drawn at random, by loss shape (decayviz.sparsity.random_losses)
    "sparsity.montecarlo.randomness.elliptic": (
        "random centre W*, curvatures and rotation",
        "중심 W*, 곡률, 회전이 모두 무작위입니다",
    ),
    "sparsity.montecarlo.randomness.circular": (
        "random centre W* and curvature, the same in every direction (so a rotation changes nothing)",
        "중심 W*와 곡률이 무작위이고, 곡률은 모든 방향으로 같습니다(그래서 회전해도 달라지지 않습니다)",
    ),
    "sparsity.montecarlo.caption": (
        "{count} random 2-D quadratic losses ({shape}): {randomness}. For "
        "each, the best point inside the L1 diamond ‖W‖₁ ≤ t and the best point inside the L2 circle ‖W‖₂ ≤ "
        "t, both computed exactly. The budget is matched: the same t for both, so the diamond's corners "
        "touch the circle and both reach exactly t along each axis. The centres are uniform in a square of "
        "half-side {spread}·t, keeping only those outside the circle, so that both constraints bind.",
        "무작위 2차원 이차 손실 함수 {count}개({shape}): {randomness}. 각각에 "
        "대해 L1 마름모 ‖W‖₁ ≤ t 안의 최적점과 L2 원 ‖W‖₂ ≤ t 안의 최적점을 정확히 구합니다. 제약의 "
        "크기는 같게 맞춥니다. 두 영역 모두 같은 t를 써서 마름모의 꼭짓점이 원에 닿고, 두 영역이 각 축 "
        "방향으로 정확히 t까지 뻗습니다. 중심은 한 변의 절반이 {spread}·t인 정사각형에서 고르게 뽑되, "
        "두 제약이 모두 작동하도록 원 바깥의 것만 씁니다.",
    ),
    "sparsity.montecarlo.shown": (
        "The left chart draws the first {shown} of them; the shares count all {count}.",
        "왼쪽 차트에는 그 가운데 처음 {shown}개만 그리고, 비율은 {count}개 모두로 셉니다.",
    ),
    "sparsity.montecarlo.metric.l1": ("L1: a weight exactly 0", "L1: 가중치가 정확히 0"),
    "sparsity.montecarlo.metric.l2": ("L2: a weight exactly 0", "L2: 가중치가 정확히 0"),
    "sparsity.montecarlo.metric.l2_almost": (
        "L2: a weight within 5% of t of 0",
        "L2: 가중치가 0에서 t의 5% 이내",
    ),
    "sparsity.montecarlo.corner": (
        "L1 optimum on a corner: a weight is exactly 0",
        "L1 최적점이 꼭짓점에: 가중치 하나가 정확히 0",
    ),
    "sparsity.montecarlo.edge": (
        "L1 optimum on an edge: both weights non-zero",
        "L1 최적점이 변 위: 두 가중치 모두 0이 아님",
    ),
    "sparsity.montecarlo.ball.l1": ("L1 ball ‖W‖₁ ≤ t", "L1 제약 영역 ‖W‖₁ ≤ t"),
    "sparsity.montecarlo.ball.l2": ("L2 ball ‖W‖₂ ≤ t", "L2 제약 영역 ‖W‖₂ ≤ t"),
    "sparsity.montecarlo.share.exact": ("a weight exactly 0", "가중치가 정확히 0"),
    "sparsity.montecarlo.share.almost": ("a weight within {tol} of t of 0", "가중치가 0에서 t의 {tol} 이내"),
    "sparsity.montecarlo.share_axis": ("share of the losses (%)", "손실 함수 중 비율 (%)"),
    "sparsity.montecarlo.panel.centres": ("Centres W* of the losses", "손실 함수의 중심 W*"),
    "sparsity.montecarlo.panel.shares": ("How often a weight is 0", "가중치가 0이 되는 비율"),
    "sparsity.montecarlo.parr": (
        "For comparison, Terence Parr's explained.ai article reports about 72% for L1 and 5% for L2 on "
        "general random losses (66% and 3% on circular ones). Here L1 gives **{l1}**. How close that comes "
        "to his figure depends on how the random losses are drawn, not on how zeros are counted: the share "
        "grows the farther the centres lie outside the ball, because the orange wedges behind the corners "
        "widen with distance while the strips behind the edges do not (try the spread of the centres). L2 "
        "gives **{l2}** exact zeros: for L2 a zero needs W* on one special line, a chance of nothing. So an "
        "L2 figure like Parr's can only count optima that land close to an axis, as a search on a grid "
        "does; counted within 5% of t, we find **{l2_almost}**.",
        "비교하자면, Terence Parr의 explained.ai 글은 일반적인 무작위 손실 함수에서 L1이 약 72%, L2가 5%, "
        "원형 손실 함수에서는 66%와 3%라고 보고합니다. 여기서 얻은 L1의 비율은 **{l1}입니다**. 이 값이 "
        "Parr의 수치에 얼마나 가까운지는 0을 세는 방식이 아니라 무작위 손실 함수를 뽑는 방식에 달려 "
        "있습니다. 중심이 제약 영역에서 멀수록 비율이 커지는데, 꼭짓점 뒤의 주황색 쐐기 영역은 멀어질수록 "
        "넓어지지만 변 뒤의 띠는 넓어지지 않기 때문입니다(중심이 놓이는 범위를 바꿔 보세요). L2에서 정확히 "
        "0이 되는 비율은 **{l2}입니다**. L2로 0을 얻으려면 W*가 특정한 직선 위에 정확히 놓여야 하고 그럴 "
        "확률은 0이기 때문입니다. 그러니 Parr의 것과 같은 L2 수치는 격자 위에서 찾을 때처럼 축에 가까이 간 "
        "최적점을 센 것일 수밖에 없습니다. t의 5% 이내를 0으로 치면 여기서는 **{l2_almost}입니다**.",
    ),
    "sparsity.layer.title": (
        "4. Why: a layer as a web of connections",
        "4. 왜 그럴까: 연결망으로 본 선형 계층",
    ),
    "sparsity.layer.caption": (
        "A linear layer with 8 inputs and 4 outputs, fitted to data. Each line is one weight W_ij, the "
        "strength of the link from input j to output i: blue positive, orange negative, width ∝ |W_ij|, "
        "dotted when exactly 0. Left the plain fit, right the fit with the penalty and α chosen in the "
        "sidebar.",
        "입력 8개, 출력 4개인 선형 계층을 데이터에 맞췄습니다. 선 하나가 가중치 W_ij 하나, 곧 입력 j에서 "
        "출력 i로 가는 연결의 세기입니다. 파랑은 양수, 주황은 음수, 굵기는 |W_ij|에 비례하고, 정확히 0이면 "
        "점선입니다. 왼쪽은 벌점 없이, 오른쪽은 사이드바에서 고른 벌점과 α로 맞춘 결과입니다.",
    ),
    "sparsity.layer.plain": ("No penalty", "벌점 없음"),
    "sparsity.layer.penalized": ("{penalty}, α = {alpha}", "{penalty}, α = {alpha}"),
    "sparsity.layer.panel": (
        "{title}: {zeros} of {total|link} {zeros|~is|are} 0",
        "{title}: 연결 {total}개 중 {zeros}개가 0",
    ),
    "sparsity.layer.why": (
        "This is the chapter's reason for weight decay, made visible: the penalty charges every link for "
        "its strength, so no output can lean hard on many inputs. L2 shrinks the links as a whole but cuts "
        "none; L1 cuts the weak lines altogether.",
        "이 장에서 말한 가중치 감쇠의 이유를 눈으로 확인할 수 있습니다. 벌점은 연결이 셀수록 더 큰 대가를 "
        "물리므로, 어떤 출력도 여러 입력에 강하게 기댈 수 없습니다. L2는 연결 전체를 가늘게 하지만 끊지는 "
        "않고, L1은 약한 선을 아예 끊습니다.",
    ),
    "sparsity.layer.counts": (
        "Here, against the plain fit: **{thinner} of {total|link}** are thinner and {thicker} thicker, and "
        "**{zeros}** are exactly 0.",
        "여기서 벌점 없이 맞춘 결과와 비교하면, 연결 {total}개 중 **{thinner}개**는 가늘어지고 "
        "{thicker}개는 굵어졌으며, **{zeros}개**는 정확히 0입니다.",
    ),
    "sparsity.layer.some_thicker": (
        "Some links grow: the penalty shrinks the layer as a whole, not every link.",
        "굵어진 연결도 있습니다. 벌점은 연결 하나하나가 아니라 계층 전체를 줄입니다.",
    ),
    "sparsity.layer.kept_same": (
        "Every output keeps {kept_min} of the {inputs|input}.",
        "모든 출력이 입력 {inputs}개 중 {kept_min}개와의 연결을 유지합니다.",
    ),
    "sparsity.layer.kept_range": (
        "Each output keeps between {kept_min} and {kept_max} of the {inputs|input}.",
        "각 출력은 입력 {inputs}개 중 {kept_min}~{kept_max}개와의 연결을 유지합니다.",
    ),
    # --- end sparsity ---
    # --- landscape ---
    # a non-breaking hyphen: the presentation view's larger title wrapped inside "2-D" on a phone
    "landscape.title": ("Weight decay on a 2‑D loss landscape", "2차원 손실 지형 위의 가중치 감쇠"),
    "landscape.intro": (
        "Training slides from the initial weights W₀ toward W*, the minimum of the data loss. A penalty on "
        "the size of W stops it short: on a circle for L2, on a diamond for L1, often at one of its "
        "corners, where a weight is exactly 0.",
        "학습은 초기 가중치 W₀에서 데이터 손실의 최솟점 W*를 향해 미끄러집니다. 가중치 크기에 벌점을 주면 "
        "도중에 멈춥니다. L2는 원 위에서, L1은 마름모 위에서 멈추는데, 가중치 하나가 정확히 0인 꼭짓점에서 "
        "멈추는 경우가 많습니다.",
    ),
    "landscape.group.loss": (
        "Data loss: W* = ({wx}, {wy}), curvatures {c1} and {c2}, turned {angle}°",
        "데이터 손실: W* = ({wx}, {wy}), 곡률 {c1|과} {c2}, 회전 {angle}°",
    ),
    "landscape.group.start": ("Initial weights W₀ = ({w0x}, {w0y})", "초기 가중치 W₀ = ({w0x}, {w0y})"),
    "field.wx": ("W* first coordinate w₁", "W*의 첫째 좌표 w₁"),
    "field.wy": ("W* second coordinate w₂", "W*의 둘째 좌표 w₂"),
    "field.c1": ("Curvature along the first axis", "첫째 축 방향의 곡률"),
    "field.c2": ("Curvature along the second axis", "둘째 축 방향의 곡률"),
    "field.angle": ("Rotation of the ellipse (degrees)", "타원의 회전각(도)"),
    "field.w0x": ("W₀ first coordinate", "W₀의 첫째 좌표"),
    "field.w0y": ("W₀ second coordinate", "W₀의 둘째 좌표"),
    "field.penalty": ("Penalty", "벌점 종류"),
    "field.alpha": ("Strength α", "세기 α"),
    "field.l1_ratio": ("Share of L1 in the elastic net (l1_ratio)", "엘라스틱넷에서 L1의 비중 (l1_ratio)"),
    "field.opt": ("Update rule", "갱신 규칙"),
    "field.lr": ("Learning rate", "학습률"),
    "field.steps": ("Number of steps", "스텝 수"),
    "help.alpha": (
        "How much the penalty weighs against the data loss. 0 switches it off.",
        "벌점이 데이터 손실에 비해 얼마나 무거운지 정합니다. 0이면 벌점이 없습니다.",
    ),
    "help.c1": (
        "How steeply the loss rises along this axis of the ellipse (an eigenvalue of the Hessian).",
        "타원의 이 축을 따라 손실이 얼마나 가파르게 오르는지(헤시안의 고윳값)입니다.",
    ),
    "help.c2": (
        "How steeply the loss rises along this axis of the ellipse (an eigenvalue of the Hessian).",
        "타원의 이 축을 따라 손실이 얼마나 가파르게 오르는지(헤시안의 고윳값)입니다.",
    ),
    "help.opt": (
        "Gradient descent, momentum (heavy-ball or Nesterov) and Adam add the penalty's gradient to the loss "
        "gradient (Adam before "
        "its adaptive scaling). AdamW applies the L2 part as a decay of the weights outside it (decoupled); "
        "torch has no decoupled L1, so an L1 part goes into the gradient as with Adam. The proximal step "
        "handles the penalty exactly and can land on 0.",
        "경사 하강법, 모멘텀(헤비볼, 네스테로프), Adam은 벌점의 기울기를 손실의 기울기에 더합니다"
        "(Adam은 적응형 스케일링 전에). "
        "AdamW는 L2 부분을 그 바깥에서 가중치 감쇠로 적용합니다(분리). torch에는 분리된 L1이 없으므로 L1 "
        "부분은 Adam처럼 기울기에 더합니다. 근접(proximal) 스텝은 벌점을 따로 정확히 처리하므로 "
        "가중치가 0에 딱 닿을 수 있습니다.",
    ),
    "choice.penalty.none": ("None", "없음"),
    "choice.penalty.l2": ("L2: α‖W‖₂²", "L2: α‖W‖₂²"),
    "choice.penalty.l1": ("L1: α‖W‖₁", "L1: α‖W‖₁"),
    "choice.penalty.elasticnet": ("Elastic net (L1 + L2)", "엘라스틱넷 (L1 + L2)"),
    "choice.opt.gd": (
        "Gradient descent (penalty in the gradient; subgradient for L1)",
        "경사 하강법 (기울기에 벌점 포함, L1은 서브그레이디언트)",
    ),
    "choice.opt.momentum": ("Momentum (penalty in the gradient)", "모멘텀 (기울기에 벌점 포함)"),
    "choice.opt.nesterov": (
        "Nesterov momentum (penalty in the gradient)",
        "네스테로프 모멘텀 (기울기에 벌점 포함)",
    ),
    "choice.opt.adam": ("Adam (penalty in the gradient)", "Adam (기울기에 벌점 포함)"),
    # the update rules' chains, one label per transform (decayviz.rules), composed by chain_text
    "rule.step.gradient": ("gradient", "기울기"),
    "rule.step.l1": ("L1 subgradient α₁·sign(W)", "L1 서브그레이디언트 α₁·sign(W)"),
    "rule.step.decay": ("weight decay λ·W", "가중치 감쇠 λ·W"),
    "rule.step.momentum": ("momentum", "모멘텀"),
    "rule.step.nesterov": ("Nesterov momentum", "네스테로프 모멘텀"),
    "rule.step.adam": ("Adam scaling", "Adam 스케일링"),
    "rule.step.step": ("step −lr", "스텝 −lr"),
    "rule.step.prox": ("prox of the penalty", "벌점의 근접 연산"),
    # a rule without a penalty: nothing in bold to point at
    "landscape.chain_plain": ("One update of {rule}: {chain}.", "{rule}의 갱신 한 번: {chain}."),
    "landscape.chain": (
        "One update of {rule}: {chain} (the penalty's pieces in bold; λ is PyTorch's weight_decay, 2α for "
        "L2 and 2α(1 − l1_ratio) for the elastic net, and α₁ the L1 part's strength, α for L1 and "
        "α·l1_ratio for the elastic net).",
        "{rule}의 갱신 한 번: {chain} (굵은 글씨가 벌점이 들어가는 곳. λ는 PyTorch의 weight_decay로 L2에서는 "
        "2α, 엘라스틱넷에서는 2α(1 − l1_ratio)이고, α₁은 L1 부분의 세기로 L1에서는 α, 엘라스틱넷에서는 "
        "α·l1_ratio).",
    ),
    "choice.opt.adamw": ("AdamW (decoupled L2 decay)", "AdamW (분리된 L2 감쇠)"),
    "choice.opt.proximal": (
        "Proximal gradient (penalty by its prox: exact zeros)",
        "근접 경사법 (벌점은 근접 연산으로: 정확한 0)",
    ),
    "preset.l2_shrinks": ("L2 shrinks the weights", "L2는 가중치를 줄임"),
    "preset.l1_zero": ("L1 makes a weight exactly zero", "L1은 가중치를 정확히 0으로"),
    "preset.alpha_too_large": ("α too large: stuck near 0", "α가 너무 큼: 0 근처에 갇힘"),
    "preset.chatter": ("Subgradient chatter vs proximal", "서브그레이디언트의 떨림 vs 근접 스텝"),
    "preset.adam_vs_adamw": ("Adam+L2 vs AdamW", "Adam+L2 vs AdamW"),
    "preset.diverges": ("Learning rate too large", "너무 큰 학습률"),
    "landscape.step": ("step", "스텝"),
    "landscape.loss": ("loss", "손실"),
    "landscape.trace.now": ("current weights", "현재 가중치"),
    "landscape.trace.path": ("descent path", "하강 경로"),
    "landscape.trace.ghost": ("without penalty", "벌점이 없을 때"),
    "landscape.trace.companion": ("compare: {optimizer}", "비교: {optimizer}"),
    "landscape.trace.level": ("loss contour through Ŵ(α)", "Ŵ(α)를 지나는 손실 등고선"),
    "landscape.trace.ball.l2": ("circle ‖W‖₂ = t", "원 ‖W‖₂ = t"),
    "landscape.trace.ball.l1": ("diamond ‖W‖₁ = t", "마름모 ‖W‖₁ = t"),
    "landscape.trace.ball.elasticnet": ("elastic-net ball of size t", "크기 t의 엘라스틱넷 제약 영역"),
    "landscape.inset": ("zoom ×{zoom}", "{zoom}배 확대"),
    "landscape.tradeoff.cost": ("data loss L(Ŵ(α))", "데이터 손실 L(Ŵ(α))"),
    "landscape.tradeoff.title": (
        "At the exact optimum, as α grows: L(Ŵ(α)) rises, t falls (here α = {alpha})",
        "정확한 최적점에서 α가 커지면 L(Ŵ(α))는 커지고 t는 작아집니다 (지금 α = {alpha})",
    ),
    "landscape.trace.regpath": ("Ŵ(α) as α grows", "α가 커질 때의 Ŵ(α)"),
    "landscape.trace.box": ("AdamW box ‖W‖∞ ≤ {c}", "AdamW 상자 ‖W‖∞ ≤ {c}"),
    "landscape.trace.optimum": ("exact optimum Ŵ(α)", "정확한 최적점 Ŵ(α)"),
    "landscape.term.data_loss": ("(1) data loss L(W)", "(1) 데이터 손실 L(W)"),
    "landscape.term.penalty": ("(2) penalty", "(2) 벌점"),
    "landscape.term.total": ("(1) + (2) total", "(1) + (2) 전체 손실"),
    "landscape.terms.title": ("The two terms fight", "두 텀의 줄다리기"),
    "landscape.terms.title_none": ("One term: the data loss", "텀은 하나: 데이터 손실"),
    "landscape.terms.caption_none": (
        "With no penalty (α = 0, or Penalty set to “None”) there is one term: the descent lowers the data "
        "loss (1) toward its minimum at W*, and nothing pulls back.",
        "벌점이 없으면(α = 0이거나 벌점 종류가 ‘없음’이면) 텀은 하나뿐입니다. 경사 하강은 데이터 손실 (1)을 "
        "W*의 최솟값 쪽으로 줄여 가고, 되당기는 것은 없습니다.",
    ),
    "landscape.terms.caption": (
        "Near the exact optimum Ŵ(α) the two terms pull against each other: any small step that lowers the "
        "data loss (1), toward W*, raises the penalty (2) at least as much, and the other way round. The "
        "total settles there; dotted lines mark the two terms' values at Ŵ(α).",
        "정확한 최적점 Ŵ(α) 근처에서는 두 텀이 서로 반대로 당깁니다. 데이터 손실 (1)을 줄이려고 W* 쪽으로 "
        "조금 움직이면 벌점 (2)가 적어도 그만큼 커지고, 반대도 마찬가지입니다. 전체 손실은 그곳에 자리 "
        "잡습니다. 점선은 Ŵ(α)에서 두 텀의 값입니다.",
    ),
    "landscape.terms.together": (
        "In this run the penalty (2) first falls, to its lowest at step {step}, and then rises again: from "
        "W₀ both terms can fall together, and the tug of war starts only near Ŵ(α).",
        "이번 실행에서 벌점 (2)는 먼저 줄어 {step}번째 스텝에서 가장 작아졌다가 다시 커집니다. W₀에서 "
        "출발하면 두 텀이 함께 줄 수도 있고, 줄다리기는 Ŵ(α) 근처에서야 시작됩니다.",
    ),
    "landscape.diverged.gd": (
        "Diverged at step {step}: the weights blew up. Each gradient descent step multiplies the error "
        "along the steepest direction by 1 − lr·{whole_p}, where {whole} = {total} is the largest curvature "
        "of the whole loss ({parts}). With learning rate {lr} that factor is below −1: each step jumps "
        "past the bottom of the valley to a point farther from it than where it started. Gradient descent is "
        "stable for lr < 2/{whole_p} = {limit}.",
        "{step}번째 스텝에서 발산했습니다. 가중치가 폭발했습니다. 경사 하강법은 스텝마다 가장 가파른 방향의 "
        "오차에 1 − lr·{whole_p|를} 곱합니다. {whole|는} 전체 손실의 가장 큰 곡률로, {parts} "
        "{whole} = {total}입니다. "
        "학습률 {lr}에서는 이 수가 −1보다 작아서, 스텝마다 골짜기 바닥을 지나 출발점보다 더 먼 곳으로 "
        "넘어갑니다. "
        "경사 하강법은 lr < 2/{whole_p} = {limit}일 때 안정적입니다.",
    ),
    "landscape.diverged.momentum": (
        "Diverged at step {step}: the weights blew up. Heavy-ball momentum (μ = 0.9) adds a share μ of the "
        "previous step to each new one, so along the steepest direction it tolerates a larger learning rate "
        "than gradient descent, but only up to lr < 2(1 + μ)/{whole_p} = {limit}, where {whole} = {total} "
        "is the "
        "largest curvature of the whole loss ({parts}). With learning rate {lr} the oscillation grows with "
        "every step.",
        "{step}번째 스텝에서 발산했습니다. 가중치가 폭발했습니다. 헤비볼 모멘텀(μ = 0.9)은 새 스텝마다 이전 "
        "스텝의 μ만큼을 더하므로, 가장 가파른 방향에서 경사 하강법보다 큰 학습률을 견딥니다. 그래도 lr < "
        "2(1 + μ)/{whole_p} = {limit}까지입니다. {whole|는} 전체 손실의 가장 큰 곡률로, {parts} "
        "{whole} = {total}입니다. "
        "학습률 {lr}에서는 진동이 스텝마다 커집니다.",
    ),
    "landscape.diverged.nesterov": (
        "Diverged at step {step}: the weights blew up. Nesterov momentum (μ = 0.9) takes its gradient step "
        "after looking ahead along the momentum, which damps the oscillation but lowers the limit: it is "
        "stable for lr < 2(1 + μ)/((1 + 2μ)·{whole_p}) = {limit}, where {whole} = {total} is the largest "
        "curvature "
        "of the whole loss ({parts}). With learning rate {lr} the oscillation grows with every step.",
        "{step}번째 스텝에서 발산했습니다. 가중치가 폭발했습니다. 네스테로프 모멘텀(μ = 0.9)은 모멘텀 "
        "방향으로 앞을 내다본 뒤 기울기 스텝을 밟으므로 진동은 줄지만 한계는 낮아집니다. lr < 2(1 + μ)/((1 "
        "+ 2μ)·{whole_p}) = {limit}일 때 안정적입니다. {whole|는} 전체 손실의 가장 큰 곡률로, {parts} "
        "{whole} = {total}입니다. 학습률 {lr}에서는 진동이 스텝마다 커집니다.",
    ),
    "landscape.diverged.proximal": (
        "Diverged at step {step}: the weights blew up. The proximal step first takes a gradient step on the "
        "data loss alone, which multiplies the error along the steepest direction by 1 − lr·κ (κ = "
        "{curvature}, the data loss's largest curvature); soft-thresholding then moves each weight by at "
        "most lr·α and cannot hold it back. With learning rate {lr} that factor is below −1. The proximal "
        "step is stable for lr < 2/κ = {limit}.",
        "{step}번째 스텝에서 발산했습니다. 가중치가 폭발했습니다. 근접 스텝은 먼저 데이터 손실만으로 기울기 "
        "스텝을 밟는데, 이 스텝이 가장 가파른 방향의 오차에 1 − lr·κ를 곱합니다(κ = {curvature}, "
        "데이터 손실의 가장 큰 곡률). 이어지는 소프트 임계값은 가중치를 많아야 lr·α만큼 옮길 뿐이라 이를 "
        "막지 못합니다. 학습률 {lr}에서는 이 수가 −1보다 작습니다. 근접 스텝은 lr < 2/κ = {limit}일 때 "
        "안정적입니다.",
    ),
    "landscape.diverged.proximal_l2": (
        "Diverged at step {step}: the weights blew up. The proximal step first takes a gradient step on the "
        "data loss alone, which multiplies the error along the steepest direction by 1 − lr·κ (κ = "
        "{curvature}, the data loss's largest curvature); then the prox of the L2 part divides every weight "
        "by 1 + {nu}·lr ({nu} = {decay}). That is stable while |1 − lr·κ| < 1 + {nu}·lr, that is for lr < "
        "2/(κ − {nu}) = {limit}: a looser limit than gradient descent's 2/(κ + {nu}), because the prox "
        "shrinks the weights instead of stepping past them. With learning rate {lr} the overshoot outgrows "
        "the shrinking.",
        "{step}번째 스텝에서 발산했습니다. 가중치가 폭발했습니다. 근접 스텝은 먼저 데이터 손실만으로 기울기 "
        "스텝을 밟는데, 이 스텝이 가장 가파른 방향의 오차에 1 − lr·κ를 곱합니다(κ = {curvature}, "
        "데이터 손실의 가장 큰 곡률). 그다음 L2 부분의 근접 연산이 모든 가중치를 1 + {nu}·lr로 나눕니다({nu} "
        "= {decay}). 따라서 |1 − lr·κ| < 1 + {nu}·lr일 때, 곧 lr < 2/(κ − {nu}) = {limit}일 때 "
        "안정적입니다. 근접 연산은 가중치를 건너뛰지 않고 줄이기 때문에, 경사 하강법의 한계 2/(κ + "
        "{nu})보다 너그럽습니다. 학습률 {lr}에서는 넘어가는 폭이 줄이는 폭보다 커집니다.",
    ),
    "landscape.diverged.adamw": (
        "Diverged at step {step}: the weights blew up. AdamW multiplies every weight by the decay factor 1 "
        "− lr·weight_decay each step, outside its adaptive step; here weight_decay = {nu} = {decay}, so with "
        "learning rate {lr} the factor is {factor}. Below −1 it flips every weight's sign and makes it "
        "larger, step after step, and Adam's own step, which moves a weight by only about lr, cannot hold "
        "it back. The curvature of the loss plays no part: AdamW is stable for lr < 2/weight_decay = "
        "{limit}.",
        "{step}번째 스텝에서 발산했습니다. 가중치가 폭발했습니다. AdamW는 적응형 스텝과 별개로 스텝마다 "
        "모든 가중치에 감쇠 계수 1 − lr·weight_decay를 곱합니다. 여기서 weight_decay = {nu} = {decay}이므로 "
        "학습률 {lr}에서 이 계수는 {factor}입니다. 계수가 −1보다 작으면 스텝마다 가중치의 부호가 바뀌면서 "
        "크기가 커지고, 가중치를 lr 정도밖에 옮기지 못하는 Adam 자체의 스텝으로는 이를 막을 수 없습니다. "
        "손실의 곡률과는 상관없이, AdamW는 lr < 2/weight_decay = {limit}일 때 안정적입니다.",
    ),
    "landscape.diverged.adam": (
        "Diverged at step {step}. Adam cannot blow up on its own: it divides each gradient, penalty "
        "included, by its own running size, so every step moves a weight by about lr (at most a few lr), "
        "whatever the learning rate {lr}. Its stability limit is infinite ({limit}).",
        "{step}번째 스텝에서 발산했습니다. Adam은 스스로는 폭발할 수 없습니다. 벌점을 포함한 기울기를 그 "
        "크기의 이동 평균으로 나누므로, 지금 학습률 {lr}에서도 한 스텝은 가중치를 lr 정도(많아야 lr의 몇 "
        "배)만 옮깁니다. 안정 한계는 무한대({limit})입니다.",
    ),
    # the whole loss's largest curvature, made up as the penalty makes it ({parts} of the messages above)
    "landscape.diverged.parts": (
        "κ = {curvature}, the data loss's largest curvature, plus the penalty's {nu} = {decay}",
        "데이터 손실의 가장 큰 곡률 κ = {curvature}에 벌점의 {nu} = {decay}까지 더해",
    ),
    "landscape.diverged.parts_l1": (
        "κ, the data loss's largest curvature; an L1 penalty adds no curvature",
        "L1 벌점은 곡률을 더하지 않으므로 데이터 손실의 가장 큰 곡률 그대로",
    ),
    "landscape.diverged.parts_none": (
        "κ, the data loss's largest curvature; there is no penalty",
        "벌점이 없으므로 데이터 손실의 가장 큰 곡률 그대로",
    ),
    # torch's weight_decay in the controls' α and l1_ratio ({nu} of the messages above)
    "landscape.formula.decay.l2": ("2α", "2α"),
    "landscape.formula.decay.elasticnet": ("2α(1 − l1_ratio)", "2α(1 − l1_ratio)"),
    "landscape.readout.optimum": ("Exact optimum Ŵ(α)", "정확한 최적점 Ŵ(α)"),
    "landscape.readout.radius.l2": ("Radius t = ‖Ŵ‖₂", "반지름 t = ‖Ŵ‖₂"),
    "landscape.readout.radius.l1": ("Radius t = ‖Ŵ‖₁", "반지름 t = ‖Ŵ‖₁"),
    "landscape.readout.radius.elasticnet": ("Budget of the ball", "제약 영역의 크기"),
    "landscape.readout.cost": ("Cost on the data L(Ŵ) − L(W*)", "데이터 손실의 증가분 L(Ŵ) − L(W*)"),
    "landscape.readout.weight_decay.l2": ("PyTorch weight_decay = 2α", "PyTorch weight_decay = 2α"),
    "landscape.readout.weight_decay.elasticnet": (
        "PyTorch weight_decay = 2α(1 − l1_ratio), the L2 part",
        "PyTorch weight_decay = 2α(1 − l1_ratio), L2 부분",
    ),
    "landscape.readout.weight_decay.l1": ("PyTorch weight_decay", "PyTorch weight_decay"),
    "landscape.readout.weight_decay_none": ("none: L1 goes into the loss", "없음: L1은 손실에 더함"),
    "landscape.readout.weight_decay_note": (
        "PyTorch's `weight_decay` is 0 unless you set it (AdamW's default is 0.01). It adds "
        "weight_decay·W to the gradient, the gradient of (weight_decay/2)‖W‖², so for this chapter's "
        "α‖W‖² it is 2α, not α, though the chapter's text equates weight_decay with α.",
        "PyTorch의 `weight_decay`는 따로 정하지 않으면 0입니다(AdamW만 기본값이 0.01). 이 값은 기울기에 "
        "weight_decay·W를 더하는데, 이는 (weight_decay/2)‖W‖²의 기울기입니다. 그래서 이 장의 α‖W‖²에 "
        "해당하는 weight_decay는 α가 아니라 2α입니다. 이 장의 본문은 weight_decay를 α와 같다고 씁니다.",
    ),
    # the same note where AdamW runs (the rule or its companion): its weight_decay is not a gradient
    "landscape.readout.weight_decay_note_adamw": (
        "PyTorch's `weight_decay` is 0 unless you set it (AdamW's default is 0.01). Adam adds "
        "weight_decay·W to the gradient, the gradient of (weight_decay/2)‖W‖², before its adaptive "
        "scaling. AdamW instead multiplies every weight by 1 − lr·weight_decay each step, outside the "
        "adaptive step, which is no penalty's gradient. For this chapter's α‖W‖² both are given "
        "weight_decay = 2α, not α, though the chapter's text equates weight_decay with α.",
        "PyTorch의 `weight_decay`는 따로 정하지 않으면 0입니다(AdamW만 기본값이 0.01). Adam은 적응형 "
        "스케일링 전에 기울기에 weight_decay·W를 더하는데, 이는 (weight_decay/2)‖W‖²의 기울기입니다. "
        "AdamW는 그 대신 스텝마다 적응형 스텝과 별개로 모든 가중치에 1 − lr·weight_decay를 곱하며, 이는 "
        "어떤 벌점의 기울기도 아닙니다. 이 장의 α‖W‖²에는 둘 다 α가 아니라 weight_decay = 2α를 줍니다. "
        "이 장의 본문은 weight_decay를 α와 같다고 씁니다.",
    ),
    "landscape.readout.l1_note": (
        "torch.optim has no L1 option: `weight_decay` is an L2 decay only and stays 0 (its default; AdamW's "
        "is 0.01). α‖W‖₁ is added to the loss and its gradient α·sign(W) reaches the optimizer with the "
        "data gradient.",
        "torch.optim에는 L1 옵션이 없습니다. `weight_decay`는 L2 감쇠일 뿐이므로 기본값 0으로 "
        "둡니다(AdamW만 기본값이 0.01). α‖W‖₁은 손실에 더하고, 그 기울기 α·sign(W)는 데이터 손실의 기울기와 "
        "함께 옵티마이저에 전해집니다.",
    ),
    "landscape.readout.norm": (
        "Distance from the origin ‖Ŵ(α)‖₂, against ‖W*‖₂",
        "원점까지의 거리 ‖Ŵ(α)‖₂, ‖W*‖₂ 대비",
    ),
    "landscape.readout.norm_value": ("{optimum} ({percent} of {w_star})", "{optimum} ({w_star}의 {percent})"),
    # for L2 that distance is t itself, shown beside it: the readout says only what t is of ‖W*‖₂
    "landscape.readout.norm_l2": (
        "Distance from the origin t, against ‖W*‖₂",
        "원점까지의 거리 t, ‖W*‖₂ 대비",
    ),
    "landscape.readout.norm_share": ("{percent} of {w_star}", "{w_star}의 {percent}"),
    "landscape.readout.contact": ("Where Ŵ(α) touches the ball", "Ŵ(α)가 제약 영역에 닿는 곳"),
    "landscape.readout.contact_corner": ("a corner: {weight} = 0", "꼭짓점: {weight} = 0"),
    "landscape.readout.contact_edge": ("an edge: no weight is 0", "변: 0인 가중치 없음"),
    "landscape.readout.contact_origin": ("the origin: both weights 0", "원점: 두 가중치 모두 0"),
    "landscape.readout.end": ("Descent after {step|step}", "{step} 스텝 뒤의 하강 위치"),
    "landscape.readout.end_diverged": (
        "Last point before it diverged, after {step|step}",
        "발산하기 전 마지막 위치({step} 스텝 뒤)",
    ),
    "landscape.readout.distance": ("{d} from Ŵ(α)", "Ŵ(α)까지 거리 {d}"),
    "landscape.readout.zero": ("First step with an exact 0", "처음으로 정확히 0이 된 스텝"),
    "landscape.readout.zero_never": ("never", "없음"),
    "landscape.readout.companion": (
        "{optimizer} ends at {end}; {other} on the same problem ends at {other_end} (dashed pink).",
        "{optimizer|은} {end}에서 끝나고, 같은 문제에서 {other|은} {other_end}에서 끝납니다(분홍색 파선).",
    ),
    "landscape.adamw_box": (
        "AdamW shrinks the weights by its L2 decay outside the adaptive step. Xie & Li (2024) show that "
        "full-batch AdamW, if it converges, ends at a KKT point of the loss inside the box ‖W‖∞ ≤ "
        "1/weight_decay = 1/(2α) = {c}; on this convex loss that is the box's exact optimum {corner}. After "
        "{steps|step} AdamW is at {end}, {distance} away from it. Adam with L2 in the gradient heads for "
        "the L2 optimum {l2} on the circle instead.",
        "AdamW는 적응형 스텝과 별개로 L2 감쇠로 가중치를 줄입니다. Xie & Li(2024)에 따르면 전체 배치 "
        "AdamW가 수렴한다면 상자 ‖W‖∞ ≤ 1/weight_decay = 1/(2α) = {c} 안에서 손실의 KKT 점에 이릅니다. 이 "
        "볼록한 손실에서는 그 점이 상자 안의 정확한 최적점 {corner}입니다. {steps} 스텝 뒤 AdamW는 "
        "{end}에 있고, 그 점까지의 거리는 {distance}입니다. 반면 기울기에 L2를 더한 Adam은 원 위의 "
        "L2 최적점 {l2|을} 향합니다.",
    ),
    "landscape.adamw_box_inside": (
        "W* lies inside AdamW's box ‖W‖∞ ≤ 1/weight_decay = 1/(2α) = {c}, so the box does not bind: AdamW "
        "tends to W* itself, not to the L2 optimum, but slowly, since Adam's running average of squared "
        "gradients (β₂ = 0.999) remembers the steep start for thousands of steps. After {steps|step} it is "
        "at {end}, {distance} away from W*. Adam with L2 in the gradient heads for the L2 optimum {l2} "
        "instead.",
        "W*가 AdamW의 상자 ‖W‖∞ ≤ 1/weight_decay = 1/(2α) = {c} 안에 있으므로 상자는 제약이 되지 않습니다. "
        "AdamW는 L2 최적점이 아니라 W* 자체로 다가가지만 느립니다. Adam이 기울기 제곱의 이동 평균(β₂ = "
        "0.999)으로 가파른 출발을 수천 스텝 동안 기억하기 때문입니다. {steps} 스텝 뒤 AdamW는 {end}에 있고, "
        "W*까지의 거리는 {distance}입니다. 반면 기울기에 L2를 더한 Adam은 L2 최적점 {l2|을} 향합니다.",
    ),
    "landscape.adamw_l1": (
        "torch.optim has no decoupled L1: AdamW's weight_decay decays an L2 part only. With L1 the penalty "
        "α‖W‖₁ goes into the loss, weight_decay stays 0, and AdamW takes exactly the same steps as Adam, as "
        "on the real-network page.",
        "torch.optim에는 분리된 L1이 없습니다. AdamW의 weight_decay는 L2 부분만 감쇠합니다. L1에서는 벌점 "
        "α‖W‖₁을 손실에 더하고 weight_decay는 0으로 두므로, 실제 신경망 페이지에서처럼 AdamW는 Adam과 "
        "똑같은 스텝을 밟습니다.",
    ),
    "landscape.chatter": (
        "At Ŵ(α) the weight {weight} is exactly 0. The subgradient step pushes every weight by "
        "lr·α·sign(w), so {weight} hops back and forth across 0: after {steps|step} the subgradient run "
        "has {weight} = {gd_end}, not 0. The proximal step (soft-thresholding) sets it to exactly 0, first "
        "at step {zero_step}.",
        "Ŵ(α)에서 가중치 {weight} = 0입니다. 서브그레이디언트 스텝은 모든 가중치를 lr·α·sign(w)만큼 밀기 "
        "때문에, {weight|는} 0을 사이에 두고 왔다 갔다 합니다. {steps} 스텝 뒤 서브그레이디언트 실행의 "
        "{weight|는} 0이 아니라 {gd_end}입니다. 근접 스텝(소프트 임계값)은 이 가중치를 정확히 0으로 "
        "만듭니다. 처음 0이 된 것은 {zero_step}번째 스텝입니다.",
    ),
    "landscape.explain.title": ("What am I looking at?", "무엇을 보고 있나요?"),
    "landscape.explain.body": prose("landscape.explain.body"),  # decayviz/prose/*.md
    # --- end landscape ---
}


def _merge_parts() -> None:
    """Add the feature catalogs (decayviz/catalog/*.py); a key defined twice is an error."""
    from decayviz.catalog import parts

    for name, strings in parts().items():
        twice = set(strings) & set(STRINGS)
        if twice:
            raise KeyError(f"decayviz.catalog.{name} defines keys defined elsewhere: {sorted(twice)}")
        STRINGS.update(strings)


_merge_parts()


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string `key` in `lang`, with placeholders filled; an unknown key raises KeyError.
    A placeholder may carry a form that follows its value (decayviz.grammar): a Korean particle
    chosen from the value's reading, `{alpha|은}` → "0.01은", "2는"; an English count,
    `{epochs|epoch}` → "1 epoch", "20 epochs". Without values the text is returned as written."""
    text = STRINGS[key][LANGUAGES.index(lang) if lang in LANGUAGES else 0]
    return FORMATTER.vformat(text, (), values) if values else text


def has(key: str) -> bool:
    return key in STRINGS
