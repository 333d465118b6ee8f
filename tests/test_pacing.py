"""The per-session pace (decayviz.pacing): a person never waits, a flood is slowed to the rate."""

from decayviz.pacing import Pace


def test_a_person_clicking_never_waits():
    pace = Pace(rate=5, burst=10)
    clicks = [0.0, 0.3, 0.4, 0.45, 1.0, 1.2, 1.25, 1.3, 2.0, 2.1, 2.2, 3.0, 3.1]  # a busy student
    assert all(pace.wait_before_run(now) == 0 for now in clicks)


def test_a_flood_is_slowed_to_the_rate():
    pace = Pace(rate=5, burst=10)
    now, runs = 0.0, 0
    while now < 10.0:  # 20 requests a second for 10 s; each run starts after its wait
        now += pace.wait_before_run(now)
        runs += 1
        now += 0.05
    assert 10 + 5 * 10 * 0.9 <= runs <= 10 + 5 * 10 * 1.1  # the burst, then `rate` a second


def test_after_a_pause_the_burst_is_back():
    pace = Pace(rate=5, burst=10)
    for _ in range(30):
        pace.wait_before_run(0.0)
    assert pace.wait_before_run(0.0) > 0
    assert all(pace.wait_before_run(60.0 + i * 0.01) == 0 for i in range(9))
