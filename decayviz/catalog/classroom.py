"""Strings of the questions and the class: predict, then see."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- the questions (decayviz/classroom/questions.py): each states its scene's numbers ---
    "question.landscape_end": (
        "Gradient descent starts at W₀ = {w0} on a loss whose minimum is W* = {w_star}, with an L2 "
        "penalty of α = {alpha}, a learning rate of {lr} and {steps|step}. Tap the chart where the "
        "descent ends.",
        "경사 하강의 조건: 출발점 W₀ = {w0}, 손실의 최소점 W* = {w_star}, L2 벌점 α = {alpha}, "
        "학습률 {lr}, {steps} 스텝. 하강이 끝나는 곳을 차트에서 누르세요.",
    ),
    "question.landscape_end.title": ("Where does the descent end?", "하강은 어디에서 끝날까?"),
    "question.landscape_first_zero": (
        "Proximal gradient descent starts at W₀ = {w0} on a loss whose minimum is W* = {w_star}, "
        "with an L1 penalty of α = {alpha}, a learning rate of {lr} and {steps|step}. Along the way, "
        "which weight is exactly 0 first?",
        "근접 경사 하강의 조건: 출발점 W₀ = {w0}, 손실의 최소점 W* = {w_star}, L1 벌점 α = {alpha}, "
        "학습률 {lr}, {steps} 스텝. 하강하는 동안 어느 가중치가 먼저 정확히 0이 될까요?",
    ),
    "question.landscape_first_zero.title": ("Which weight is 0 first?", "어느 가중치가 먼저 0이 될까?"),
    "question.landscape_first_zero.w1": ("w₁ first", "w₁이 먼저"),
    "question.landscape_first_zero.w2": ("w₂ first", "w₂가 먼저"),
    "question.landscape_first_zero.both": ("Both at the same step", "둘 다 같은 스텝에서"),
    "question.landscape_first_zero.none": ("Neither is ever exactly 0", "어느 쪽도 정확히 0이 되지 않음"),
    # at the reveal, why: each weight's exact zeros along the descent (questions._zero_stories)
    "question.landscape_first_zero.why.never": (
        "{weight} is never exactly 0.",
        "{weight|은} 한 번도 정확히 0이 되지 않습니다.",
    ),
    "question.landscape_first_zero.why.once": (
        "{weight} is exactly 0 at step {step} only, on its way across 0.",
        "{weight|은} 0을 가로지르는 길에 {step}번째 스텝에서만 정확히 0입니다.",
    ),
    "question.landscape_first_zero.why.stays": (
        "{weight} is exactly 0 from step {step} to the end.",
        "{weight|은} {step}번째 스텝부터 끝까지 정확히 0입니다.",
    ),
    "question.landscape_first_zero.why.leaves": (
        "{weight} is exactly 0 first at step {step}, and leaves 0 later.",
        "{weight|은} {step}번째 스텝에서 처음 정확히 0이 되고, 나중에 0을 벗어납니다.",
    ),
    "question.landscape_diverges": (
        "Gradient descent starts at W₀ = {w0} on a loss with curvatures {c1} and {c2}, with an L2 "
        "penalty of α = {alpha}, a learning rate of {lr} and {steps|step}. Will it diverge?",
        "경사 하강의 조건: 출발점 W₀ = {w0}, 손실의 곡률 {c1}, {c2}, L2 벌점 α = {alpha}, "
        "학습률 {lr}, {steps} 스텝. 이 하강은 발산할까요?",
    ),
    "question.landscape_diverges.title": ("Will this learning rate diverge?", "이 학습률이면 발산할까?"),
    "question.landscape_diverges.diverges": ("Yes: the weights blow up", "예: 가중치가 폭주함"),
    "question.landscape_diverges.finite": ("No: the weights stay finite", "아니요: 가중치가 유한하게 남음"),
    "question.landscape_diverges.why": (
        "Gradient descent is stable here only below a learning rate of 2/(κ + λ) = 2/{total} = {limit}: "
        "κ is the loss's largest curvature and λ = 2α the penalty's weight_decay. At {lr} each step, along "
        "the valley's steepest direction, overshoots the bottom Ŵ(α) and lands farther from it than before.",
        "여기서 경사 하강법은 학습률이 2/(κ + λ) = 2/{total} = {limit}보다 작을 때만 안정적입니다. "
        "κ는 손실의 가장 큰 곡률, λ = 2α는 벌점의 weight_decay입니다. 학습률 {lr}에서는 스텝마다 골짜기의 "
        "가장 가파른 방향으로 바닥 Ŵ(α)를 지나쳐, 그 스텝 전보다 바닥에서 더 멀어집니다.",
    ),
    "question.landscape_diverges.why.penalty": (
        "Without the penalty the limit would be 2/κ = 2/{kappa} = {plain}, above {lr}: on the loss alone "
        "the same descent converges. Here it is the penalty's own curvature that makes it diverge.",
        "벌점이 없다면 한계는 2/κ = 2/{kappa} = {plain|으로} {lr}보다 큽니다. 손실만 있다면 같은 하강이 "
        "수렴합니다. 여기서는 벌점이 더한 곡률 때문에 발산하는 것입니다.",
    ),
    "question.sparsity_l1_zeros": (
        "A synthetic problem: {n|sample}, {d|feature}, {k} of them truly non-zero. At the optimum "
        "with an L1 penalty (the lasso) of α = {alpha}, how many of the {d|weight} are exactly 0?",
        "합성 문제의 조건: 표본 {n}개, 특성 {d}개, 그중 실제로 0이 아닌 특성 {k}개. L1 벌점(라쏘) "
        "α = {alpha}의 최적점에서 가중치 {d}개 가운데 몇 개가 정확히 0일까요?",
    ),
    "question.sparsity_l1_zeros.title": ("How many zeros under L1?", "L1에서는 0이 몇 개?"),
    "question.sparsity_l2_zeros": (
        "The same problem: {n|sample}, {d|feature}, {k} of them truly non-zero. At the optimum "
        "with an L2 penalty of α = {alpha}, how many of the {d|weight} are exactly 0?",
        "같은 문제의 조건: 표본 {n}개, 특성 {d}개, 그중 실제로 0이 아닌 특성 {k}개. L2 벌점 "
        "α = {alpha}의 최적점에서 가중치 {d}개 가운데 몇 개가 정확히 0일까요?",
    ),
    "question.sparsity_l2_zeros.title": ("How many zeros under L2?", "L2에서는 0이 몇 개?"),
    "question.sparsity_corner_share": (
        "{count|random elliptic loss|random elliptic losses}, their minima drawn uniformly from the "
        "square |w₁|, |w₂| ≤ {spread}·t, outside the circle of radius t (t is the budget). For what "
        "percentage of them does the optimum under the L1 constraint ‖W‖₁ ≤ t have a weight exactly 0 "
        "(a corner of the diamond)?",
        "무작위 타원 손실 {count}개: 최소점은 |w₁|, |w₂| ≤ {spread}·t인 정사각형 안, 반지름 t인 원 "
        "밖에서 고르게 뽑습니다(t는 크기). 그 가운데 몇 퍼센트에서 L1 제약 ‖W‖₁ ≤ t의 최적점이 정확히 "
        "0인 가중치를 가질까요(마름모의 꼭짓점)?",
    ),
    "question.sparsity_corner_share.title": ("How often a corner?", "꼭짓점은 얼마나 자주?"),
    "question.network_best_alpha": (
        "A network with {depth|hidden layer} learns handwritten digits for {epochs|epoch}, once "
        "for each α of weight decay: {alphas}. Which α reaches the lowest validation loss?",
        "은닉 계층 {depth}개짜리 신경망이 손글씨 숫자를 {epochs} 에폭 동안 학습합니다. 가중치 감쇠의 "
        "α를 {alphas|로} 바꿔 가며 한 번씩 학습할 때, 검증 손실이 가장 낮은 α는 무엇일까요?",
    ),
    "question.network_other_beats.why.lead": (
        "Compared sample by sample on the same {samples|validation sample}:",
        "같은 검증 표본 {samples}개에서 표본마다 비교하면,",
    ),
    "question.network_other_beats.why.dropout.above": (
        "Dropout alone scores {gap} above the best α's validation accuracy, more than one standard "
        "error of that gap ({error}).",
        "드롭아웃만 쓴 신경망의 검증 정확도가 가장 좋은 α보다 {gap} 높아 그 차이의 "
        "표준오차({error})를 넘습니다.",
    ),
    "question.network_other_beats.why.dropout.below": (
        "Dropout alone scores {gap} below the best α's validation accuracy, more than one standard "
        "error of that gap ({error}).",
        "드롭아웃만 쓴 신경망의 검증 정확도가 가장 좋은 α보다 {gap} 낮아 그 차이의 "
        "표준오차({error})를 넘습니다.",
    ),
    "question.network_other_beats.why.early_stopping.above": (
        "Early stopping alone scores {gap} above the best α's validation accuracy, more than one "
        "standard error of that gap ({error}).",
        "조기 종료만 쓴 신경망의 검증 정확도가 가장 좋은 α보다 {gap} 높아 그 차이의 "
        "표준오차({error})를 넘습니다.",
    ),
    "question.network_other_beats.why.early_stopping.below": (
        "Early stopping alone scores {gap} below the best α's validation accuracy, more than one "
        "standard error of that gap ({error}).",
        "조기 종료만 쓴 신경망의 검증 정확도가 가장 좋은 α보다 {gap} 낮아 그 차이의 "
        "표준오차({error})를 넘습니다.",
    ),
    "question.network_other_beats.why.by_loss": (
        "Early stopping keeps the epoch of lowest validation loss, not of highest accuracy: its network "
        "scores {kept}, below α = 0 trained to the end ({last}).",
        "조기 종료는 정확도가 가장 높은 에폭이 아니라 검증 손실이 가장 낮은 에폭을 남깁니다. 그래서 그 "
        "신경망의 정확도({kept})가 끝까지 학습한 α = 0의 정확도({last})보다 낮습니다.",
    ),
    "question.network_best_alpha.title": ("Lowest validation loss: which α?", "검증 손실이 가장 낮은 α는?"),
    "question.network_best_alpha.why.overfit": (
        "Without decay (α = 0) the training loss falls to {train} while the validation loss ends at "
        "{val}: the network fits its training images far better than new ones (overfitting).",
        "감쇠가 없으면(α = 0) 학습 손실은 {train}까지 내려가지만 검증 손실은 {val}에 머뭅니다. 신경망이 "
        "새 이미지보다 학습 이미지에 훨씬 더 잘 맞춰진 것입니다(오버피팅).",
    ),
    "question.network_best_alpha.why.overfit_later": (
        "Its validation loss was lowest at epoch {epoch} ({lowest}) and rose as it trained on: without "
        "decay, training longer overfits.",
        "이 신경망의 검증 손실은 {epoch}번째 에폭에서 가장 낮았고({lowest}) 그 뒤로 학습할수록 올라갔습니다. "
        "감쇠가 없으면 오래 학습할수록 오버피팅합니다.",
    ),
    "question.network_best_alpha.why.underfit": (
        "With α = {alpha} even the training loss stays at {train}, above the best α's validation loss "
        "({best}): the penalty keeps the network from fitting even its own training images "
        "(underfitting).",
        "α = {alpha}에서는 학습 손실조차 {train}에 머물러, 가장 좋은 α의 검증 손실({best})보다 높습니다. "
        "벌점 때문에 신경망이 학습 이미지에조차 맞춰지지 못하는 것입니다(언더피팅).",
    ),
    "question.network_other_beats": (
        "On the two moons, a network with {depth|hidden layer} learns for {epochs|epoch} with each "
        "α of weight decay: "
        "{alphas}. Will early stopping alone, or dropout at a rate of {dropout} alone (no weight "
        "decay), reach a higher validation accuracy than the best of those α?",
        "두 반달 데이터셋에서 은닉 계층 {depth}개짜리 신경망이 가중치 감쇠의 α를 {alphas|로} 바꿔 가며 "
        "각각 {epochs} 에폭 동안 학습합니다. 가중치 감쇠 없이 조기 종료만, 또는 비율 {dropout}의 "
        "드롭아웃만 쓰면 그 가운데 가장 좋은 α보다 검증 정확도가 높을까요?",
    ),
    "question.network_other_beats.title": (
        "Early stopping or dropout instead?",
        "조기 종료나 드롭아웃이 더 나을까?",
    ),
    "question.network_other_beats.early_stopping": ("Early stopping beats it", "조기 종료가 더 높음"),
    "question.network_other_beats.dropout": ("Dropout beats it", "드롭아웃이 더 높음"),
    "question.network_other_beats.both": ("Both beat it", "둘 다 더 높음"),
    "question.network_other_beats.neither": ("Neither beats it", "어느 쪽도 더 높지 않음"),
    # --- a student's panel, alone or in a class (decayviz/ui/classroom.py) ---
    "predict.pick": ("Predict first, then see", "먼저 예측하고 확인하기"),
    "field.questions": ("Questions to answer alone", "혼자 풀어 보는 질문"),
    "predict.tap": (
        "Tap a point on the chart to answer; tap again to change it.",
        "차트의 한 점을 눌러 답하세요. 다시 누르면 답이 바뀝니다.",
    ),
    "predict.hidden": (
        "The rest of the page shows after the reveal: it would give the answer away.",
        "페이지의 나머지는 정답을 공개한 뒤에 보입니다. 미리 보면 답이 드러나기 때문입니다.",
    ),
    "predict.number": ("Your answer ({lo} to {hi})", "내 답({lo}부터 {hi}까지)"),
    "predict.send": ("Answer", "답하기"),
    "predict.yours": (
        "Your answer: **{answer}**. You may change it until the reveal.",
        "내 답: **{answer}**. 정답을 공개하기 전까지 바꿀 수 있습니다.",
    ),
    "predict.reveal": ("Reveal the answer", "정답 공개"),
    "predict.close": ("Close the question", "질문 닫기"),
    "predict.other_scene": (
        "This answer is about the question's scene; the page now shows another one.",
        "이 정답은 질문의 장면에 대한 것입니다. 지금 페이지에는 다른 장면이 보입니다.",
    ),
    "predict.back": ("Back to the question's scene", "질문의 장면으로 돌아가기"),
    "predict.computing": (
        "Computing the true answer from the scene…",
        "장면에서 정답을 계산하는 중입니다…",
    ),
    "predict.truth": (
        "The answer, computed from this scene: **{truth}**.",
        "이 장면에서 계산한 정답: **{truth}**.",
    ),
    "predict.truth.left": (
        "The answer, computed from the question's scene: **{truth}**.",
        "질문의 장면에서 계산한 정답: **{truth}**.",
    ),
    "predict.off.point": (
        "Your tap, {answer}, was {distance} away from it.",
        "내가 누른 곳 {answer}: 정답에서 {distance}만큼 떨어져 있습니다.",
    ),
    "predict.off.number": (
        "Your answer, {answer}, was off by {distance}.",
        "내 답 {answer}: 정답과 {distance}만큼 차이 납니다.",
    ),
    "predict.tied": (
        "Counted as right as well: {gaps}. Compared sample by sample on the same "
        "{samples|validation sample}, the loss of each lies above the best α's by no more than one "
        "standard error of that gap: another validation set could order them the other way.",
        "다음 α도 정답으로 인정합니다: {gaps}. 같은 검증 표본 {samples}개에서 표본마다 비교하면, 가장 "
        "좋은 α와의 손실 차이가 그 차이의 표준오차 이내입니다. 다른 검증 세트에서는 순서가 뒤바뀔 수도 "
        "있습니다.",
    ),
    "predict.missed": (
        "Its validation loss lies {gap} above the best α's, more than one standard error of that gap "
        "({error}).",
        "이 α의 검증 손실은 가장 좋은 α보다 {gap} 높아, 그 차이의 표준오차({error})를 넘습니다.",
    ),
    "predict.tied.gap": (
        "α = {alpha} (+{gap}, standard error {error})",
        "α = {alpha} (+{gap}, 표준오차 {error})",
    ),
    "predict.tied_other": (
        "{name}: compared sample by sample on the same {samples|validation sample}, its validation "
        "accuracy differs from the best α's by {gap}, within one standard error of that gap ({error}): "
        "another validation set could order them the other way.",
        "{name}: 같은 검증 표본 {samples}개에서 표본마다 비교하면, 가장 좋은 α와의 검증 정확도 차이({gap})가 "
        "그 차이의 표준오차({error}) 이내입니다. 다른 검증 세트에서는 순서가 뒤바뀔 수도 있습니다.",
    ),
    "predict.accepted": (
        "Each of these answers counts as right: {answers}.",
        "다음 답은 모두 정답으로 인정합니다: {answers}.",
    ),
    "predict.points": ("{value|percentage point}", "{value}%p"),
    "predict.right": ("You answered “{answer}”, which is right.", "내 답 “{answer}”: 맞았습니다."),
    "predict.wrong": (
        "You answered “{answer}”, which is not the answer this time.",
        "내 답 “{answer}”: 이번에는 틀렸습니다.",
    ),
    "predict.no_answer": ("You did not answer this one.", "이 질문에는 답하지 않았습니다."),
    "predict.bad.point": (
        "That tap was not taken: tap a point inside the chart.",
        "이 누름은 받지 않았습니다. 차트 안쪽의 점을 누르세요.",
    ),
    "predict.bad.number": (
        "That answer was not taken: give a number from {lo} to {hi}.",
        "이 답은 받지 않았습니다. {lo}부터 {hi}까지의 수를 입력하세요.",
    ),
    "predict.bad.count": (
        "That answer was not taken: give a whole number from {lo} to {hi}.",
        "이 답은 받지 않았습니다. {lo}부터 {hi}까지의 정수를 입력하세요.",
    ),
    "predict.bad.fraction": (
        "That answer was not taken: {value} is not a whole number. This question asks how many, so "
        "give a whole number.",
        "이 답은 받지 않았습니다. {value|은} 정수가 아닙니다. 개수를 묻는 질문이므로 정수를 입력하세요.",
    ),
    "predict.bad.choice": (
        "That answer was not taken: pick one of the options shown.",
        "이 답은 받지 않았습니다. 보이는 선택지 가운데 하나를 고르세요.",
    ),
    "predict.trace.class": ("The class's taps", "반 전체가 누른 곳"),
    "predict.trace.you": ("Your tap", "내가 누른 곳"),
    "predict.trace.truth": ("True end", "실제 끝점"),
    "predict.trace.tap": ("Tap here", "여기를 누르기"),
    "predict.axis.answers": ("Answers", "답의 수"),
    "predict.axis.answer": ("Answer", "답"),
    "predict.axis.val_accuracy": ("Final validation accuracy", "최종 검증 정확도"),
    "predict.axis.val_loss": ("Final validation loss", "최종 검증 손실"),
    "predict.trace.evidence": ("Trained on this scene", "이 장면에서 학습한 결과"),
    "predict.evidence_of.val_accuracy": (
        "How the answer was computed: each network of this scene was trained, and its validation "
        "accuracy at the end is drawn (with early stopping, at the epoch it keeps). ✓ marks the best α (of "
        "equal accuracies, the one of lower validation loss).",
        "정답을 계산한 방법: 이 장면의 신경망을 하나씩 학습하고, 학습이 끝났을 때의 검증 정확도를 "
        "그렸습니다(조기 종료는 남긴 에폭의 값). ✓ 표시가 가장 좋은 α입니다(정확도가 같으면 검증 손실이 "
        "더 낮은 쪽).",
    ),
    "predict.evidence_of.val_loss": (
        "How the answer was computed: each network of this scene was trained, and its validation "
        "loss at the end is drawn (lower is better). ✓ marks the best α and any counted as right with it.",
        "정답을 계산한 방법: 이 장면의 신경망을 하나씩 학습하고, 학습이 끝났을 때의 검증 손실을 "
        "그렸습니다(낮을수록 좋음). ✓ 표시는 가장 좋은 α와 함께 정답으로 인정한 α입니다.",
    ),
    "predict.evidence.early_stopping": ("Early stopping alone (α = 0)", "조기 종료만 사용 (α = 0)"),
    "predict.evidence.dropout": ("Dropout alone (α = 0)", "드롭아웃만 사용 (α = 0)"),
    "predict.alt.evidence.val_accuracy": (
        "Bars of the final validation accuracy of each trained network: {scores}. The best α is {best}.",
        "학습한 신경망마다 최종 검증 정확도를 나타낸 막대: {scores}. 가장 좋은 α는 {best}입니다.",
    ),
    "predict.alt.evidence.val_loss": (
        "Bars of the final validation loss of each trained network: {scores}. The best α is {best}.",
        "학습한 신경망마다 최종 검증 손실을 나타낸 막대: {scores}. 가장 좋은 α는 {best}입니다.",
    ),
    "predict.chart.truth": ("true answer", "정답"),
    "predict.alt.tap": (
        "Chart: the loss's contours around W* and the start W₀; tap a point to answer.",
        "차트: W* 주변 손실의 등고선과 출발점 W₀. 한 점을 눌러 답하세요.",
    ),
    "predict.alt.scene": (
        "Chart: the loss's contours around W* and the start W₀.",
        "차트: W* 주변 손실의 등고선과 출발점 W₀.",
    ),
    "predict.alt.answers": (
        "Chart: the class's {count|answer}; the true answer is {truth}.",
        "차트: 반 전체의 답 {count}개. 정답은 {truth}.",
    ),
    # --- the class (decayviz/ui/classroom.py) ---
    "field.class": ("Class code", "수업 코드"),
    "class.join_field": ("Or join a class with its code", "또는 코드로 수업에 참여"),
    "class.join_field_help": (
        "The 4 to 6 letters and digits the projector shows, to join without the link or the QR code.",
        "링크나 QR 코드 없이 참여하려면 프로젝터에 보이는 4~6자리 영문자와 숫자를 입력하세요.",
    ),
    "class.join": ("Join the class", "수업 참여하기"),
    "class.bad_code": (
        "A class code has 4 to 6 letters and digits, as the projector shows it.",
        "수업 코드는 프로젝터에 보이는 4~6자리 영문자와 숫자입니다.",
    ),
    "class.open": ("Open a class", "수업 열기"),
    "class.open_help": (
        "Students answer the page's questions on their phones; you reveal the answers on the projector. "
        "This browser stays the class's teacher, even after a reload. To teach from another device, "
        "open the teacher link there (in the sidebar, under “Teach from another device”).",
        "학생들이 휴대폰으로 페이지의 질문에 답하고, 교사는 프로젝터에서 정답을 공개합니다. "
        "이 브라우저는 새로 고침한 뒤에도 수업의 교사로 남습니다. 다른 기기에서 수업을 진행하려면 "
        "그 기기에서 교사 링크를 여세요(사이드바의 ‘다른 기기에서 수업 진행하기’).",
    ),
    "class.teacher_of": ("You teach class **{code}**.", "수업 **{code}**의 교사입니다."),
    "class.student_of": ("You are in class **{code}**.", "수업 **{code}**에 참여하고 있습니다."),
    "class.leave": ("Leave the class", "수업에서 나가기"),
    "class.close": ("Close the class", "수업 끝내기"),
    "class.close_warning": (
        "Every student's screen then says the class has ended; its code no longer joins.",
        "그러면 모든 학생의 화면에 수업이 끝났다고 나오고, 이 코드로는 더 이상 들어올 수 없습니다.",
    ),
    "class.close_confirm": ("Close it for everyone", "모두에게 수업 끝내기"),
    "class.teacher_link": ("Teach from another device", "다른 기기에서 수업 진행하기"),
    "class.teacher_link_help": (
        "This link opens the class as its teacher on another device (this browser stays the teacher "
        "by itself, reloads included). Keep it private: never show it to students.",
        "이 링크는 다른 기기에서 이 수업을 교사로 엽니다(이 브라우저는 새로 고침해도 교사로 남습니다). "
        "학생에게 보여 주지 마세요.",
    ),
    "class.join_title": ("Join on your phone", "휴대폰으로 참여하기"),
    "class.join_code": ("Code", "코드"),
    "class.join_show": ("Show how to join", "참여 방법 보이기"),
    "class.qr_alt": ("QR code of the link", "링크의 QR 코드"),
    "class.ask": ("Question for the class", "반에 낼 질문"),
    "class.ask_button": ("Ask", "질문하기"),
    "class.next": ("Next question", "다음 질문"),
    "class.no_question": (
        "No question yet: pick one and press Ask. Students' screens follow.",
        "아직 질문이 없습니다. 질문을 고르고 ‘질문하기’를 누르면 학생들의 화면이 따라옵니다.",
    ),
    "class.waiting": (
        "Class {code}: waiting for the teacher's question.",
        "수업 {code}: 교사의 질문을 기다리고 있습니다.",
    ),
    # a narrow column breaks the count after its label, never inside "12 of 30" (no-break spaces;
    # "12/30명" has no break in it)
    "class.count": ("Answers: **{count}**\u00a0of\u00a0{joined}", "응답 **{count}**/{joined}명"),
    "class.joined": ("{joined|student} joined", "참여한 학생 {joined}명"),
    "class.asked_elsewhere": (
        "The class is answering **{title}** (on the page “{page}”).",
        "반 전체가 **{title}** 질문에 답하고 있습니다(‘{page}’ 페이지).",
    ),
    "class.back": ("Back to the question", "질문으로 돌아가기"),
    "class.reveal": ("Reveal to the class", "반 전체에 정답 공개"),
    "class.more": ("More", "더 보기"),
    "class.more_help": ("Ask another question; show how to join", "다른 질문 묻기, 참여 방법 보기"),
    "class.reset": ("Ask again", "다시 묻기"),
    "class.reset_help": ("Clears this question's answers and its reveal.", "이 질문의 답과 공개를 지웁니다."),
    "class.summary.point": (
        "The class: {count|tap}, at a median distance of {median} from the true end.",
        "반 전체: 누른 곳 {count}개, 실제 끝점까지 거리의 중앙값 {median}.",
    ),
    "class.summary.number": (
        "The class: {count|answer}, median {median}.",
        "반 전체: 응답 {count}명, 중앙값 {median}.",
    ),
    "class.summary.choice": (
        "The class: {count|answer}, {right} right.",
        "반 전체: 응답 {count}명 중 {right}명 정답.",
    ),
    "class.unknown": (
        "No open class has the code “{code}”: check it against the projector; the class may also have "
        "ended. Meanwhile you can explore on your own.",
        "“{code}” 코드로 열린 수업이 없습니다. 프로젝터의 코드와 같은지 확인해 보세요. 끝난 수업일 수도 "
        "있습니다. 그동안 혼자 둘러볼 수 있습니다.",
    ),
    "class.ended": ("The class has ended.", "수업이 끝났습니다."),
    "class.stays": (
        "In a class your screen stays with the class's question, on “{page}”. To look around on your "
        "own, leave the class in the sidebar.",
        "수업 중에는 화면이 반 전체의 질문이 있는 “{page}”에 머뭅니다. 혼자 둘러보려면 사이드바에서 "
        "수업에서 나가세요.",
    ),
    "class.not_teacher": (
        "This link's teacher key does not open this class: you joined as a student.",
        "이 링크의 교사 키로는 이 수업을 열 수 없어 학생으로 참여했습니다.",
    ),
    "class.refused": (
        "Only the class's teacher can do that; nothing was changed.",
        "수업의 교사만 할 수 있습니다. 아무것도 바뀌지 않았습니다.",
    ),
    "class.slow_down": (
        "Too many requests at once: wait {seconds} s and try again.",
        "요청이 너무 많습니다. {seconds}초 기다린 뒤 다시 시도하세요.",
    ),
    "class.answers_closed": (
        "Answers to this question are closed: it has been revealed.",
        "이 질문은 정답이 공개되어 더 이상 답할 수 없습니다.",
    ),
    "class.unavailable": (
        "The class could not be reached just now; try again in a moment.",
        "지금은 수업에 연결할 수 없습니다. 잠시 뒤 다시 시도하세요.",
    ),
}
