"""Writing a value story: the form offers only what the writer may choose, opens with the
follow-up e-mail's meeting, and answers bad input (empty, no cycle, wrong or forbidden
ids, huge, hostile) with a clear Dutch message next to the field, saving nothing. Only
the author edits and deletes their own story."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from knowledge.models import ResourceKind, ResourceStatus, Visibility
from members.models import MembershipStatus
from questions.models import QuestionStatus
from value.models import CycleState, StoryAudience, ValueStory

from .factories import (
    make_event,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_story,
)
from .helpers import NULL_CHARACTERS, SCRIPT, assert_form_error_page, invalid_choice, text
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

CREATE = reverse("value:create")
HUGE = "ä" * 100_001
NO_TITLE = "Geef je verhaal een titel."
NO_CYCLE = "Vertel over ten minste één cyclus: een paar zinnen is genoeg."
NO_STATE = "Geef aan of dit gebeurd is of dat je het van plan bent."
TOO_LONG = "Houd dit deel op ten hoogste 2.000 tekens; nu zijn het er 100001."


@pytest.fixture
def writer():
    return make_member("schrijver@example.org", display_name="Sanne Schrijver")


@pytest.fixture
def attended(writer):
    meeting = make_event("bijeenkomst-signaleren", title="Signaleren", days_ahead=-28)
    make_registration(meeting, writer, attended=True)
    return meeting


def story_data(**overrides) -> dict:
    data = {
        "title": "Een straatgesprek dat bewoners nu zelf leiden",
        "applied": "Ik heb het buurtgesprek in mijn eigen straat gehouden.",
        "applied_state": CycleState.HAPPENED,
        "reframing": "Succes is voor mij nu: bewoners die het zonder mij doen.",
        "reframing_state": CycleState.INTENDED,
        "audience": StoryAudience.MEMBERS,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_member_writes_a_story_about_what_they_took_part_in(client, writer, attended):
    tool = make_item("het-buurtgesprek", kind=ResourceKind.TOOL)
    question = make_question(writer)
    client.force_login(writer)

    response = client.post(
        CREATE,
        story_data(events=[attended.pk], resources=[tool.pk], questions=[question.pk]),
    )

    story = ValueStory.objects.get()
    assert response.status_code == 302 and response.url == story.get_absolute_url()
    assert story.author == writer and story.audience == StoryAudience.MEMBERS
    assert [told.cycle for told in story.told_cycles()] == ["applied", "reframing"]
    assert story.reframing_state == CycleState.INTENDED
    assert list(story.events.all()) == [attended]
    assert list(story.resources.all()) == [tool]
    assert list(story.questions.all()) == [question]
    page = text(client.get(story.get_absolute_url()))
    assert "Ik heb het buurtgesprek in mijn eigen straat gehouden." in page
    assert "Signaleren" in page and "Het buurtgesprek" in page


def test_the_form_opens_with_the_meeting_of_the_follow_up(client, writer, attended):
    client.force_login(writer)

    form = client.get(CREATE, {"bijeenkomst": attended.slug}).context["form"]

    assert form["events"].value() == [attended.pk]
    assert NO_CYCLE not in text(client.get(CREATE))  # no message before posting


def test_a_meeting_is_offered_when_someone_else_missed_it(client, writer, attended):
    # Another member's absence at the same meeting must not hide it from the writer.
    make_registration(attended, make_member("afwezig@example.org"), attended=False)
    client.force_login(writer)

    form = client.get(CREATE, {"bijeenkomst": attended.slug}).context["form"]

    assert list(form.fields["events"].queryset) == [attended]
    assert form["events"].value() == [attended.pk]


def test_a_meeting_the_writer_did_not_attend_is_not_offered_or_prefilled(client, writer, attended):
    elsewhere = make_event("andere-bijeenkomst", days_ahead=-20)
    absent = make_event("gemist", days_ahead=-10)
    make_registration(absent, writer, attended=False)
    coming = make_event("komend", days_ahead=10)
    make_registration(coming, writer)
    client.force_login(writer)

    form = client.get(CREATE, {"bijeenkomst": elsewhere.slug}).context["form"]

    assert form["events"].value() in ([], None)
    assert list(form.fields["events"].queryset) == [attended]


def test_the_choices_are_only_what_the_writer_may_see(client, writer):
    public_events_member = make_member("publiek@example.org", "public_events")
    draft = make_item("concept", kind=ResourceKind.TOOL, status=ResourceStatus.DRAFT)
    report = make_item("verslag", kind=ResourceKind.REPORT)
    members_tool = make_item("ledenwerkvorm", kind=ResourceKind.CASE, visibility="members")
    others_draft = make_question(make_member("ander@example.org"), status=QuestionStatus.DRAFT)
    client.force_login(public_events_member)

    form = client.get(CREATE).context["form"]

    assert list(form.fields["resources"].queryset) == [members_tool]
    assert draft not in form.fields["resources"].queryset
    assert report not in form.fields["resources"].queryset
    assert others_draft not in form.fields["questions"].queryset


@pytest.mark.parametrize(
    ("overrides", "messages"),
    [
        (
            {"title": "", "applied": "", "reframing": "", "audience": ""},
            [NO_TITLE, NO_CYCLE, "Kies wie je verhaal mag lezen."],
        ),
        ({"applied": " \n\t ", "reframing": ""}, [NO_CYCLE]),
        ({"applied_state": ""}, [NO_STATE]),
        ({"applied_state": "misschien"}, [invalid_choice("misschien")]),
        ({"title": HUGE}, ["Houd de titel op ten hoogste 200 tekens; nu zijn het er 100001."]),
        ({"applied": HUGE}, [TOO_LONG]),
        ({"audience": "iedereen-behalve"}, [invalid_choice("iedereen-behalve")]),
        ({"audience": SCRIPT}, [invalid_choice(SCRIPT)]),
        ({"title": "Verhaal\x00"}, [NULL_CHARACTERS]),
        ({"applied": "Gedaan\x00"}, [NULL_CHARACTERS]),
        ({"title": "\u202e\u200b"}, ["Gebruik alleen letters, cijfers en leestekens."]),
        ({"events": ["999999"]}, [invalid_choice("999999")]),
        ({"events": ["geen-getal"]}, ["‘geen-getal’ is geen geldige waarde."]),
    ],
)
def test_the_form_refuses_bad_input_clearly(client, writer, attended, overrides, messages):
    client.force_login(writer)
    response = client.post(CREATE, story_data(**overrides))
    assert_form_error_page(response, *messages)
    assert not ValueStory.objects.exists()


def forbidden_choices(writer) -> dict:
    other = make_member("ander@example.org")
    not_attended = make_event("niet-bij-geweest", days_ahead=-14)
    make_registration(not_attended, other, attended=True)
    return {
        "events": not_attended.pk,
        "resources": make_item("concept", other, status=ResourceStatus.DRAFT).pk,
        "questions": make_question(other, status=QuestionStatus.DRAFT).pk,
    }


@pytest.mark.parametrize("name", ["events", "resources", "questions"])
def test_what_the_writer_may_not_choose_is_refused(client, writer, name):
    chosen = forbidden_choices(writer)[name]
    client.force_login(writer)

    response = client.post(CREATE, story_data(**{name: [chosen]}))

    assert_form_error_page(response, invalid_choice(chosen))
    assert not ValueStory.objects.exists()


def test_a_members_only_tool_is_refused_to_someone_whose_membership_ended(client, writer):
    tool = make_item("ledenwerkvorm", kind=ResourceKind.TOOL, visibility=Visibility.MEMBERS)
    client.force_login(writer)
    writer.profile.status = MembershipStatus.ENDED
    writer.profile.save()

    response = client.post(CREATE, story_data(resources=[tool.pk]))

    assert response.status_code == 403
    assert not ValueStory.objects.exists()


def test_a_cycle_without_text_keeps_no_mark(client, writer):
    client.force_login(writer)
    client.post(CREATE, story_data(immediate="", immediate_state=CycleState.INTENDED))
    assert ValueStory.objects.get().immediate_state == ""


def test_hostile_text_is_shown_as_text(client, writer):
    client.force_login(writer)
    client.post(CREATE, story_data(title=SCRIPT, applied=SCRIPT, audience="public"))
    story = ValueStory.objects.get()

    content = fresh_client().get(story.get_absolute_url()).content.decode()

    assert SCRIPT not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_author_edits_their_story(client, writer, attended):
    story = make_story(writer, about=(attended,), title="Zoals het was")
    client.force_login(writer)
    edit = reverse("value:edit", args=[story.pk])

    assert client.get(edit).context["form"]["events"].value() == [attended.pk]
    response = client.post(edit, story_data(title="Zoals het nu is", events=[attended.pk]))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Zoals het nu is" and story.author == writer


def test_a_refused_edit_keeps_the_story_as_it_was(client, writer):
    story = make_story(writer, title="Zoals het was")
    client.force_login(writer)

    response = client.post(reverse("value:edit", args=[story.pk]), story_data(title=""))

    assert_form_error_page(response, NO_TITLE)
    story.refresh_from_db()
    assert story.title == "Zoals het was" and story.applied_state == CycleState.HAPPENED


def test_the_author_deletes_their_story_after_a_question(client, writer):
    story = make_story(writer)
    client.force_login(writer)
    delete = reverse("value:delete", args=[story.pk])

    assert client.get(delete).status_code == 200
    assert ValueStory.objects.exists()
    assert client.post(delete).url == reverse("value:list")
    assert not ValueStory.objects.exists()


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_nobody_else_changes_a_story(client, writer, action):
    story = make_story(writer, audience=StoryAudience.PUBLIC, title="Van Sanne")
    address = reverse(f"value:{action}", args=[story.pk])
    for other in (make_member("ander@example.org"), None):
        client.logout()
        if other:
            client.force_login(other)
        response = client.post(address, story_data(title="Overgenomen"))
        assert response.status_code in (302, 404)
        assert response.status_code == 404 or "/accounts/login/" in response.url
    story.refresh_from_db()
    assert story.title == "Van Sanne"


STORY_FIELDS = {
    "title": field("Wat het me bracht"),
    "potential": field("Nieuwe contacten in de wijk."),
    "potential_state": choice("happened", "intended"),
    "audience": choice("coordinator", "members", "public"),
}


@HOSTILE
@given(data=st.fixed_dictionaries(STORY_FIELDS))
def test_the_form_takes_anything(writer, data):
    response = fresh_client(writer).post(CREATE, data)
    assert_never_500(response)
    if response.status_code == 302:
        story = ValueStory.objects.get()
        assert is_clean_line(story.title)
        assert story.potential == story.potential.strip() and story.potential_state
        story.delete()
    else:
        assert_refused_clearly(response)
        assert not ValueStory.objects.exists()


def test_the_meeting_page_invites_those_who_attended_to_tell(client, writer, attended):
    form_address = f"{CREATE}?bijeenkomst={attended.slug}"
    client.force_login(writer)
    assert form_address in client.get(attended.get_absolute_url()).content.decode()

    other = make_member("niet-geweest@example.org")
    make_registration(attended, other, attended=False)
    client.force_login(other)
    assert form_address not in client.get(attended.get_absolute_url()).content.decode()


def test_editing_offers_happened_for_the_cycles_not_told_yet(client, writer):
    story = make_story(writer)  # tells the applied cycle only
    client.force_login(writer)
    form = client.get(reverse("value:edit", args=[story.pk])).context["form"]
    assert form["potential_state"].value() == "happened"
    assert form["applied_state"].value() == story.applied_state
