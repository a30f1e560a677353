"""The value story form reads well without JavaScript and stays short as the atelier grows:
meetings, tools and questions as checkboxes, each list bounded (the writer's own recent
meetings, what they worked on and the newest few, what the follow-up names); text fields
say their limit and take more, so the form says clearly when a text is too long instead of
the browser cutting it off (value/forms.py, value/stories.py, atelier/forms.py)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceKind
from value import stories
from value.models import CycleState, StoryAudience, ValueStory

from .factories import (
    make_answer,
    make_comment,
    make_event,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_uptake,
)
from .helpers import assert_form_error_page, content, text

pytestmark = pytest.mark.django_db

CREATE = reverse("value:create")


@pytest.fixture
def writer():
    return make_member("schrijver@example.org", display_name="Sanne Schrijver")


def offered(form, name: str) -> list[str]:
    return [str(choice) for choice in form.fields[name].queryset]


def test_the_choices_are_checkboxes_in_bounded_boxes(client, writer):
    meeting = make_event("signaleren", title="Signaleren", days_ahead=-3)
    make_registration(meeting, writer, attended=True)
    make_item("het-buurtgesprek", kind=ResourceKind.TOOL)
    client.force_login(writer)
    page = content(client.get(CREATE))
    for name in ("events", "resources", "questions"):
        assert f'<select name="{name}"' not in page
    assert re.search(r'<input type="checkbox" name="events" value="\d+"', page)
    assert re.search(r'<input type="checkbox" name="resources" value="\d+"', page)
    assert 'class="fieldset story-choices"' in page
    assert "Ctrl" not in page


def test_the_tools_offered_are_those_the_writer_worked_on_and_the_newest(writer):
    now = timezone.now()
    old = {
        name: make_item(
            f"oud-{name}",
            kind=ResourceKind.TOOL,
            title=f"Oud {name}",
            published_at=now - timedelta(days=400),
        )
        for name in ("geschreven", "gebruikt", "besproken", "onaangeroerd")
    }
    old["geschreven"].set_authors([writer])
    make_uptake(old["gebruikt"], writer)
    make_comment(old["besproken"], writer)
    for number in range(stories.NEWEST_OFFERED + 5):
        make_item(
            f"nieuw-{number}",
            kind=ResourceKind.TOOL,
            title=f"Nieuw {number:02d}",
            published_at=now - timedelta(days=number),
        )

    tools = [str(tool) for tool in stories.resources_to_choose(writer)]

    assert {"Oud geschreven", "Oud gebruikt", "Oud besproken"} <= set(tools)
    assert "Oud onaangeroerd" not in tools
    newest = {f"Nieuw {number:02d}" for number in range(stories.NEWEST_OFFERED)}
    assert newest <= set(tools)
    assert len(tools) == 3 + stories.NEWEST_OFFERED


def test_the_questions_offered_are_those_asked_or_answered_and_the_newest(writer):
    other = make_member("ander@example.org")
    asked = make_question(writer, title="Mijn eigen vraag")
    answered = make_question(other, title="Vraag die ik beantwoordde")
    make_answer(answered, writer)
    for number in range(stories.NEWEST_OFFERED + 5):
        make_question(other, title=f"Andere vraag {number:02d}")

    questions = [str(question) for question in stories.questions_to_choose(writer)]

    assert str(asked) in questions and str(answered) in questions
    assert len(questions) <= 2 + stories.NEWEST_OFFERED


def test_the_meetings_offered_are_the_writers_most_recent_and_the_follow_ups(client, writer):
    long_ago = make_event("lang-geleden", title="Lang geleden", days_ahead=-400)
    make_registration(long_ago, writer, attended=True)
    for number in range(stories.EVENTS_OFFERED):
        recent = make_event(f"recent-{number}", days_ahead=-1 - number)
        make_registration(recent, writer, attended=True)
    client.force_login(writer)

    plain = client.get(CREATE).context["form"]
    prefilled = client.get(CREATE, {"bijeenkomst": long_ago.slug}).context["form"]

    assert len(offered(plain, "events")) == stories.EVENTS_OFFERED
    assert long_ago not in plain.fields["events"].queryset
    assert long_ago in prefilled.fields["events"].queryset
    assert prefilled["events"].value() == [long_ago.pk]


def test_text_fields_say_their_limit_and_let_the_server_say_when_it_is_passed(client, writer):
    client.force_login(writer)
    page = text(client.get(CREATE))
    form = page[page.index('<form class="form"') :]
    assert "maxlength" not in form
    assert "Ten hoogste 200 tekens." in page  # the title
    assert page.count("Ten hoogste 2.000 tekens.") == 5  # each cycle

    response = client.post(
        CREATE,
        {
            "title": "T" * 201,
            "applied": "a" * 2_001,
            "applied_state": CycleState.HAPPENED,
            "audience": StoryAudience.MEMBERS,
        },
    )

    assert_form_error_page(
        response,
        "Houd de titel op ten hoogste 200 tekens; nu zijn het er 201.",
        "Houd dit deel op ten hoogste 2.000 tekens; nu zijn het er 2001.",
    )
    assert not ValueStory.objects.exists()
