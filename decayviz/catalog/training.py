"""The network page beyond the chapter: grokking on modular addition (Power et al. 2022)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "choice.n_dataset.modular": (
        "Addition mod 47 (grokking: 60% of the pairs train)",
        "47로 나눈 나머지 덧셈 (그로킹: 쌍의 60%로 학습)",
    ),
    "preset.n_grokking": ("Grokking: decay makes it generalize", "그로킹: 가중치 감쇠 덕분에 일반화됨"),
    "axis.step": ("step (log scale)", "스텝 (로그 눈금)"),
    "grokking.accuracy": ("Accuracy (dotted: training)", "정확도 (점선: 학습)"),  # fits a phone's half
    "legend.generalized": (
        "α = {alpha}: generalized at step {step}",
        "α = {alpha}: {step}번째 스텝에서 일반화",
    ),
    "grokking.caption": (
        "Grokking (Power et al. 2022): every network gets its training pairs right within a few hundred "
        "steps, by memorizing them. Without weight decay that is where it stays, and it gets fewer of the "
        "other pairs right than a blind guess would (1 in 47). With decay its weight norm falls, and after "
        "memorizing its validation accuracy climbs, passing 95% (the star) only several times as many "
        "steps later: it has learned the rule (a + b) mod 47 and answers pairs it has never seen. Steps "
        "on a log scale.",
        "그로킹(Power 외, 2022): 신경망은 모두 수백 스텝 안에 학습 쌍을 외워서 다 맞힙니다. 가중치 감쇠가 "
        "없으면 거기서 멈추고, 다른 쌍은 무작정 찍을 때(47개 중 하나)보다도 덜 맞힙니다. 감쇠가 있으면 "
        "가중치 노름이 줄어들고, 외운 뒤 검증 정확도가 오르기 시작해 학습 쌍을 다 맞힌 때보다 몇 배 많은 "
        "스텝이 지나서야 95%를 넘습니다(별). 규칙 (a + b) mod 47을 배워 처음 보는 쌍도 맞히는 것입니다. "
        "스텝은 로그 눈금입니다.",
    ),
    "grokking.alt": (
        "Chart: training and validation accuracy and weight norm over the steps, per α. {ends}",
        "차트: α마다 스텝에 따른 학습·검증 정확도와 가중치 노름. {ends}",
    ),
    "grokking.alt_generalized": (
        "α = {alpha}: generalized at step {step} (weight norm {norm}).",
        "α = {alpha|는} {step}번째 스텝에서 일반화합니다(가중치 노름 {norm}).",
    ),
    "grokking.alt_not": (
        "α = {alpha}: validation accuracy {accuracy} at the end (weight norm {norm}).",
        "α = {alpha}: 마지막 검증 정확도 {accuracy}(가중치 노름 {norm}).",
    ),
}
