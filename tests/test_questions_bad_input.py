"""Bad input in every form of the questions: empty, wrong, huge (100 KB) and hostile values get
a clear Dutch message next to the field, save nothing half-way and never cause a 500."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from questions import answering
from questions.models import Answer, Question

from .factories import make_member, make_question
from .helpers import (
    NULL_CHARACTERS,
    SCRIPT,
    assert_form_error_page,
    invalid_choice,
    question_data,
)
from .test_hostile_input import (
    HOSTILE,
    assert_never_500,
    assert_refused_clearly,
    choice,
    field,
    fresh_client,
    is_clean_line,
)

pytestmark = pytest.mark.django_db

ASK = reverse("questions:ask")
HUGE = "ä" * 100_001
EMPTY_TITLE = "Schrijf je vraag."
EMPTY_BODY = "Beschrijf de situatie uit de praktijk."
EMPTY_ANSWER = "Schrijf eerst je antwoord."


@pytest.fixture
def member(db):
    return make_member("vrager@example.org")


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        (
            {"title": "", "body": "", "visibility": ""},
            [EMPTY_TITLE, EMPTY_BODY, "Kies wie je vraag mag lezen."],
        ),
        ({"title": "   ", "body": " \n\t "}, [EMPTY_TITLE, EMPTY_BODY]),
        ({"title": HUGE}, ["Houd je vraag korter dan 200 tekens."]),
        ({"body": HUGE}, ["Houd de beschrijving korter dan 100.000 tekens."]),
        ({"tags": HUGE}, ["Houd elke tag korter dan 50 tekens."]),
        ({"tags": ", ".join(f"tag{n}" for n in range(13))}, ["Gebruik hoogstens 12 tags."]),
        ({"visibility": "geheim"}, [invalid_choice("geheim")]),
        ({"visibility": SCRIPT}, [invalid_choice(SCRIPT)]),
        ({"title": "Vraag\x00"}, [NULL_CHARACTERS]),
        ({"title": "\u202e\u200b"}, ["Gebruik alleen letters, cijfers en leestekens."]),
    ],
)
def test_the_ask_form_refuses_bad_input_clearly(client, member, overrides, messages):
    client.force_login(member)
    response = client.post(ASK, question_data(publish="1", **overrides))
    assert_form_error_page(response, *messages)
    assert not Question.objects.exists()


def test_a_refused_edit_keeps_the_question_as_it_was(client, member):
    question = make_question(member, title="Zoals het was", tags=["buurt"])
    client.force_login(member)
    response = client.post(
        reverse("questions:edit", args=[question.slug]), question_data(title="", tags="nieuw")
    )
    assert_form_error_page(response, EMPTY_TITLE)
    question.refresh_from_db()
    assert question.title == "Zoals het was" and question.edited_at is None
    assert list(question.tags.names()) == ["buurt"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", EMPTY_ANSWER),
        (" \n ", EMPTY_ANSWER),
        ("\x00", NULL_CHARACTERS),
        (HUGE, "Houd je antwoord korter dan 100.000 tekens."),
    ],
)
def test_the_answer_form_refuses_bad_input_clearly(client, member, body, message):
    question = make_question(member)
    client.force_login(make_member("antwoorder@example.org"))
    response = client.post(reverse("questions:answer", args=[question.slug]), {"body": body})
    assert_form_error_page(response, message)
    assert not Answer.objects.exists()
    question.refresh_from_db()
    assert question.answer_count == 0


def test_a_refused_answer_edit_keeps_the_answer(client, member):
    answerer = make_member("antwoorder@example.org")
    answer = answering.add_answer(make_question(member), answerer, "Zoals het was.")
    client.force_login(answerer)
    response = client.post(reverse("questions:edit_answer", args=[answer.pk]), {"body": HUGE})
    assert_form_error_page(response, "Houd je antwoord korter dan 100.000 tekens.")
    answer.refresh_from_db()
    assert answer.body == "Zoals het was." and answer.edited_at is None


QUESTION_FIELDS = {
    "title": field("Hoe betrek ik jongeren bij de wijkraad?"),
    "body": field("Ze komen **niet** naar de avonden."),
    "tags": field("jongeren, participatie"),
    "visibility": choice("public", "members"),
    "button": st.sampled_from(["draft", "publish"]),
}


@HOSTILE
@given(data=st.fixed_dictionaries(QUESTION_FIELDS))
def test_the_ask_form_takes_anything(member, data):
    post = {key: value for key, value in data.items() if key != "button"} | {data["button"]: "1"}
    response = fresh_client(member).post(ASK, post)
    assert_never_500(response)
    if response.status_code == 302:
        question = Question.objects.get()
        assert is_clean_line(question.title) and question.slug
        assert question.body.strip() and "<script" not in question.body_html
        assert all(is_clean_line(tag) and len(tag) <= 50 for tag in question.tags.names())
        assert question.is_published is (data["button"] == "publish")
        question.delete()
    else:
        assert_refused_clearly(response)
        assert not Question.objects.exists()


@HOSTILE
@given(body=field("Wij houden een signalenlogboek bij."))
def test_the_answer_form_takes_anything(member, body):
    question = Question.objects.first() or make_question(member)
    response = fresh_client(member).post(
        reverse("questions:answer", args=[question.slug]), {"body": body}
    )
    assert_never_500(response)
    if response.status_code == 302:
        answer = Answer.objects.get()
        assert answer.body == answer.body.strip() and "\x00" not in answer.body
        assert "<script" not in answer.body_html
        answer.delete()
    else:
        assert_refused_clearly(response)
        assert not Answer.objects.exists()
