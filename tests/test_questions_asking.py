"""Asking a question: who may ask, drafts and publishing, the asker's edits, the page."""

import pytest
from django.urls import reverse

from knowledge.models import Visibility
from questions.models import Question, QuestionStatus

from .factories import make_coordinator, make_member, make_question, make_role
from .helpers import SCRIPT, content, is_login_redirect, question_data, text

pytestmark = pytest.mark.django_db

ASK = reverse("questions:ask")


@pytest.fixture
def asker(db):
    return make_member("vrager@example.org", display_name="Fatima Bakker", sector="practice")


def test_a_member_publishes_a_question(client, asker):
    client.force_login(asker)
    response = client.post(ASK, question_data(publish="1"))
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.asker == asker
    assert question.is_published and question.published_at is not None
    assert question.slug == "hoe-houd-ik-de-signaalfunctie-overeind"
    assert sorted(tag.name for tag in question.tags.all()) == ["gemeente", "signalering"]
    assert "<strong>alleen</strong>" in question.body_html
    page = text(client.get(question.get_absolute_url()))
    assert "Fatima Bakker" in page
    assert "(Praktijk)" in page  # the asker's sector


def test_a_draft_is_seen_by_its_asker_and_the_coordinator_only(client, asker):
    client.force_login(asker)
    client.post(ASK, question_data(draft="1"))
    question = Question.objects.get()
    assert question.is_draft and question.published_at is None
    url = question.get_absolute_url()
    assert "Concept: alleen jij en de coördinator zien deze vraag." in text(client.get(url))
    for role in ["visitor", "applicant", "member_online"]:
        client.logout()
        user = make_role(role)
        if user is not None:
            client.force_login(user)
        assert client.get(url).status_code == 404, role
    client.force_login(make_coordinator())
    assert client.get(url).status_code == 200


def test_a_draft_is_published_later_from_the_edit_form(client, asker):
    question = make_question(asker, status=QuestionStatus.DRAFT)
    client.force_login(asker)
    client.post(reverse("questions:edit", args=[question.slug]), question_data(publish="1"))
    question.refresh_from_db()
    assert question.is_published
    assert question.edited_at is None  # publishing a draft is not an edit


def test_a_draft_is_published_from_its_page_by_its_asker(client, asker):
    question = make_question(asker, status=QuestionStatus.DRAFT)
    publish = reverse("questions:publish", args=[question.slug])
    client.force_login(asker)
    page = content(client.get(question.get_absolute_url()))
    assert f'<form method="post" action="{publish}">' in page
    assert '<span class="tag">Open</span>' not in page  # a draft is not open yet
    assert client.get(publish).status_code == 405
    response = client.post(publish)
    assert response["Location"] == question.get_absolute_url()
    question.refresh_from_db()
    assert question.is_published and question.published_at is not None
    assert question.edited_at is None
    page = content(client.get(question.get_absolute_url()))
    assert "Je vraag is gepubliceerd." in page
    assert '<span class="tag">Open</span>' in page
    assert publish not in page


def test_nobody_else_publishes_a_draft(client, asker):
    question = make_question(asker, status=QuestionStatus.DRAFT)
    publish = reverse("questions:publish", args=[question.slug])
    coordinator = make_coordinator()
    client.force_login(coordinator)
    assert publish not in content(client.get(question.get_absolute_url()))
    for user in [coordinator, make_member("ander@example.org")]:
        client.force_login(user)
        assert client.post(publish).status_code == 404
    client.logout()
    assert is_login_redirect(client.post(publish))
    question.refresh_from_db()
    assert question.is_draft


def test_the_asker_edits_a_published_question_and_the_edit_time_shows(client, asker):
    question = make_question(asker, title="Eerste versie")
    client.force_login(asker)
    response = client.post(
        reverse("questions:edit", args=[question.slug]), question_data(title="Tweede versie")
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title == "Tweede versie"
    assert question.is_published
    assert question.edited_at is not None
    page = text(client.get(question.get_absolute_url()))
    assert "Je vraag is gewijzigd." in page
    assert "bewerkt op" in page


@pytest.mark.parametrize("role", ["member_online", "coordinator"])
def test_nobody_but_the_asker_edits_a_question(client, asker, role):
    question = make_question(asker, title="Van de vrager")
    client.force_login(make_role(role))
    edit = reverse("questions:edit", args=[question.slug])
    assert client.get(edit).status_code == 404
    assert client.post(edit, question_data(title="Gekaapt")).status_code == 404
    question.refresh_from_db()
    assert question.title == "Van de vrager"


def test_visitors_are_sent_to_log_in_and_applicants_may_not_ask(client):
    assert is_login_redirect(client.get(ASK))
    assert is_login_redirect(client.post(ASK, question_data(publish="1")))
    client.force_login(make_role("applicant"))
    assert client.post(ASK, question_data(publish="1")).status_code == 403
    assert not Question.objects.exists()


def test_a_public_question_is_read_by_visitors_a_members_question_is_not(client, asker):
    public = make_question(asker, title="Openbaar", visibility=Visibility.PUBLIC)
    members_only = make_question(asker, title="Voor leden")
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(members_only.get_absolute_url()).status_code == 404


def test_two_questions_with_the_same_title_get_their_own_addresses(client, asker):
    client.force_login(asker)
    client.post(ASK, question_data(publish="1"))
    client.post(ASK, question_data(publish="1"))
    first, second = Question.objects.order_by("pk")
    assert first.slug != second.slug


@pytest.mark.parametrize("title", ["nieuw", "feed"])
def test_a_question_never_takes_an_address_of_the_questions_pages(client, asker, title):
    client.force_login(asker)
    client.post(ASK, question_data(title=title, publish="1"))
    assert Question.objects.get().slug != title


def test_the_question_is_sanitized(client, asker):
    client.force_login(asker)
    client.post(ASK, question_data(title=f"Vraag {SCRIPT}", body=f"Tekst {SCRIPT}", publish="1"))
    question = Question.objects.get()
    assert "<script" not in question.body_html
    content = client.get(question.get_absolute_url()).content.decode()
    assert SCRIPT not in content
