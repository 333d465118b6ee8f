"""The network page beyond the chapter: the learning rate × weight-decay grid of Adam with L2
against AdamW (Loshchilov & Hutter 2019), with the lines of equal lr·λ (Wang & Aitchison 2024)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "network.continue_grid": ("Continue the grid (+{epochs|epoch})", "격자 이어서 학습 (+{epochs} 에폭)"),
    "network.continue_grid_help": (
        "Keeps the trained networks: every (learning rate, α) cell trains on from where it is.",
        "학습한 신경망을 그대로 두고, (학습률, α) 칸마다 지금 상태에서 이어서 학습합니다.",
    ),
    "field.n_mode": ("What to train", "무엇을 학습할까요"),
    "choice.n_mode.sweep": ("A sweep of α (the controls below)", "α 비교 (아래 설정대로)"),
    "choice.n_mode.grid": (
        "lr × weight decay grid: Adam+L2 and AdamW",
        "학습률 × 가중치 감쇠 격자: Adam+L2와 AdamW",
    ),
    "help.n_mode": (
        "The grid trains one network for every pair of a learning rate and a weight decay on a log "
        "grid, for Adam with L2 in the gradient and for AdamW, on the model and run settings "
        "below (the optimizer, learning rate and α controls are the grid's own).",
        "격자는 로그 눈금 위 학습률과 가중치 감쇠의 쌍마다 신경망을 하나씩, Adam(기울기에 L2)과 "
        "AdamW로 학습합니다. 모델과 실행 설정은 아래 것을 따르고, 옵티마이저·학습률·α는 격자가 정합니다.",
    ),
    "preset.n_grid": ("lr × weight decay: Adam+L2 vs AdamW", "학습률 × 가중치 감쇠: Adam+L2 대 AdamW"),
    "grid.nothing_yet": (
        "Press **Train** to train the grid's {models|network}.",
        "**학습**을 누르면 격자의 신경망 {models}개를 학습합니다.",
    ),
    "grid.title": (
        "Final validation accuracy per learning rate and weight decay",
        "학습률과 가중치 감쇠에 따른 최종 검증 정확도",
    ),
    "grid.panel.adam": ("Adam + L2 (coupled)", "Adam + L2 (결합)"),
    "grid.panel.adamw": ("AdamW (decoupled)", "AdamW (분리)"),
    "grid.axis_lr": ("learning rate", "학습률"),
    "grid.axis_wd": ("weight_decay λ = 2α", "weight_decay λ = 2α"),
    "grid.colorbar": ("validation accuracy", "검증 정확도"),
    "grid.best": ("best cell", "가장 좋은 칸"),
    "grid.diverged": ("diverged", "발산"),
    "grid.caption": (
        "Each cell is one network trained from the same initial weights, with its own learning rate "
        "and weight decay λ; the dashed lines join cells of equal lr·λ, the timescale τ = 1/(lr·λ) "
        "steps over which decoupled decay forgets (Wang & Aitchison 2024). What this grid shows on the "
        "digits: with Adam and L2 in the gradient, every learning rate fails once λ reaches 0.2, because "
        "Adam rescales the penalty's gradient together with the loss's, so how strongly it pulls is set "
        "by λ alone and no learning rate rescues it. AdamW multiplies each weight by 1 − lr·λ at every "
        "step, outside Adam's rescaling: no cell fails, and what decay costs grows along the dashed "
        "lines, most where lr·λ is largest. The best cells of the two are about as good.",
        "칸 하나가 같은 초기 가중치에서 자기 학습률과 가중치 감쇠 λ로 학습한 신경망 하나입니다. "
        "점선은 lr·λ가 같은 칸을 잇습니다. 그 칸들은 시간 척도 τ = 1/(lr·λ), 곧 분리된 감쇠가 "
        "예전 가중치를 잊는 데 걸리는 스텝 수가 같습니다(Wang & Aitchison, 2024). 이 격자가 숫자 "
        "데이터에서 보여 주는 것: 기울기에 L2를 넣은 Adam은 λ가 0.2에 이르면 어느 학습률에서나 "
        "실패합니다. Adam이 벌점의 기울기도 손실의 "
        "기울기와 함께 다시 맞추므로 벌점이 당기는 세기는 λ만으로 정해지고, 학습률로는 바로잡을 수 "
        "없습니다. AdamW는 Adam의 재조정 바깥에서 스텝마다 가중치에 1 − lr·λ를 곱합니다. 실패하는 칸이 "
        "없고, 감쇠의 대가는 점선을 따라 커져 lr·λ가 가장 큰 곳에서 가장 큽니다. 둘의 가장 좋은 칸은 "
        "비슷합니다.",
    ),
    "grid.alt": (
        "Chart: final validation accuracy over {rows|learning rate} × {columns|weight decay} after "
        "{epochs|epoch}. {panel}",
        "차트: 학습률 {rows}개 × 가중치 감쇠 {columns}개에 대한 최종 검증 정확도, {epochs} 에폭 학습 뒤. "
        "{panel}",
    ),
    "grid.tau_lines": (
        "equal lr·λ: weight decay's timescale τ = 1/(lr·λ)",
        "같은 lr·λ: 가중치 감쇠의 시간 척도 τ = 1/(lr·λ)",
    ),
    "grid.alt_panel": (
        "{name}: best {best} at lr = {lr}, weight_decay = {wd}; {failed} of {cells|cell} below 50%; "
        "{diverged} diverged.",
        "{name}: 가장 좋은 칸은 lr = {lr}, weight_decay = {wd}에서 {best}; "
        "{cells}칸 중 {failed}칸이 50% 미만; {diverged}칸 발산.",
    ),
    "grid.alt_empty": ("{name}: no epoch yet.", "{name}: 아직 학습한 에폭이 없습니다."),
}
