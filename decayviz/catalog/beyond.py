"""Beyond the chapter: low rank from decayed factors (sparsity page), decay under a normalization
layer and early stopping as a penalty (landscape page). Regularization is 정규화, normalization
노멀라이제이션 (decayviz.glossary)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- the sparsity page's low-rank section ---
    "choice.s_view.lowrank": (
        "5. Beyond: low rank",
        "5. 더 나아가: 낮은 랭크",
    ),
    "sparsity.lowrank.title": ("Low rank from decayed factors", "감쇠한 인수 행렬이 만드는 낮은 랭크"),
    "preset.lowrank_picture": ("Low rank: the picture's four", "낮은 랭크: 그림의 네 특잇값"),
    "preset.lowrank_all_off": ("Low rank: α switches all off", "낮은 랭크: α가 크면 모두 꺼짐"),
    "lowrank.caption": (
        "A layer written as a product W = ABᵀ (as in attention, or LoRA), with the chapter's L2 penalty "
        "on both factors, α(‖A‖² + ‖B‖²), fitting a noisy picture D. That penalty comes to 2α times "
        "W's nuclear norm, the sum of its singular values: the best W keeps D's singular values, each "
        "lowered by 2α and stopped at 0, σᵢ = max(dᵢ − 2α, 0). L2 on the factors is L1 on the singular "
        "values, and its exact zeros in the spectrum are the diamond's corners again. Beside it, the "
        "chapter's two penalties on W itself, fitting the same D.",
        "곱 W = ABᵀ로 쓴 계층(어텐션이나 LoRA처럼)에 이 장의 L2 벌점을 두 인수 행렬 모두에 걸고, "
        "α(‖A‖² + ‖B‖²), 잡음 섞인 그림 D에 맞춥니다. 이 벌점은 W의 핵 노름, 곧 W의 특잇값의 합에 "
        "2α를 곱한 것과 같습니다. 가장 좋은 W는 D의 특잇값을 하나하나 2α만큼 낮추고 0에서 멈춘 것, "
        "σᵢ = max(dᵢ − 2α, 0)입니다. 인수 행렬에 거는 L2는 특잇값에 거는 L1이고, 특잇값에 생기는 정확한 "
        "0은 다시 마름모의 꼭짓점입니다. 옆에는 이 장의 두 벌점을 W 자체에 걸어 같은 D에 맞춘 결과를 둡니다.",
    ),
    "lowrank.readout": (
        "At α = {alpha}: L2 on the factors keeps {kept} of D's {n|singular value} (rank {rank_factors}; "
        "the picture was drawn with rank {true_rank}). L2 on W keeps all {n}, each shrunk by the same "
        "ratio 1/(1 + 2α) = {shrink}. {l1}",
        "α = {alpha}에서: 인수 행렬에 L2를 걸면 D의 특잇값 {n}개 가운데 {kept}개가 남습니다 "
        "(랭크 {rank_factors}, 그림은 랭크 {true_rank|로} 그렸습니다). W에 L2를 걸면 {n}개가 모두 남고, "
        "모두 같은 비율 1/(1 + 2α) = {shrink}배로 줄어듭니다. {l1}",
    ),
    # L1's zeros leave W a higher rank than L2 on the factors gives: said as a contrast; else plainly
    "lowrank.readout.l1_keeps_rank": (
        "L1 on W's entries sets {zeros} of the entries to exactly 0, yet W keeps rank {rank_l1}.",
        "W의 원소에 L1을 걸면 원소의 {zeros|가} 정확히 0이 되지만, W의 랭크는 여전히 {rank_l1}입니다.",
    ),
    "lowrank.readout.l1_rank": (
        "L1 on W's entries sets {zeros} of the entries to exactly 0, and W has rank {rank_l1}.",
        "W의 원소에 L1을 걸면 원소의 {zeros|가} 정확히 0이 되고, W의 랭크는 {rank_l1}입니다.",
    ),
    "lowrank.descent.caption": (
        "Gradient descent on A and B themselves, from small random factors of full width ({n|column} "
        "each), with lr = {lr}: nothing in the update rule asks for low rank. After {steps|step}, its "
        "singular values are at most {gap} from the closed form max(dᵢ − 2α, 0) (the black rings in the "
        "first panel); Play runs the steps.",
        "A와 B 자체에 경사 하강을 합니다. 작은 무작위 값에서 시작하는 인수 행렬은 폭이 꽉 차 있고(각각 "
        "열 {n}개), lr = {lr}입니다. 갱신 규칙 어디에도 낮은 랭크를 바라는 곳은 없습니다. {steps} 스텝 뒤 "
        "특잇값은 닫힌 형태 max(dᵢ − 2α, 0)에서 많아야 {gap} 떨어져 있습니다. 재생을 누르면 스텝이 "
        "흘러갑니다(첫 칸의 검은 고리가 닫힌 형태).",
    ),
    "lowrank.pictures.caption": (
        "What “low rank” means here: the picture is a house drawn from four rectangles (rank {true_rank}), "
        "plus noise that makes it full rank. Decayed factors drop the noise's small singular values and "
        "keep the house's; L2 on W dims everything; L1 on the entries blanks pixels one by one.",
        "여기서 “낮은 랭크”의 뜻: 그림은 직사각형 네 개로 그린 집(랭크 {true_rank})에 잡음을 더해 랭크가 "
        "꽉 찬 것입니다. 감쇠한 인수 행렬은 잡음의 작은 특잇값을 버리고 집의 특잇값을 남깁니다. W에 거는 "
        "L2는 모든 것을 흐리게 하고, 원소에 거는 L1은 픽셀을 하나씩 지웁니다.",
    ),
    "lowrank.kind.factors": ("L2 on the factors A, B", "인수 행렬 A, B에 L2"),
    "lowrank.kind.l2": ("L2 on W", "W에 L2"),
    "lowrank.kind.l1_entries": ("L1 on W's entries", "W의 원소에 L1"),
    "lowrank.rank_label": ("rank {rank}", "랭크 {rank}"),
    "lowrank.index_axis": ("i (largest first)", "i (큰 것부터)"),
    "lowrank.sigma_axis": ("singular value σᵢ", "특잇값 σᵢ"),
    "lowrank.alpha_axis": ("strength α", "세기 α"),
    "lowrank.rank_axis": ("rank", "랭크"),
    "lowrank.picture.noisy": (
        "the noisy picture D: rank {rank} (drawn: {true_rank})",
        "잡음 섞인 그림 D: 랭크 {rank} (그린 것: {true_rank})",
    ),
    "lowrank.picture.caption": (
        "{kind}: rank {rank}, zeros {zeros}",
        "{kind}: 랭크 {rank}, 0인 픽셀 {zeros}",
    ),
    "alt.lowrank": (
        "Chart: D's {n|singular value} and the optimum's at α = {alpha} under three penalties. L2 on the "
        "factors keeps {kept} (rank {rank_factors}), L2 on W keeps all {n}, L1 on W's entries keeps rank "
        "{rank_l1} with {zeros} of the entries exactly 0. In the first panel, gradient descent on A and B "
        "runs {steps|step} and ends at most {gap} from the closed form. Below, the rank against α.",
        "차트: D의 특잇값 {n}개와, α = {alpha}일 때 세 벌점 아래 최적점의 특잇값. 인수 행렬에 L2를 걸면 "
        "{kept}개가 남고(랭크 {rank_factors}), W에 L2를 걸면 {n}개가 모두 남으며, W의 원소에 L1을 걸면 "
        "원소의 {zeros|가} 정확히 0이지만 랭크는 {rank_l1}입니다. 첫 칸에서는 A와 B에 경사 하강을 {steps} "
        "스텝 하고, 끝에는 닫힌 형태에서 많아야 {gap} 떨어져 있습니다. 아래는 α에 따른 랭크.",
    ),
    "question.sparsity_lowrank_kept": (
        "At α = {alpha}, L2 on both factors A and B of W = ABᵀ fits a noisy {n}×{n} picture of a house "
        "drawn with rank {true_rank}. How many of its {n|singular value} stay above 0?",
        "α = {alpha}에서 W = ABᵀ의 두 인수 행렬 A와 B에 모두 L2를 걸고, 랭크 {true_rank|으로} 그린 집 그림에 "
        "잡음을 더한 {n}×{n} 그림에 맞춥니다. 특잇값 {n}개 가운데 몇 개가 0보다 클까요?",
    ),
    "question.sparsity_lowrank_kept.title": ("How many singular values stay?", "특잇값은 몇 개 남을까?"),
    # --- the landscape's views ---
    "field.l_view": ("What the landscape shows", "지형에서 볼 것"),
    "choice.l_view.descent": ("Descent with a penalty (the chapter)", "벌점이 있는 하강 (이 장)"),
    "choice.l_view.normalized": (
        "Beyond: weight decay under normalization",
        "더 나아가: 노멀라이제이션 아래의 가중치 감쇠",
    ),
    "choice.l_view.early_stop": ("Beyond: early stopping as a penalty", "더 나아가: 벌점으로 본 조기 종료"),
    "preset.normalized": (
        "Normalization: decay sets the learning rate",
        "노멀라이제이션: 가중치 감쇠가 학습률을 정함",
    ),
    "preset.normalized_no_decay": ("Normalization without decay", "가중치 감쇠 없는 노멀라이제이션"),
    "preset.early_stop": ("Early stopping ≈ L2", "조기 종료 ≈ L2"),
    "preset.early_stop_equal": ("Early stopping, equal curvatures", "조기 종료, 같은 곡률"),
    "beyond.norm.title": (
        "Weight decay under a normalization layer",
        "노멀라이제이션 계층 아래의 가중치 감쇠",
    ),
    "beyond.norm.caption": (
        "Here the loss sees only the direction of W, as it does for a weight vector followed by batch or "
        "layer normalization: its contours are rays from the origin, and its gradient is always at right "
        "angles to W. It never stops pulling (in a network each minibatch pulls a little differently; here "
        "a steady turn stands in for that). **Here weight decay does not constrain the model at all: every "
        "W on a ray is the same model. What it sets is the learning rate.**",
        "여기서 손실은 W의 방향만 봅니다. 배치 노멀라이제이션이나 레이어 노멀라이제이션 같은 노멀라이제이션 "
        "계층 앞의 가중치 벡터가 그렇습니다. 그래서 등고선은 원점에서 뻗는 반직선이고, 기울기는 언제나 "
        "W와 직각입니다. 이 손실은 당기기를 멈추지 않습니다(신경망에서는 미니배치마다 조금씩 다르게 "
        "당기는데, 여기서는 꾸준한 회전이 그 역할을 합니다). **여기서 가중치 감쇠는 모델을 전혀 "
        "제약하지 않습니다. 한 반직선 위의 W는 모두 같은 모델입니다. 가중치 감쇠가 정하는 것은 "
        "학습률입니다.**",
    ),
    "beyond.norm.settled": (
        "With weight_decay λ = 2α = {wd} and lr = {lr} (lr·λ = {x}): ‖W‖ settles at {norm} (predicted "
        "{norm_pred}), the effective learning rate lr/‖W‖² at {eff} (predicted {eff_pred}), and W turns "
        "{angle}° per step (predicted {angle_pred}° by tan θ = √(2·lr·λ − (lr·λ)²)/(1 − lr·λ), the angle θ "
        "per step), from step {settled} on.",
        "weight_decay λ = 2α = {wd}, lr = {lr}일 때(lr·λ = {x}): ‖W‖는 {norm}에 자리 잡고(예측 {norm_pred}), "
        "유효 학습률 lr/‖W‖²은 {eff}(예측 {eff_pred}), W는 스텝마다 {angle}°씩 돕니다(스텝당 회전각 θ의 "
        "예측 tan θ = √(2·lr·λ − (lr·λ)²)/(1 − lr·λ)에서 {angle_pred}°). {settled}번째 스텝부터 그렇습니다.",
    ),
    "beyond.norm.on_its_way": (
        "With weight_decay λ = 2α = {wd} and lr = {lr} (lr·λ = {x}), the prediction is ‖W‖ = {norm_pred}, "
        "an effective learning rate lr/‖W‖² of {eff_pred} and {angle_pred}° per step (tan θ = "
        "√(2·lr·λ − (lr·λ)²)/(1 − lr·λ), the angle θ per step). After {steps|step} W is still on its way: "
        "‖W‖ = {norm}, {angle}° in the last step. More steps, or a larger lr, get there.",
        "weight_decay λ = 2α = {wd}, lr = {lr}일 때(lr·λ = {x}) 예측은 ‖W‖ = {norm_pred}, 유효 학습률 "
        "lr/‖W‖² = {eff_pred}, 스텝마다 {angle_pred}°입니다(스텝당 회전각 θ: tan θ = "
        "√(2·lr·λ − (lr·λ)²)/(1 − lr·λ)). {steps} 스텝 뒤 W는 아직 가는 중입니다: ‖W‖ = {norm}, 마지막 "
        "스텝에 {angle}°. 스텝을 늘리거나 lr을 키우면 도달합니다.",
    ),
    "beyond.norm.no_decay": (
        "Without weight decay, ‖W‖ grows at every step: from {start} to {end} after {steps|step}. So the "
        "effective learning rate lr/‖W‖² falls from {eff_start} to {eff_end}, and W turns less each step: "
        "the steps shrink by themselves though lr never changed.",
        "가중치 감쇠가 없으면 ‖W‖는 스텝마다 커집니다: {steps} 스텝 뒤 {start}에서 {end|로}. 그래서 유효 "
        "학습률 lr/‖W‖²은 {eff_start}에서 {eff_end|로} 떨어지고, W가 스텝마다 도는 각도는 줄어듭니다. lr은 "
        "그대로인데 스텝이 저절로 작아집니다.",
    ),
    "beyond.norm.no_equilibrium": (
        "lr·λ = {x} is 2 or more (λ = weight_decay = 2α): each step flips and lengthens W, and there is no "
        "equilibrium.",
        "lr·λ = {x}: 2 이상입니다(λ = weight_decay = 2α). 스텝마다 W가 뒤집히며 길어지고, 평형은 없습니다.",
    ),
    "beyond.norm.other_rule": (
        "The prediction is for plain gradient descent with an L2 penalty (weight decay λ = 2α). With "
        "{optimizer} and this penalty the chart shows what happens: ‖W‖ ends at {norm}, {angle}° in the "
        "last step.",
        "예측은 L2 벌점을 건 보통의 경사 하강(가중치 감쇠 λ = 2α)에 대한 것입니다. {optimizer|과} 이 "
        "벌점으로는 차트가 일어나는 일을 보여 줍니다: ‖W‖는 {norm}에서 끝나고, 마지막 스텝에 {angle}°.",
    ),
    "beyond.norm.diverged": (
        "The descent blew up at step {step}.",
        "하강은 {step}번째 스텝에서 발산했습니다.",
    ),
    "beyond.norm.at_origin": (
        "W₀ = 0 has no direction: the loss has no gradient there, and the descent stays at 0. Start "
        "elsewhere (Initial weights, in the sidebar).",
        "W₀ = 0에는 방향이 없습니다. 거기서는 손실의 기울기가 없어 하강이 0에 머뭅니다. 다른 곳에서 "
        "시작하세요(사이드바의 초기 가중치).",
    ),
    "beyond.norm.path": ("descent", "하강 경로"),
    "beyond.norm.circle": ("predicted ‖W‖", "예측한 ‖W‖"),
    "beyond.norm.predicted": ("predicted equilibrium", "예측한 평형"),
    "beyond.norm.plane": ("Contours: rays from the origin", "등고선: 원점에서 뻗는 반직선"),
    "beyond.norm.panel.norm": ("‖W‖", "‖W‖"),
    "beyond.norm.panel.effective_lr": ("effective learning rate lr/‖W‖²", "유효 학습률 lr/‖W‖²"),
    "beyond.norm.panel.angle": ("angle turned per step (°)", "스텝당 회전각 (°)"),
    "alt.normalized": (
        "Chart: a loss that sees only W's direction (contours are rays from the origin); the descent, "
        "from W₀ = {w0}, turns around the origin for {steps|step}. ‖W‖ goes from {start} to {end}, the "
        "effective learning rate lr/‖W‖² from {eff_start} to {eff_end}; the last step turns {angle}°.",
        "차트: W의 방향만 보는 손실(등고선은 원점에서 뻗는 반직선). W₀ = {w0}에서 시작한 하강이 {steps} 스텝 "
        "동안 원점 둘레를 돕니다. ‖W‖는 {start}에서 {end|로}, 유효 학습률 lr/‖W‖²은 {eff_start}에서 "
        "{eff_end|로} 가고, 마지막 스텝에 {angle}° 돕니다.",
    ),
    "beyond.es.title": ("Early stopping as a penalty", "벌점으로 본 조기 종료"),
    "beyond.es.caption": (
        "Gradient descent from W₀ = 0 with no penalty, stopped at step k, beside the path of L2 optima "
        "Ŵ(α), from 0 (large α) to W* (α = 0). Along each axis of the ellipse, the stopped descent has "
        "covered 1 − (1 − lr·c)ᵏ of the way to W* and Ŵ(α) covers c/(c + 2α), c that axis's curvature: "
        "one α matches both axes only when the two curvatures are equal. Early stopping acts like an L2 "
        "penalty whose α falls as training goes on (Goodfellow et al., Deep Learning, §7.8).",
        "벌점 없이 W₀ = 0에서 시작한 경사 하강을 k번째 스텝에서 멈춘 점과, 0(큰 α)에서 W*(α = 0)까지 가는 "
        "L2 최적점 경로 Ŵ(α)를 나란히 봅니다. 타원의 각 축을 따라, 멈춘 하강은 W*까지 가는 길의 "
        "1 − (1 − lr·c)ᵏ만큼 왔고 Ŵ(α)는 c/(c + 2α)만큼 왔습니다(c는 그 축의 곡률). 두 곡률이 같을 때만 "
        "한 α가 두 축을 다 맞춥니다. 조기 종료는 학습이 진행될수록 α가 줄어드는 L2 벌점처럼 작동합니다"
        "(Goodfellow 외, Deep Learning, §7.8).",
    ),
    "beyond.es.readout": (
        "Stopped at step {k}, the descent is at {w} ≈ Ŵ(α) for α ≈ {alpha}: {gap} apart, {share} of ‖W*‖.",
        "{k}번째 스텝에서 멈춘 하강 {w} ≈ Ŵ(α), α ≈ {alpha}: 둘은 {gap} 떨어져 있습니다(‖W*‖의 {share}).",
    ),
    "beyond.es.worst_unequal": (
        "The curvatures differ ({c1} and {c2}), so no α matches every step: over the {steps|step} the gap "
        "is largest at step {worst}, {worst_gap} ({worst_share} of ‖W*‖).",
        "곡률이 서로 달라서({c1}, {c2}) 모든 스텝을 맞추는 α는 없습니다. {steps} 스텝 가운데 차이가 가장 "
        "큰 것은 {worst}번째 스텝으로, {worst_gap}(‖W*‖의 {worst_share})입니다.",
    ),
    "beyond.es.worst_equal": (
        "The two curvatures are equal ({c1}), so at every step one α matches: over the {steps|step} the "
        "largest gap is {worst_gap}, rounding error.",
        "두 곡률이 같아서({c1}) 스텝마다 맞는 α가 하나 있습니다. {steps} 스텝 동안 가장 큰 차이도 "
        "{worst_gap}, 반올림 오차일 뿐입니다.",
    ),
    "beyond.es.chosen": (
        "Your α = {alpha}: the stopped descent nearest its Ŵ(α) is at step {step}, {distance} away.",
        "고른 α = {alpha}: 그 Ŵ(α)에 가장 가까운 멈춘 하강은 {step}번째 스텝이며, "
        "{distance} 떨어져 있습니다.",
    ),
    "beyond.es.diverged": (
        "The descent diverged at step {step}: lr = {lr} is above 2/κ = {limit} (κ = {kappa}, the data "
        "loss's largest curvature). Choose a smaller lr.",
        "하강은 {step}번째 스텝에서 발산했습니다. lr = {lr|이} 2/κ = {limit}보다 큽니다(κ = {kappa}, 데이터 "
        "손실의 가장 큰 곡률). lr을 줄이세요.",
    ),
    "beyond.es.at_origin": (
        "Here W* = 0: the descent from 0 and every Ŵ(α) stay at 0. Move W* (Data loss, in the sidebar) "
        "to see them part.",
        "여기서는 W* = 0이라 0에서 시작한 하강도, 모든 Ŵ(α)도 0에 머뭅니다. 둘이 갈라지는 것을 보려면 "
        "W*를 옮기세요(사이드바의 데이터 손실).",
    ),
    "beyond.es.link": (
        "Early stopping on a real network, beside weight decay",
        "실제 신경망에서 조기 종료와 가중치 감쇠 비교",
    ),
    "beyond.es.ridge": ("L2 optima Ŵ(α)", "L2 최적점 Ŵ(α)"),
    "beyond.es.descent": ("descent from 0", "0에서 시작한 하강"),
    "beyond.es.chosen_marker": ("Ŵ(α) at α = {alpha}", "α = {alpha}일 때의 Ŵ(α)"),
    "beyond.es.plane": ("Stopped descent and the nearest Ŵ(α)", "멈춘 하강과 가장 가까운 Ŵ(α)"),
    "beyond.es.panel.alpha": ("nearest α", "가장 가까운 α"),
    "beyond.es.panel.gap": ("gap ‖stopped − Ŵ(α)‖", "차이 ‖멈춘 점 − Ŵ(α)‖"),
    "alt.earlystop": (
        "Chart: gradient descent from 0 for {steps|step} beside the path of L2 optima Ŵ(α). Stopped at step "
        "{k} it is ≈ Ŵ(α) for α ≈ {alpha}, {gap} apart; the largest gap over the steps is {worst_gap}.",
        "차트: 0에서 시작해 {steps} 스텝 동안 진행한 경사 하강과 L2 최적점 경로 Ŵ(α). {k}번째 스텝에서 "
        "멈춘 점 ≈ Ŵ(α), α ≈ {alpha}이고 둘은 {gap} 떨어져 있으며, 스텝 전체에서 가장 큰 차이는 "
        "{worst_gap}입니다.",
    ),
}
