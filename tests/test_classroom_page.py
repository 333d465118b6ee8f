"""Predict, then see, in AppTest: a student alone, and a class with a teacher's session and
students' sessions sharing one store; permissions (forged URL values and widget states refused),
bad answers, rate limits, and the teacher's key kept out of every student's page."""

from __future__ import annotations

import json

import numpy as np
import pytest
from helpers import decode, forget_session_run, open_page, wait_for_run

from decayviz.classroom.limits import RateLimiter
from decayviz.classroom.membership import Membership
from decayviz.classroom.questions import QUESTIONS, _train, evidence, page_questions, readable
from decayviz.i18n import t
from decayviz.ui import classroom

CLASS = "decayviz_class"


@pytest.fixture(autouse=True)
def class_store(tmp_path, monkeypatch):
    """A store of its own for each test, and rate limits that only the limit test reaches (every
    AppTest session has the same session id, so they would share one bucket)."""
    monkeypatch.setenv("DECAYVIZ_CLASS_DB", str(tmp_path / "classes.db"))
    monkeypatch.delenv("DECAYVIZ_DATABASE_URL", raising=False)
    monkeypatch.setattr(classroom, "JOINS", RateLimiter(burst=1000, per_second=100.0))
    monkeypatch.setattr(classroom, "ANSWERS", RateLimiter(burst=1000, per_second=100.0))
    return classroom.store()


def texts(at) -> str:
    """Everything the page says, in one string."""
    parts = [e.value for kind in ("markdown", "caption", "info", "success", "warning", "error", "code")
             for e in getattr(at, kind)]  # fmt: skip
    parts += [b.label for b in at.button] + [str(v) for v in at.query_params.values()]
    return "\n".join(str(p) for p in parts)


def asked(question) -> str:
    """The question as the page writes it (markdown: W* keeps its star)."""
    return question.text("en").replace("*", "\\*")


def widget(at, kind: str, key: str):
    found = [w for w in at.get(kind) if w.key == key]
    assert found, f"no {kind} {key}"
    return found[0]


def chart_keys(at) -> list[str]:
    return [chart.proto.id for chart in at.get("plotly_chart")]


def open_class(page: str = "landscape"):
    teacher = open_page(page)
    widget(teacher, "button", "class_open").click().run()
    assert not teacher.exception
    return teacher, teacher.session_state[CLASS]


def ask(teacher, question_id: str) -> None:
    widget(teacher, "selectbox", "class_pick").set_value(question_id)
    widget(teacher, "button", "class_ask").click().run()
    assert not teacher.exception


def submit(at) -> None:
    """Press the number form's Answer button."""
    [button] = [b for b in at.button if b.label == "Answer"]
    button.click().run()
    assert not at.exception


def answer_choice(at, question_id: str, option: str) -> None:
    widget(at, "button_group", f"choice_{question_id}").select(option).run()
    assert not at.exception


# --- a student alone ---


def test_a_student_alone_answers_then_reveals():
    at = open_page("sparsity")
    widget(at, "button_group", "predict_pick_sparsity").select("sparsity_l1_zeros").run()
    question = QUESTIONS["sparsity_l1_zeros"]
    assert asked(question) in texts(at)
    assert at.session_state["decayviz_values"]["s_samples"] == question.values["s_samples"]  # its scene
    assert not chart_keys(at)  # the page stops before its chart: it would give the count away
    widget(at, "number_input", "number_sparsity_l1_zeros").set_value(150)
    submit(at)
    assert "Your answer: **150**" in texts(at)
    widget(at, "button", "predict_reveal").click().run()
    truth = question.truth()
    said = texts(at)
    assert f"**{truth:g}**" in said and f"off by {readable(abs(150 - truth))}." in said
    assert chart_keys(at)  # the page is back, in the question's scene


def test_a_number_answer_is_read_as_a_teacher_would():
    """A fraction for a count is quoted as typed (150.7, which three digits would round to 151,
    a whole number); the exact count is right, not "off by 0"; and the gap between two
    percentages is in percentage points."""
    at = open_page("sparsity")
    widget(at, "button_group", "predict_pick_sparsity").select("sparsity_l1_zeros").run()
    widget(at, "number_input", "number_sparsity_l1_zeros").set_value(150.7)
    submit(at)
    assert "150.7 is not a whole number" in texts(at)
    truth = QUESTIONS["sparsity_l1_zeros"].truth()
    widget(at, "number_input", "number_sparsity_l1_zeros").set_value(float(truth))
    submit(at)
    widget(at, "button", "predict_reveal").click().run()
    assert f"You answered “{truth:g}”, which is right." in texts(at) and "off by" not in texts(at)

    at = open_page("sparsity", lang="ko")
    widget(at, "button_group", "predict_pick_sparsity").select("sparsity_corner_share").run()
    widget(at, "number_input", "number_sparsity_corner_share").set_value(70.0)
    [send] = [b for b in at.button if b.label == "답하기"]
    send.click().run()
    widget(at, "button", "predict_reveal").click().run()
    gap = readable(abs(70.0 - QUESTIONS["sparsity_corner_share"].truth()))
    assert f"정답과 {gap}%p만큼 차이 납니다" in texts(at)


def test_a_student_alone_sees_a_wrong_choice_as_wrong_in_korean():
    at = open_page("landscape", lang="ko")
    widget(at, "button_group", "predict_pick_landscape").select("landscape_diverges").run()
    question = QUESTIONS["landscape_diverges"]
    wrong = next(option for option in question.options if option != question.truth())
    answer_choice(at, question.id, wrong)
    widget(at, "button", "predict_reveal").click().run()
    said = texts(at)
    assert "이번에는 틀렸습니다" in said
    # and why, beside the answer (the page's own explanation is under the chart, off a projector)
    assert "학습률이 2/(κ + λ) = 2/7 = 0.286보다 작을 때만 안정적입니다" in said
    assert "학습률 0.3에서는 스텝마다 골짜기의 가장 가파른 방향으로 바닥 Ŵ(α)를 지나쳐" in said
    assert "벌점이 없다면 한계는 2/κ = 2/6 = 0.333으로 0.3보다 큽니다." in said


def test_the_landscape_question_shows_a_tap_chart_and_hides_the_descent():
    at = open_page("landscape")
    widget(at, "button_group", "predict_pick_landscape").select("landscape_end").run()
    specs = [chart.proto.spec for chart in at.get("plotly_chart")]
    assert len(specs) == 1 and "Tap here" in specs[0]  # the invisible grid a tap selects
    assert "frames" not in specs[0] or '"frames": []' in specs[0]  # no descent to play yet
    assert at.get("plotly_chart")[0].proto.selection_mode  # taps come back as a selection


# --- a class ---


def test_a_class_from_open_to_reveal():
    teacher, room = open_class()
    assert room.code in texts(teacher) and room.teacher_key not in teacher.query_params.get("class", "")
    student = open_page("landscape", {"class": room.code})
    assert student.session_state[CLASS] == Membership(room.code)
    assert "waiting" in texts(student)

    ask(teacher, "landscape_first_zero")
    student.run()  # what the student's polling fragment does when the class moves
    question = QUESTIONS["landscape_first_zero"]
    assert asked(question) in texts(student)
    assert student.session_state["decayviz_values"]["alpha"] == question.values["alpha"]  # its scene

    answer_choice(student, question.id, "w2")
    answer_choice(student, question.id, "none")  # changed: still one answer
    teacher.run()
    assert "#### Answers: **1**\u00a0of\u00a01" in texts(teacher)  # no-break spaces: the count wraps whole
    assert "The class" not in texts(teacher)  # nothing of the answers before the reveal

    widget(teacher, "button", "class_reveal").click().run()
    assert "1 answer, " in texts(teacher)
    student.run()
    said = texts(student)
    assert "You answered “Neither is ever exactly 0”, which is not the answer this time." in said
    assert "w₁ is exactly 0 at step 6 only, on its way across 0. w₂ is exactly 0 from step 7 to" in said
    assert any("bar" in chart.proto.spec for chart in student.get("plotly_chart"))  # the class's bars

    assert not [w for w in student.get("button_group") if w.key == f"choice_{question.id}"]  # closed
    student.session_state[f"choice_{question.id}"] = "w1"  # a late widget state, forged
    student.run()
    assert classroom.store().answers(room.code, question.id) == ["none"]


def test_next_asks_a_question_the_class_has_seen_answered_afresh():
    """Next onto a question whose answer the class has seen (Next wraps round after the last
    one) asks it again: no answers, not revealed, not shown as it ended with Reveal greyed out."""
    ids = list(QUESTIONS)
    seen = "landscape_diverges"
    teacher, room = open_class()
    student = open_page("landscape", {"class": room.code})
    ask(teacher, seen)
    student.run()
    answer_choice(student, seen, "finite")
    widget(teacher, "button", "class_reveal").click().run()
    ask(teacher, ids[ids.index(seen) - 1])
    widget(teacher, "button", "class_next").click().run()
    state = classroom.store().state(room.code)
    assert state.current == seen and seen not in state.revealed
    assert classroom.store().count(room.code, seen) == 0
    assert not widget(teacher, "button", "class_reveal").disabled
    student.run()
    assert [w for w in student.get("button_group") if w.key == f"choice_{seen}"]  # open to answers


def test_the_class_moves_students_to_the_questions_page():
    teacher, room = open_class()
    student = open_page("landscape", {"class": room.code})
    ask(teacher, "sparsity_l2_zeros")
    student.run()
    assert asked(QUESTIONS["sparsity_l2_zeros"]) in texts(student)
    assert student.session_state["decayviz_values"]["s_penalty"] == "l2"
    widget(student, "number_input", "number_sparsity_l2_zeros").set_value(3)
    submit(student)
    assert classroom.store().count(room.code, "sparsity_l2_zeros") == 1
    # the student opens another page: back to the question, told why and how to look around alone
    student.switch_page("app_pages/network.py").run()
    assert asked(QUESTIONS["sparsity_l2_zeros"]) in texts(student)
    stays = t("class.stays", "en", page=t("page.sparsity", "en"))
    assert stays in [info.value for info in student.info]


# --- who may do what ---


def test_the_teachers_link_makes_a_teacher_and_leaves_the_address_bar():
    _, room = open_class()
    other = open_page("landscape", {"class": room.code, "teacher": room.teacher_key})
    assert other.session_state[CLASS] == room
    assert "teacher" not in other.query_params
    assert widget(other, "button", "class_ask")


@pytest.mark.parametrize("by_link", [False, True])
def test_the_teachers_own_browser_stays_the_teacher_after_a_reload(monkeypatch, by_link):
    """Opened here (or by the teacher link from another device): a reload, or a second tab of that
    browser (the same cookie, ?class=CODE only), is the teacher again; another browser is not."""
    browser = {"cookie": "teacher's browser"}
    monkeypatch.setattr(classroom, "_cookie", lambda: browser["cookie"])
    if by_link:
        browser["cookie"] = "the laptop"
        _, room = open_class()
        browser["cookie"] = "teacher's browser"
        open_page("landscape", {"class": room.code, "teacher": room.teacher_key})
    else:
        _, room = open_class()
    reloaded = open_page("landscape", {"class": room.code})
    assert reloaded.session_state[CLASS] == room
    assert widget(reloaded, "button", "class_ask")
    browser["cookie"] = "a student's phone"
    student = open_page("landscape", {"class": room.code})
    assert student.session_state[CLASS] == Membership(room.code)
    assert not [b for b in student.button if b.key == "class_ask"]


def test_open_a_class_says_the_teacher_link_is_for_another_device():
    teacher, _ = open_class()
    assert "another device" in classroom.t("class.open_help", "en")
    assert any("another device" in e.label for e in teacher.get("expander"))


@pytest.mark.parametrize("forged", ["wrong-key", "", "x" * 5000, "<script>alert(1)</script>", "%00"])
def test_a_forged_teacher_key_in_the_url_is_refused(forged, class_store):
    teacher, room = open_class()
    ask(teacher, "landscape_diverges")
    student = open_page("landscape", {"class": room.code, "teacher": forged})
    assert student.session_state[CLASS].teacher_key is None
    assert "does not open this class" in texts(student)
    assert not [
        b for b in student.button if b.key in ("class_reveal", "class_next", "class_ask", "class_reset")
    ]
    assert class_store.state(room.code).revealed == frozenset()


def test_another_class_key_does_not_open_this_class(class_store):
    _, room = open_class()
    other = class_store.open_class()
    student = open_page("landscape", {"class": room.code, "teacher": other.teacher_key})
    assert student.session_state[CLASS].teacher_key is None


def test_forged_teacher_widget_states_change_nothing(class_store):
    """A student's browser sending the teacher's widget states: the student's session draws no
    such widgets, so they run no action; and the actions themselves need the session's key."""
    teacher, room = open_class()
    ask(teacher, "landscape_diverges")
    student = open_page("landscape", {"class": room.code})
    for key in ("class_reveal", "class_reset", "class_next", "class_close"):
        student.session_state[key] = True
    student.session_state["class_pick"] = "network_best_alpha"
    student.session_state[CLASS] = Membership(room.code, "forged")  # even a forged key
    student.run()
    widget(student, "button", "class_reveal").click().run()  # the forged key draws the buttons...
    assert "Only the class's teacher can do that" in texts(student)  # ...and the store refuses
    state = class_store.state(room.code)
    assert state.current == "landscape_diverges" and state.revealed == frozenset()


def test_the_teachers_key_never_reaches_a_students_page():
    teacher, room = open_class()
    ask(teacher, "landscape_end")
    widget(teacher, "button", "class_reveal").click().run()
    student = open_page("landscape", {"class": room.code})
    assert room.teacher_key not in texts(student)
    assert room.teacher_key not in repr(student.session_state)


@pytest.mark.parametrize("code", ["ZZZZ", "<b>x</b>", "nan", "ABCDEFGHIJ", ""])
def test_an_unknown_or_malformed_class_code(code):
    at = open_page("landscape", {"class": code})
    assert CLASS not in at.session_state
    said = texts(at)
    if code == "ZZZZ":
        assert "No open class has the code" in said
    if code not in ("ZZZZ", ""):  # a malformed code: the link's notice says it went unused
        assert "Class code: “" in said and "” → ignored" in said
    assert "class" not in at.query_params  # the address bar drops it


def test_a_closed_class_ends_for_its_students():
    teacher, room = open_class()
    student = open_page("landscape", {"class": room.code})
    # one click on "Close the class" only asks: the button that closes it is inside that panel
    [ask_first] = [b for b in teacher.sidebar.children.values() if b.key == "class_close_ask"]
    assert ask_first.type == "popover" and [b.key for b in ask_first.button] == ["class_close"]
    widget(teacher, "button", "class_close").click().run()
    student.run()
    assert "The class has ended." in texts(student)
    assert CLASS not in student.session_state
    assert "You are in class" not in texts(student)  # the sidebar too, on the same run
    assert not [b for b in student.button if b.key == "class_leave"]
    assert widget(student, "button", "class_open")


def test_the_teacher_elsewhere_sees_the_open_question_and_a_way_back():
    teacher, _ = open_class()
    ask(teacher, "landscape_first_zero")
    teacher.switch_page("app_pages/sparsity.py").run()
    question = QUESTIONS["landscape_first_zero"]
    title = question.title("en")
    assert f"The class is answering **{title}**" in texts(teacher)
    widget(teacher, "button", "class_back").click().run()
    assert not teacher.exception
    assert asked(question) in texts(teacher)  # back on its page, its scene
    assert teacher.session_state["decayviz_values"]["alpha"] == question.values["alpha"]


@pytest.mark.parametrize("view", ["normalized", "early_stop"])
def test_the_chapters_questions_stay_out_of_the_views_beyond_it(view):
    assert widget(open_page("landscape"), "button_group", "predict_pick_landscape")
    beyond = open_page("landscape", {"l_view": view})
    assert not [w for w in beyond.get("button_group") if w.key == "predict_pick_landscape"]


# --- bad answers and rate limits ---


def test_a_bad_answer_gets_a_clear_message_and_is_not_stored(class_store):
    teacher, room = open_class()
    ask(teacher, "sparsity_l1_zeros")
    student = open_page("landscape", {"class": room.code})
    student.run()
    student.session_state["number_sparsity_l1_zeros"] = 500  # a widget state the input would not send
    submit(student)
    assert "give a whole number from 0 to 200" in texts(student)  # said, and nothing stored
    assert class_store.count(room.code, "sparsity_l1_zeros") == 0


def test_a_number_is_checked_by_the_app_in_the_pages_language(class_store):
    """No bounds on the widget (Streamlit would say its own English range message and cut 2.5 to 2
    for an int input): a fraction for a count, or a number out of bounds, is said in Korean."""
    teacher, room = open_class()
    ask(teacher, "sparsity_l1_zeros")
    student = open_page("sparsity", {"class": room.code}, lang="ko")
    box = widget(student, "number_input", "number_sparsity_l1_zeros")
    assert box.proto.has_min is False and box.proto.has_max is False
    box.set_value(2.5)
    [send] = [b for b in student.button if b.label == "답하기"]
    send.click().run()
    assert "2.5는 정수가 아닙니다" in texts(student)
    assert class_store.count(room.code, "sparsity_l1_zeros") == 0  # not stored as 2
    widget(student, "number_input", "number_sparsity_l1_zeros").set_value(500.0)
    [send] = [b for b in student.button if b.label == "답하기"]
    send.click().run()
    assert "0부터 200까지의 정수" in texts(student) and "allowed range" not in texts(student)
    assert class_store.count(room.code, "sparsity_l1_zeros") == 0
    widget(student, "number_input", "number_sparsity_l1_zeros").set_value(7.0)
    [send] = [b for b in student.button if b.label == "답하기"]
    send.click().run()
    assert class_store.count(room.code, "sparsity_l1_zeros") == 1


def test_answers_are_rate_limited_per_session(monkeypatch, class_store):
    teacher, room = open_class()
    ask(teacher, "landscape_diverges")
    student = open_page("landscape", {"class": room.code})
    monkeypatch.setattr(classroom, "ANSWERS", RateLimiter(burst=2, per_second=1e-6))
    for option in ("finite", "diverges", "finite"):
        answer_choice(student, "landscape_diverges", option)
    assert "Too many requests at once" in texts(student)
    assert class_store.answers(room.code, "landscape_diverges", room.teacher_key) == ["diverges"]


def test_a_network_question_reveals_the_trained_truth():
    at = open_page("network")
    widget(at, "button_group", "predict_pick_network").select("network_other_beats").run()
    question = QUESTIONS["network_other_beats"]
    assert asked(question) in texts(at)
    assert not at.get("tabs")  # the page's results stay hidden until the reveal
    answer_choice(at, question.id, "neither")
    widget(at, "button", "predict_reveal").click().run()
    truth = question.option_label(question.truth(), "en")
    assert f"**{truth}**" in texts(at)
    # the evidence of the question's own scene (its cached training), not the page's default scene
    found = evidence(question)
    charts = [c for c in at.get("plotly_chart") if "class_evidence_network_other_beats" in c.proto.id]
    assert len(charts) == 1
    bars = json.loads(charts[0].proto.spec)["data"][0]
    scores = [*found.by_alpha.values(), *found.accuracy_alone.values()]
    assert sorted(bars["x"]) == pytest.approx(sorted(scores))
    assert f"✓ α = {found.best_alpha}" in bars["y"]
    assert "Early stopping alone (α = 0)" in bars["y"] and "Dropout alone (α = 0)" in bars["y"]
    # dropout alone scores 6 of 500 validation samples above the best α: compared image by image
    # (the two networks disagree on few of them) more than one standard error of that gap, so only
    # "dropout" is right; early stopping alone scores 10 below. The reveal says both, with numbers
    said = texts(at)
    assert found.tied == () and question.accepted() == {"dropout"}
    gap, error = found.missed["dropout"]
    assert gap == pytest.approx(6 / 500) and 0 < error < gap
    above = "Dropout alone scores 0.0120 above the best α's validation accuracy, more than one standard error"
    assert f"{above} of that gap ({error:.4f})" in said
    assert "samples: Early stopping alone scores 0.0200 below the best α's validation accuracy" in said
    # early stopping alone below α = 0 trained to the end: the reveal says why (it keeps by loss)
    assert "Early stopping keeps the epoch of lowest validation loss, not of highest accuracy" in said
    assert "You answered “Neither beats it”, which is not the answer this time." in said
    # under the answer, the page's curves are the scene's: the very sweep the answer came from,
    # shown before Train as the default scene's are, not "press Train" beside the evidence
    trained = _train(question.values)
    assert t("network.question_scene", "en") in said and PRESS_TRAIN not in said
    [curves] = [c for c in at.get("plotly_chart") if c.proto.id.endswith("curves")]
    ends = {float(decode(trace["y"])[-1]) for trace in json.loads(curves.proto.spec)["data"] if "y" in trace}
    for history in trained.history:  # each α's last validation accuracy ends a curve (f4 in the chart)
        assert float(np.float32(history["val_accuracy"][-1])) in ends
    assert at.get("tabs")  # and its views: weights, boundaries, code


def curves_caption(at) -> bool:
    return t("network.question_scene", "en") in texts(at)


PRESS_TRAIN = t("network.nothing_yet", "en").split("{")[0]  # the sentence, before its α


def test_a_network_questions_curves_wait_for_its_reveal():
    """A question's training runs when it is opened; its curves show only in a session that has
    seen its answer: not after Close without a reveal, not in another session opening its scene,
    not on the scenes it compares with."""
    forget_session_run()
    question = QUESTIONS["network_other_beats"]
    at = open_page("network")
    widget(at, "button_group", "predict_pick_network").select(question.id).run()
    question.truth()  # trained (the compared scenes too)
    widget(at, "button", "predict_close").click().run()
    assert PRESS_TRAIN in texts(at) and not curves_caption(at)
    said = [info.value for info in at.info]  # the α it would train: the scene's
    assert any("one network per α of the sidebar: 0, 0.001, 0.003, 0.01, 0.1." in text for text in said), said
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith("curves")]
    for preset in ("n_boundary", "n_early_stop", "n_dropout"):
        other = open_page("network", {"preset": preset})
        assert PRESS_TRAIN in texts(other) and not curves_caption(other), preset


def test_a_revealed_scene_shows_its_curves_over_a_run_trained_before():
    """A student trained a run, then revealed a question: the sidebar now holds the question's
    scene, and the page shows its curves, not the earlier run's under it."""
    forget_session_run()
    at = open_page("network", {"preset": "n_u_curve", "n_epochs": "5", "n_alphas": "0.0,0.03"})
    [train] = [b for b in at.button if b.label == "Train"]
    train.click().run()
    wait_for_run(at)
    widget(at, "button_group", "predict_pick_network").select("network_best_alpha").run()
    question = QUESTIONS["network_best_alpha"]
    answer_choice(at, question.id, "0")
    widget(at, "button", "predict_reveal").click().run()
    assert curves_caption(at)
    [curves] = [c for c in at.get("plotly_chart") if c.proto.id.endswith("curves")]
    entries = [trace for trace in json.loads(curves.proto.spec)["data"] if trace.get("showlegend")]
    assert len(entries) == len(question.values["n_alphas"]) == 6  # the scene's α, not the run's 2


@pytest.mark.parametrize("page", ["landscape", "sparsity", "network"])
def test_before_any_question_the_picker_offers_the_pages_own_first(page):
    """A teacher who opens a class on a page finds that page's first question ready to ask (it
    offered the landscape's on every page: the wrong question was one click on Ask away); after a
    question, the one after it."""
    teacher, _ = open_class(page)
    assert widget(teacher, "selectbox", "class_pick").value == page_questions(page)[0].id
    ask(teacher, page_questions(page)[0].id)
    following = list(QUESTIONS)[list(QUESTIONS).index(page_questions(page)[0].id) + 1]
    assert widget(teacher, "selectbox", "class_pick").value == following


@pytest.mark.parametrize(("page", "path"), [("landscape", "/?class="), ("network", "/network?class=")])
def test_the_student_link_opens_the_teachers_page(page, path):
    """Students who join before the first question wait on the page the projector shows (a class
    opened on the network page sent them to the landscape), still without the teacher's key."""
    teacher, room = open_class(page)
    links = [code.value for code in teacher.code if "?class=" in code.value]  # the student's, the teacher's
    students = [link for link in links if "teacher=" not in link]
    assert len(students) == 1 and students[0].endswith(path + room.code), links
    assert room.teacher_key not in students[0]


def test_a_choice_the_validation_set_cannot_tell_from_the_best_counts_as_right():
    """Which α scores best: the lowest validation loss is α = 0.001's, and α = 0.0003's trails it
    by less than one standard error of their gap, taken image by image on the same validation
    set; the reveal says so with both numbers, counts it right and marks its bar in both charts.
    α = 0, clearly behind (overfitting), is not right, and its student is told by how much."""
    teacher, room = open_class()
    ask(teacher, "network_best_alpha")
    student = open_page("network", {"class": room.code})
    other = open_page("network", {"class": room.code})
    question = QUESTIONS["network_best_alpha"]
    assert question.truth() == "0.001" and question.accepted() == {"0.0003", "0.001"}
    answer_choice(student, question.id, "0.0003")
    answer_choice(other, question.id, "0")
    widget(teacher, "button", "class_reveal").click().run()
    student.run()
    other.run()
    said = texts(student)
    found = evidence(question)
    gap, error = found.gaps["0.0003"]
    assert 0 < gap <= error
    assert f"Counted as right as well: α = 0.0003 (+{gap:.4f}, standard error {error:.4f})." in said
    assert "Compared sample by sample on the same 899 validation samples, the loss of each lies" in said
    assert "You answered “α = 0.0003”, which is right." in said
    gap, error = found.missed["0"]
    assert gap > error > 0
    assert "You answered “α = 0”, which is not the answer this time." in texts(other)
    assert f"Its validation loss lies {gap:.4f} above the best α's, more than one standard error" in texts(
        other
    )
    assert "2 answers, 1 right" in texts(teacher)
    [chart] = [c for c in teacher.get("plotly_chart") if "class_answers_network_best_alpha" in c.proto.id]
    marked = [name for name in json.loads(chart.proto.spec)["data"][0]["y"] if name.startswith("✓")]
    assert sorted(marked) == sorted(f"✓ {question.option_label(o, 'en')}" for o in question.accepted())
    [bars] = [c for c in student.get("plotly_chart") if "class_evidence_network_best_alpha" in c.proto.id]
    figure = json.loads(bars.proto.spec)
    assert figure["layout"]["xaxis"]["title"]["text"] == "Final validation loss"
    assert {"✓ α = 0.001", "✓ α = 0.0003", "α = 0"} <= set(figure["data"][0]["y"])

    # the answer, the class's bars and the evidence first; why after them (its ten lines in the
    # answer's paragraph had pushed the pictures off a phone's screen)
    def shown(element) -> str:
        if element.type == "plotly_chart":
            return "class chart" if "class_" in element.proto.id else "chart"
        return str(getattr(element, "value", ""))

    order = [shown(element) for element in student.main]
    why = next(i for i, e in enumerate(order) if "Without decay (α = 0)" in e)
    answer = next(i for i, e in enumerate(order) if "The answer, computed" in e)
    charts = [i for i, e in enumerate(order) if e == "class chart"]  # the class's bars, the evidence
    assert answer < charts[0] and charts[-1] < why and "Without decay" not in order[answer]


def join_typed(at, typed: str) -> None:
    """Type a code in the sidebar's field and press Join the class (or Enter)."""
    at.sidebar.text_input(key="class_join_code").input(typed)
    [join] = [b for b in at.sidebar.button if b.label == "Join the class"]
    join.click().run()
    assert not at.exception


def test_a_code_typed_off_the_projector_joins_the_class():
    """A student without the link or a camera opens the app and types the code as read (any
    case, spaces); a code that cannot be one, or that no open class has, says so."""
    teacher, room = open_class()
    student = open_page("landscape")
    join_typed(student, f" {room.code.lower()} ")
    assert student.session_state[CLASS] == Membership(room.code)
    assert f"You are in class **{room.code}**." in texts(student)
    assert student.query_params["class"] == room.code  # the address bar: the student link's
    teacher.run()
    assert "1 student joined" in texts(teacher)

    other = open_page("landscape")
    join_typed(other, "no!")
    assert CLASS not in other.session_state
    # said in the sidebar, beside the field (a phone's open sidebar covers the page), which keeps
    # what was typed to be corrected
    assert [w.value for w in other.sidebar.warning] == [
        "A class code has 4 to 6 letters and digits, as the projector shows it."
    ]
    assert other.sidebar.text_input(key="class_join_code").value == "no!"
    join_typed(other, "ZZZZ9")
    assert CLASS not in other.session_state
    assert "No open class has the code “ZZZZ9”: check it against the projector" in texts(other)
    third = open_page("landscape")
    join_typed(third, f"{room.code[:2]} {room.code[2:]}")  # read off a wall with a space inside
    assert third.session_state[CLASS] == Membership(room.code)


def test_the_teacher_sees_how_many_students_joined():
    """Before the first question, and beside the count of answers once one is asked: the
    students in the room, each browser once; the students' own screens do not show it."""
    teacher, room = open_class()
    assert "0 students joined" in texts(teacher)
    first = open_page("landscape", {"class": room.code})
    open_page("sparsity", {"class": room.code})
    first.run()  # the same student again: still one
    teacher.run()
    assert "2 students joined" in texts(teacher)
    assert "joined" not in texts(first)
    ask(teacher, "landscape_diverges")
    first.run()
    answer_choice(first, "landscape_diverges", "finite")
    teacher.run()
    assert "#### Answers: **1**\u00a0of\u00a02" in texts(teacher)
    korean = open_page("landscape", {"class": room.code, "lang": "ko"})
    assert "참여한 학생" not in texts(korean)
    teacher.radio(key="ctl_lang").set_value("ko").run()
    assert "응답 **1**/3명" in texts(teacher)


def test_a_student_who_wanders_off_is_brought_back_to_the_question():
    teacher, room = open_class()
    ask(teacher, "sparsity_l1_zeros")
    student = open_page("landscape", {"class": room.code})
    assert asked(QUESTIONS["sparsity_l1_zeros"]) in texts(student)
    student.switch_page("app_pages/network.py").run()
    assert asked(QUESTIONS["sparsity_l1_zeros"]) in texts(student)


def test_a_link_hides_the_questions_apart_from_the_scene_buttons():
    """hide=questions keeps a student on the teacher's scene; hide=presets hides only the scenes."""
    hidden = open_page("landscape", {"hide": "questions"})
    assert not [w for w in hidden.get("button_group") if w.key == "predict_pick_landscape"]
    scenes_hidden = open_page("landscape", {"hide": "presets"})
    assert [w for w in scenes_hidden.get("button_group") if w.key == "predict_pick_landscape"]


def plays_the_descent(at) -> bool:
    """Whether the run sent the reveal's script (on the landscape it plays the descent), once a reveal."""
    return any("dv-play" in element.proto.body for element in at.get("html"))


def test_each_reveal_plays_the_descent_once_even_when_asked_again():
    teacher, room = open_class()
    student = open_page("landscape", {"class": room.code})
    ask(teacher, "landscape_first_zero")
    student.run()
    answer_choice(student, "landscape_first_zero", "w2")
    widget(teacher, "button", "class_reveal").click().run()
    student.run()
    assert plays_the_descent(student)
    student.run()
    assert not plays_the_descent(student)  # once: a poll does not play it again
    widget(teacher, "button", "class_reset").click().run()  # Ask again
    student.run()
    assert not plays_the_descent(student)
    answer_choice(student, "landscape_first_zero", "w1")
    widget(teacher, "button", "class_reveal").click().run()
    student.run()
    assert plays_the_descent(student)  # the second reveal plays it too


@pytest.mark.parametrize("in_class", [False, True])
def test_a_revealed_answer_says_so_when_the_page_leaves_its_scene(in_class):
    """After a reveal the student may try another scene; the answer, which speaks of the question's
    scene, says the page shows another one and offers the way back (whose press shows it again)."""
    question = QUESTIONS["landscape_first_zero"]
    if in_class:
        teacher, room = open_class()
        student = open_page("landscape", {"class": room.code})
        ask(teacher, question.id)
        student.run()
        answer_choice(student, question.id, "w2")
        widget(teacher, "button", "class_reveal").click().run()
        student.run()
    else:
        student = open_page("landscape")
        widget(student, "button_group", "predict_pick_landscape").select(question.id).run()
        answer_choice(student, question.id, "w2")
        widget(student, "button", "predict_reveal").click().run()
    left = t("predict.other_scene", "en")
    assert left not in texts(student) and not [b for b in student.button if b.key == "predict_back"]
    alpha = widget(student, "select_slider", "ctl_alpha")
    alpha.set_value(next(float(a) for a in alpha.options if float(a) != question.values["alpha"])).run()
    assert not student.exception
    assert left in texts(student)
    assert "computed from the question's scene" in texts(student)  # not "from this scene"
    assert "computed from this scene" not in texts(student)
    widget(student, "button", "predict_back").click().run()
    assert "computed from this scene" in texts(student)
    assert student.session_state["decayviz_values"]["alpha"] == question.values["alpha"]
    assert left not in texts(student) and not [b for b in student.button if b.key == "predict_back"]


@pytest.mark.parametrize("apart_s", [0.0, 2.0])
def test_a_double_click_on_next_moves_the_class_once(monkeypatch, apart_s):
    """Next goes to the question after the one shown: the second press of a double click (which
    may come after the page drew the next question's button) would skip one for the whole class.
    A second press within NEXT_BOUNCE_S is ignored; one later moves on (time here is a clock the
    test sets, not the machine's speed)."""
    clock = [100.0]
    monkeypatch.setattr(classroom, "clock", lambda: clock[0])
    ids = list(QUESTIONS)
    teacher, room = open_class()
    ask(teacher, ids[0])
    widget(teacher, "button", "class_next").click().run()
    assert classroom.store().state(room.code).current == ids[1]
    clock[0] += apart_s
    widget(teacher, "button", "class_next").click().run()  # drawn under the second question
    assert not teacher.exception
    moved = apart_s >= classroom.NEXT_BOUNCE_S
    assert classroom.store().state(room.code).current == (ids[2] if moved else ids[1])


def test_a_revealed_tap_question_gives_the_alpha_sliders_row_to_the_plot():
    """The answer is about the question's α: its chart drops the α slider and the row it took
    under the plot (the plot grows), and has both back once the page leaves the question's scene."""
    from decayviz.figures.landscape import ALPHA_ROW_PX

    def main_layout(at) -> dict:
        [spec] = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"sliders"' in c.proto.spec]
        return spec["layout"]

    at = open_page("landscape")
    before = main_layout(at)
    assert len(before["sliders"]) == 2
    widget(at, "button_group", "predict_pick_landscape").select("landscape_end").run()
    widget(at, "button", "predict_reveal").click().run()
    revealed = main_layout(at)
    assert [s.get("name") for s in revealed["sliders"]] == [None]  # the step slider alone
    assert revealed["margin"]["b"] == before["margin"]["b"] - ALPHA_ROW_PX
    alpha = widget(at, "select_slider", "ctl_alpha")
    other = [
        float(a) for a in alpha.options if float(a) not in (0.0, QUESTIONS["landscape_end"].values["alpha"])
    ]
    alpha.set_value(other[0]).run()  # another (non-zero) α: the page's own chart, both sliders
    assert len(main_layout(at)["sliders"]) == 2
