"""The one suggestion of what to share (notifications/suggestion.py), branch by branch: a
recent meeting without a value story, then a tool used without an account, then an open
question in one's expertise, else writing a tool or case."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceKind, ResourceStatus
from notifications.suggestion import STORY_WEEKS, suggestion_for
from questions.models import QuestionStatus
from value.links import story_form_address

from .factories import (
    make_answer,
    make_event,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_story,
    make_uptake,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharer():
    user = make_member("deler@example.org")
    user.profile.expertise.add("buurtwerk")
    return user


def attended(user, slug="terugkomdag", days_ago=14):
    meeting = make_event(slug, days_ahead=-days_ago)
    make_registration(meeting, user, attended=True)
    return meeting


def write_a_tool_or_case():
    return reverse("knowledge:create")


# --- 1. A meeting attended lately, without a value story ------------------------------------


def test_a_recent_meeting_without_a_story_asks_for_one(sharer):
    meeting = attended(sharer)

    suggestion = suggestion_for(sharer)

    assert suggestion.address == story_form_address(meeting)
    assert meeting.title in suggestion.text


def test_the_newest_meeting_without_a_story_comes_first(sharer):
    attended(sharer, "eerder", days_ago=30)
    newest = attended(sharer, "later", days_ago=10)

    assert suggestion_for(sharer).address == story_form_address(newest)


def test_a_meeting_with_a_story_of_ones_own_is_not_suggested(sharer):
    told = attended(sharer, "verteld", days_ago=10)
    untold = attended(sharer, "niet-verteld", days_ago=20)
    make_story(sharer, about=(told,))

    assert suggestion_for(sharer).address == story_form_address(untold)


def test_someone_elses_story_about_the_meeting_does_not_count(sharer):
    meeting = attended(sharer)
    make_story(make_member("ander@example.org"), about=(meeting,))

    assert suggestion_for(sharer).address == story_form_address(meeting)


def test_a_meeting_longer_ago_than_the_weeks_or_not_attended_is_not_suggested(sharer):
    attended(sharer, "lang-geleden", days_ago=STORY_WEEKS * 7 + 1)
    absent = make_event("afwezig", days_ahead=-7)
    make_registration(absent, sharer, attended=False)

    assert suggestion_for(sharer).address == write_a_tool_or_case()


def test_a_meeting_still_going_on_is_not_suggested_yet(sharer):
    now = timezone.now()
    meeting = make_event("nu-bezig", start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    make_registration(meeting, sharer, attended=True)

    assert suggestion_for(sharer, now).address == write_a_tool_or_case()


# --- 2. A tool used without an account of using it --------------------------------------------


def record_uptake(tool):
    return reverse("knowledge:record_uptake", args=[tool.slug])


def test_a_tool_in_ones_own_story_without_an_account_asks_for_one(sharer):
    tool = make_item("straatgesprek", make_member("maker@example.org"), kind=ResourceKind.TOOL)
    make_story(sharer, about=(tool,))

    suggestion = suggestion_for(sharer)

    assert suggestion.address == record_uptake(tool)
    assert tool.title in suggestion.text


def test_a_tool_made_at_a_meeting_one_attended_asks_for_an_account(sharer):
    meeting = attended(sharer, days_ago=STORY_WEEKS * 7 + 10)  # too long ago for a story
    case = make_item("wijkcasus", kind=ResourceKind.CASE, event=meeting)

    assert suggestion_for(sharer).address == record_uptake(case)


def test_a_tool_with_an_account_of_ones_own_or_of_ones_own_making_is_not_suggested(sharer):
    used = make_item("al-gebruikt", kind=ResourceKind.TOOL)
    make_uptake(used, sharer)
    own = make_item("eigen-werkvorm", sharer, kind=ResourceKind.TOOL)
    make_story(sharer, about=(used, own))

    assert suggestion_for(sharer).address == write_a_tool_or_case()


def test_a_report_or_a_draft_is_not_a_tool_to_account_for(sharer):
    report = make_item("verslag", kind=ResourceKind.REPORT)
    draft = make_item("concept", kind=ResourceKind.TOOL, status=ResourceStatus.DRAFT)
    make_story(sharer, about=(report,))
    draft_meeting = attended(sharer, "met-concept", days_ago=STORY_WEEKS * 7 + 10)
    draft.event = draft_meeting
    draft.save()

    assert suggestion_for(sharer).address == write_a_tool_or_case()


def test_a_meeting_without_a_story_goes_before_a_tool(sharer):
    meeting = attended(sharer)
    tool = make_item("straatgesprek", kind=ResourceKind.TOOL)
    make_story(sharer, about=(tool,))

    assert suggestion_for(sharer).address == story_form_address(meeting)


# --- 3. An open question in one's expertise ----------------------------------------------------


def test_an_open_question_in_ones_expertise_asks_for_an_answer(sharer):
    question = make_question(slug="signalen", tags=["buurtwerk"])

    suggestion = suggestion_for(sharer)

    assert suggestion.address == question.get_absolute_url()
    assert question.title in suggestion.text


def test_questions_answered_helped_own_drafts_or_outside_the_expertise_are_not_suggested(
    sharer,
):
    asker = make_member("vrager@example.org")
    answered_by_me = make_question(asker, slug="al-beantwoord", tags=["buurtwerk"])
    make_answer(answered_by_me, sharer)
    helped = make_question(asker, slug="geholpen", tags=["buurtwerk"])
    helped.helped_answer = make_answer(helped, asker)
    helped.save()
    make_question(asker, slug="concept", tags=["buurtwerk"], status=QuestionStatus.DRAFT)
    make_question(sharer, slug="eigen-vraag", tags=["buurtwerk"])
    make_question(asker, slug="ander-thema", tags=["onderwijs"])

    assert suggestion_for(sharer).address == write_a_tool_or_case()


def test_a_tool_goes_before_a_question(sharer):
    tool = make_item("straatgesprek", kind=ResourceKind.TOOL)
    make_story(sharer, about=(tool,))
    make_question(slug="signalen", tags=["buurtwerk"])

    assert suggestion_for(sharer).address == record_uptake(tool)


# --- 4. Otherwise: write a tool or case --------------------------------------------------------


def test_with_nothing_else_to_suggest_write_a_tool_or_case(sharer):
    suggestion = suggestion_for(sharer)

    assert suggestion.address == write_a_tool_or_case()
    assert suggestion.text
    assert suggestion.link_text
