"""Give and take with questions (issue 15, item 8): questions asked, answers given and answers
that helped count as contributions on the profile, in the admin's "contributed nothing"
filter and in the data download; deleting an account keeps others' answers and credits the
person's own questions and answers to "voormalig lid" (portal/contributions.py,
portal/privacy.py)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Visibility
from members.models import Profile, User
from portal import privacy
from portal.contributions import without_contributions_since
from questions.models import Answer, HelpRequest, Question, QuestionStatus

from .factories import (
    make_answer,
    make_applicant,
    make_coordinator,
    make_event,
    make_member,
    make_question,
)
from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def giver(db):
    """A member who asked a public, a members-only and a draft question, and answered."""
    giver = make_member("gever@example.org", display_name="Gerda Gever")
    make_question(giver, title="Een openbare vraag", visibility=Visibility.PUBLIC)
    make_question(giver, title="Een vraag voor leden")
    make_question(giver, title="Een vraag in concept", status=QuestionStatus.DRAFT)
    other = make_member("vrager@example.org")
    helped = make_question(other, title="Een vraag die geholpen is")
    helped.helped_answer = make_answer(helped, giver, "Dit hielp")
    helped.save()
    members_only = make_question(other, title="Een andere vraag voor leden")
    make_answer(members_only, giver, "Gewoon een antwoord")
    hidden = make_question(other, title="Een vraag met verborgen antwoord")
    make_answer(hidden, giver, "Verborgen", hidden=True)
    return giver


def test_a_profile_lists_the_questions_and_answers_the_reader_may_see(client, giver):
    client.force_login(make_member("lezer@example.org"))
    response = client.get(giver.profile.get_absolute_url())
    page = text(response)
    assert "Gestelde vragen" in page
    assert "Een openbare vraag" in page and "Een vraag voor leden" in page
    assert "Een vraag in concept" not in page
    assert "Gegeven antwoorden" in page
    assert "Een vraag die geholpen is" in page
    assert "Een andere vraag voor leden" in page
    assert "Een vraag met verborgen antwoord" not in page
    helped = {answer.question.title: answer.helped for answer in response.context["answers"]}
    assert helped == {"Een vraag die geholpen is": True, "Een andere vraag voor leden": False}


def test_a_member_with_only_questions_has_shared_something(client):
    asker = make_member("vrager@example.org")
    make_question(asker, title="Mijn vraag")
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(asker.profile.get_absolute_url()))
    assert "Nog niets gedeeld." not in page


def test_the_profile_costs_the_same_with_more_questions(
    client, giver, django_assert_max_num_queries, page_cache_off
):
    reader = make_member("lezer@example.org")
    client.force_login(reader)
    url = giver.profile.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for number in range(10):
        make_question(giver, title=f"Nog een vraag {number}")
        make_answer(make_question(reader, title=f"Vraag {number}"), giver)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


LONG_AGO = timezone.now() - timedelta(days=120)
SINCE = timezone.now() - timedelta(days=30)


def test_asking_and_answering_count_for_the_contributed_nothing_filter():
    asked = make_member("vroeg@example.org", approved_at=LONG_AGO)
    answered = make_member("antwoordde@example.org", approved_at=LONG_AGO)
    drafted = make_member("concept@example.org", approved_at=LONG_AGO)
    idle = make_member("niets@example.org", approved_at=LONG_AGO)
    old_asker = make_member("oud@example.org", approved_at=LONG_AGO)
    make_question(asked)
    make_question(drafted, status=QuestionStatus.DRAFT)
    old = make_question(old_asker, published_at=LONG_AGO)
    make_answer(old, answered)
    quiet = without_contributions_since(Profile.objects.all(), SINCE)
    assert {profile.user for profile in quiet} == {drafted, idle, old_asker}


def test_the_admin_filter_leaves_out_members_who_answered(client):
    make_answer(make_question(), make_member("antwoordde@example.org", approved_at=LONG_AGO))
    make_member("niets@example.org", approved_at=LONG_AGO)
    client.force_login(make_coordinator())
    page = text(client.get("/admin/members/profile/?zonder_bijdrage=3"))
    assert "niets@example.org" in page or "Niets" in page
    assert "Antwoordde" not in page


@pytest.fixture
def with_requests(giver):
    other = make_member("anderen@example.org")
    question = Question.objects.get(title="Een openbare vraag")
    HelpRequest.objects.create(question=question, member=other, asked_by=giver)
    theirs = make_question(other, title="Een vraag aan Gerda")
    HelpRequest.objects.create(
        question=theirs, member=giver, asked_by=other, sent_at=timezone.now()
    )
    return giver


def test_the_data_download_holds_questions_answers_and_requests(client, with_requests):
    client.force_login(with_requests)
    data = json.loads(client.get(reverse("members:export")).content)
    assert [q["title"] for q in data["questions"]] == [
        "Een openbare vraag",
        "Een vraag voor leden",
        "Een vraag in concept",
    ]
    assert {a["to"]: a["helped"] for a in data["answers"]} == {
        "Een vraag die geholpen is": True,
        "Een andere vraag voor leden": False,
        "Een vraag met verborgen antwoord": False,
    }
    assert [r["question"] for r in data["help_requests_received"]] == ["Een vraag aan Gerda"]
    made = data["help_requests_made"]
    assert [(r["question"], r["sent_at"]) for r in made] == [("Een openbare vraag", None)]


def test_deleting_an_account_keeps_others_answers_and_credits_a_former_member(
    client, with_requests
):
    question = Question.objects.get(title="Een openbare vraag")
    others_answer = make_answer(question, make_member("helper@example.org"), "Mijn antwoord")
    helped = Answer.objects.get(body="Dit hielp")
    privacy.erase_member(with_requests)

    question.refresh_from_db()
    assert question.asker is None
    assert question.asker_name() == "voormalig lid"
    assert Answer.objects.filter(pk=others_answer.pk, author__isnull=False).exists()
    helped.refresh_from_db()
    assert helped.author is None and helped.author_name() == "voormalig lid"
    assert Question.objects.get(title="Een vraag die geholpen is").helped_answer == helped
    # Drafts are personal notes; requests to them or waiting in their name go.
    assert not Question.objects.filter(title="Een vraag in concept").exists()
    assert not HelpRequest.objects.exists()


def test_a_sent_request_stays_for_the_member_who_was_asked(with_requests):
    request = HelpRequest.objects.get(member__email="anderen@example.org")
    request.sent_at = timezone.now()
    request.save()
    privacy.erase_member(with_requests)
    request.refresh_from_db()
    assert request.asked_by is None


def test_a_former_members_profile_is_gone_and_the_pages_still_work(client, with_requests):
    profile_url = with_requests.profile.get_absolute_url()
    meeting = make_event("bijeenkomst")
    Question.objects.get(title="Een openbare vraag").events.add(meeting)
    asker = User.objects.get(email="vrager@example.org")
    privacy.erase_member(with_requests)
    client.force_login(make_member("lezer@example.org"))
    assert client.get(profile_url).status_code == 404
    # The asker whose question the former member answered, and the meeting's agenda.
    assert "Een vraag die geholpen is" in text(client.get(asker.profile.get_absolute_url()))
    assert "Een openbare vraag" in text(client.get(meeting.get_absolute_url()))


@pytest.mark.parametrize("role", ["visitor", "applicant"])
def test_questions_on_a_members_profile_do_not_leak(client, giver, role):
    if role == "applicant":
        client.force_login(make_applicant())
    page = text(client.get(giver.profile.get_absolute_url(), follow=True))
    assert "Een vraag voor leden" not in page


def test_the_question_page_and_feed_credit_a_former_member(client, with_requests):
    question = Question.objects.get(title="Een openbare vraag")
    helper_answer = make_answer(question, make_member("helper@example.org", display_name="Hans"))
    answered = Question.objects.get(title="Een vraag die geholpen is")
    privacy.erase_member(with_requests)
    page = text(client.get(question.get_absolute_url()))
    assert "Gesteld door voormalig lid" in page
    assert helper_answer.body in page
    feed = client.get(reverse("questions:feed")).content.decode()
    assert "<name>voormalig lid</name>" in feed
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(answered.get_absolute_url()))
    assert "voormalig lid" in page and "Dit hielp" in page
