"""Who can help with a question (questions/matching.py): members who chose to be asked,
ranked by the expertise tags they share with the question and by their answers that helped
on questions with those tags, each with one line that says why."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from knowledge.models import Visibility
from members.models import MembershipStatus, ParticipationLevel
from questions.matching import who_can_help
from questions.models import HelpRequest, QuestionStatus

from .factories import (
    make_answer,
    make_coordinator,
    make_member,
    make_profile,
    make_question,
    make_user,
)
from .helpers import content, count_queries, email_settings_data, profile_form_data, text
from .test_html_validity import nu_html_checker, readable

pytestmark = pytest.mark.django_db


def expert(email: str, *tags: str, open_to_questions: bool = True, **fields):
    user = make_member(email, open_to_questions=open_to_questions, **fields)
    user.profile.expertise.add(*tags)
    return user


def helped(author, *tags: str, **fields):
    """A published question with `tags` that `author`'s answer helped."""
    question = make_question(tags=list(tags), **fields)
    question.helped_answer = make_answer(question, author)
    question.save()
    return question


def names(helpers) -> list[str]:
    return [helper.profile.display_name for helper in helpers]


@pytest.fixture
def asker():
    return expert("vrager@example.org", "armoede", display_name="Vera Vrager")


@pytest.fixture
def question(asker):
    return make_question(asker, tags=["armoede", "signaalfunctie"])


def test_members_rank_by_shared_tags_and_answers_that_helped(asker, question):
    both = expert("beide@example.org", "armoede", "signaalfunctie", display_name="Bas Beide")
    answerer = expert("helper@example.org", "armoede", display_name="Hanna Helper")
    helped(answerer, "armoede")
    helped(answerer, "armoede", "wonen")
    expert("een@example.org", "signaalfunctie", display_name="Eva Een")
    expert("ander@example.org", "wonen", display_name="Ali Ander")  # no shared tag

    helpers = who_can_help(question, asker)

    # Hanna: one tag and two answers that helped (3); Bas: two tags (2); Eva: one tag.
    assert names(helpers) == ["Hanna Helper", "Bas Beide", "Eva Een"]
    assert [helper.user for helper in helpers][:2] == [answerer, both]


def test_the_explanation_names_the_tags_and_counts_the_answers(asker, question):
    answerer = expert("helper@example.org", "armoede", "signaalfunctie")
    helped(answerer, "armoede")
    helped(answerer, "armoede", "wonen")
    expert("een@example.org", "signaalfunctie")

    with translation.override("nl"):
        lines = [helper.explanation for helper in who_can_help(question, asker)]
    with translation.override("en"):
        english = [helper.explanation for helper in who_can_help(question, asker)]

    assert lines == [
        "deelt de tags armoede en signaalfunctie; beantwoordde 2 vragen over armoede",
        "deelt de tag signaalfunctie",
    ]
    assert (
        english[0] == "shares the tags armoede and signaalfunctie; answered 2 questions on armoede"
    )


def test_an_answer_that_helped_counts_without_a_shared_tag(asker, question):
    answerer = expert("helper@example.org", "wonen")
    helped(answerer, "signaalfunctie")

    with translation.override("nl"):
        (helper,) = who_can_help(question, asker)

    assert helper.user == answerer
    assert helper.explanation == "beantwoordde 1 vraag over signaalfunctie"


def test_answers_that_count_are_those_that_helped_on_published_questions(asker, question):
    answerer = expert("helper@example.org", "wonen")
    other = make_question(tags=["armoede"])
    make_answer(other, answerer)  # answered, but not the answer that helped
    helped(answerer, "armoede", status=QuestionStatus.DRAFT)

    assert who_can_help(question, asker) == []


@pytest.mark.parametrize(
    "who",
    [
        "opted_out",
        "paused",
        "ended",
        "applicant",
        "switched_off",
        "already_asked",
        "answered",
        "answered_hidden",
        "asker",
    ],
)
def test_who_cannot_be_offered(asker, question, who):
    fitting = {"armoede", "signaalfunctie"}
    if who == "opted_out":
        expert("x@example.org", *fitting, open_to_questions=False)
    elif who in {"paused", "ended", "applicant"}:
        status = {"paused": MembershipStatus.PAUSED, "ended": MembershipStatus.ENDED}.get(
            who, MembershipStatus.APPLIED
        )
        user = make_user("x@example.org")
        profile = make_profile(user, status, ParticipationLevel.MEETINGS, open_to_questions=True)
        profile.expertise.add(*fitting)
    elif who == "switched_off":
        member = expert("x@example.org", *fitting)
        member.is_active = False
        member.save()
    elif who == "already_asked":
        member = expert("x@example.org", *fitting)
        HelpRequest.objects.create(question=question, member=member, asked_by=asker)
    elif who in {"answered", "answered_hidden"}:
        answer = make_answer(question, expert("x@example.org", *fitting))
        answer.hidden = who == "answered_hidden"
        answer.save()
    else:
        asker.profile.open_to_questions = True
        asker.profile.save()

    assert who_can_help(question, asker) == []


def test_the_coordinator_looking_is_not_offered_to_themselves(question):
    coordinator = make_coordinator()
    assert who_can_help(question, coordinator) == []


def test_a_question_without_tags_or_unpublished_has_nobody(asker):
    expert("x@example.org", "armoede")
    untagged = make_question(asker)
    draft = make_question(asker, tags=["armoede"], status=QuestionStatus.DRAFT)

    assert who_can_help(untagged, asker) == []
    assert who_can_help(draft, asker) == []


def test_at_most_five_best_first(asker, question):
    for number in range(8):
        expert(f"lid{number}@example.org", "armoede", display_name=f"Lid {number}")
    best = expert("best@example.org", "armoede", "signaalfunctie", display_name="Zz Best")

    helpers = who_can_help(question, asker)

    assert len(helpers) == 5
    assert helpers[0].user == best
    assert names(helpers)[1:] == ["Lid 0", "Lid 1", "Lid 2", "Lid 3"]  # ties: by name


def test_a_members_only_question_is_offered_to_members_who_may_see_it(asker):
    members_only = make_question(asker, tags=["armoede"], visibility=Visibility.MEMBERS)
    member = expert("lid@example.org", "armoede")

    assert [helper.user for helper in who_can_help(members_only, asker)] == [member]


def fill(count: int, start: int) -> None:
    """`count` more fitting members, each with an answer that helped."""
    for number in range(start, start + count):
        member = expert(f"expert{number}@example.org", "armoede", "signaalfunctie")
        helped(member, "armoede", "signaalfunctie")


def test_the_number_of_queries_does_not_grow_with_the_members(asker, question):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert who_can_help(question, asker)
        return len(captured)

    fill(3, 0)
    few = queries()
    fill(30, 3)
    many = queries()

    assert few == many <= 5


# --- The choice on the profile ----------------------------------------------------------------


def test_members_choose_on_their_profile_to_be_asked(client, asker, question):
    member = make_member("lid@example.org")
    member.profile.expertise.add("armoede")
    client.force_login(member)
    page = text(client.get(reverse("members:my_profile")))
    assert "Ik word graag om hulp gevraagd bij vragen" in page
    assert "hooguit drie van zulke e-mails per week" in page
    assert not member.profile.open_to_questions  # off until they choose
    assert who_can_help(question, asker) == []

    data = profile_form_data(member.profile, open_to_questions="on")
    response = client.post(reverse("members:my_profile"), data)

    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.open_to_questions
    assert [helper.user for helper in who_can_help(question, asker)] == [member]


def test_members_choose_on_their_email_settings_to_hear_of_answers(client):
    member = make_member("lid@example.org")
    client.force_login(member)
    assert "Mail mij over antwoorden op mijn vragen" in text(
        client.get(reverse("members:email_settings"))
    )
    data = email_settings_data(member.profile, notify_on_answers="")
    assert client.post(reverse("members:email_settings"), data).status_code == 302
    member.profile.refresh_from_db()
    assert not member.profile.notify_on_answers


# --- The list on the question page ------------------------------------------------------------


def test_the_asker_sees_who_can_help_with_a_button_each(client, asker, question):
    helper = expert("helper@example.org", "armoede", display_name="Hanna Helper")
    asked = expert("gevraagd@example.org", "armoede", display_name="Gijs Gevraagd")
    HelpRequest.objects.create(question=question, member=asked, asked_by=asker)
    client.force_login(asker)

    page = content(client.get(question.get_absolute_url()))

    assert '<h2 id="wie-kan-helpen">Wie kan helpen</h2>' in page
    assert f'<a href="{helper.profile.get_absolute_url()}">Hanna Helper</a>' in page
    assert "deelt de tag armoede" in page
    ask = reverse("questions:ask_for_help", args=[question.slug, helper.profile.pk])
    assert f'<form method="post" action="{ask}">' in page
    assert "Vraag Hanna Helper om hulp" in page
    assert 'name="csrfmiddlewaretoken"' in page
    # Already asked: named, marked, and no button.
    assert f'<a href="{asked.profile.get_absolute_url()}">Gijs Gevraagd</a>' in page
    assert '<strong class="tag">gevraagd</strong>' in page
    assert "Vraag Gijs Gevraagd om hulp" not in page


def test_the_list_is_gone_once_an_answer_helped(client, asker, question):
    expert("helper@example.org", "armoede", display_name="Hanna Helper")
    question.helped_answer = make_answer(question, make_member("a@example.org"))
    question.save()
    client.force_login(asker)
    page = content(client.get(question.get_absolute_url()))
    assert "wie-kan-helpen" not in page
    assert "Hanna Helper" not in page


def test_the_list_says_so_when_nobody_fits(client, asker, question):
    client.force_login(asker)
    page = text(client.get(question.get_absolute_url()))
    assert "Er is nog niemand die om hulp gevraagd wil worden" in page


@pytest.mark.parametrize("who", ["coordinator", "another_member", "visitor"])
def test_only_the_asker_and_the_coordinator_see_the_list(client, question, who):
    expert("helper@example.org", "armoede", display_name="Hanna Helper")
    if who == "coordinator":
        client.force_login(make_coordinator())
    elif who == "another_member":
        client.force_login(make_member("ander@example.org"))
        question.visibility = Visibility.PUBLIC  # a visitor may read a public question
        question.save()

    page = text(client.get(question.get_absolute_url()))

    assert ("Wie kan helpen" in page) is (who == "coordinator")
    assert ("Vraag Hanna Helper om hulp" in page) is (who == "coordinator")


def test_the_question_page_costs_the_same_with_more_members(
    client, page_cache_off, asker, question
):
    onlooker = make_member("ander@example.org")

    def queries(user) -> int:
        client.force_login(user)
        return count_queries(client, question.get_absolute_url())

    fill(3, 0)
    few = (queries(asker), queries(onlooker))
    fill(30, 3)
    HelpRequest.objects.create(
        question=question, member=make_member("x@example.org", open_to_questions=True)
    )
    many = (queries(asker), queries(onlooker))

    assert few == many


def test_the_list_is_valid_html(client, asker, question, tmp_path):
    helper = expert("helper@example.org", "armoede", display_name="Hanna Helper")
    helped(helper, "armoede")
    asked = expert("gevraagd@example.org", "armoede", display_name="Gijs Gevraagd")
    HelpRequest.objects.create(question=question, member=asked, asked_by=asker)
    client.force_login(asker)
    page = content(client.get(question.get_absolute_url()))
    assert "Vraag Hanna Helper om hulp" in page

    errors = nu_html_checker({"question page, as its asker": page}, tmp_path)

    assert not any(errors.values()), readable(errors)
