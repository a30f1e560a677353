"""A question on a meeting's agenda and in a meeting's report (issue 15, item 6): the
coordinator puts it on the agenda, the event's page and the report's page list the
questions their reader may see, the question links back (questions/links.py)."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knowledge import item_links
from knowledge.models import ResourceKind, ResourceStatus, Visibility
from members.models import User
from questions import links
from questions.models import QuestionStatus
from sessions_app.models import EventKind, EventStatus

from .factories import (
    make_answer,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_question,
)
from .test_hostile_input import SPECIALS

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return make_event("bijeenkomst-signaleren", kind=EventKind.MEETING)


@pytest.fixture
def question(db):
    return make_question(title="Hoe houd ik de signaalfunctie overeind?", slug="signaalfunctie")


def agenda_url(question) -> str:
    return reverse("questions:put_on_agenda", args=[question.slug])


def test_the_coordinator_puts_a_question_on_a_meetings_agenda(client, question, meeting):
    client.force_login(make_coordinator())
    response = client.post(agenda_url(question), {"meeting": meeting.pk})
    assert response.status_code == 302
    assert response.url == question.get_absolute_url()
    assert list(question.events.all()) == [meeting]


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_no_one_but_the_coordinator_puts_a_question_on_the_agenda(client, question, meeting, role):
    if role == "member":
        client.force_login(make_member())
    response = client.post(agenda_url(question), {"meeting": meeting.pk})
    assert response.status_code == (302 if role == "visitor" else 404)
    assert not question.events.exists()


def test_only_coming_published_members_meetings_can_be_chosen(question, meeting):
    make_event("open-middag", kind=EventKind.PUBLIC)
    make_event("voorbij", kind=EventKind.MEETING, days_ahead=-30)
    make_event("concept", kind=EventKind.MEETING, status=EventStatus.DRAFT)
    make_event("afgelast", kind=EventKind.MEETING, status=EventStatus.CANCELLED)
    on_agenda = make_event("al-gekozen", kind=EventKind.MEETING)
    question.events.add(on_agenda)
    assert list(links.meetings_to_choose(question)) == [meeting]


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({}, "Kies de bijeenkomst die deze vraag bespreekt."),
        ({"meeting": ""}, "Kies de bijeenkomst die deze vraag bespreekt."),
        ({"meeting": "999999"}, "Kies een van de komende bijeenkomsten uit de lijst."),
        ({"meeting": "x" * 100_000}, "Kies een van de komende bijeenkomsten uit de lijst."),
        ({"meeting": "<script>alert(1)</script>"}, "Kies een van de komende bijeenkomsten"),
        ({"meeting": "Ans\x00"}, "Null-tekens zijn niet toegestaan."),
    ],
)
def test_a_wrong_choice_is_refused_next_to_the_field(client, question, meeting, sent, message):
    client.force_login(make_coordinator())
    response = client.post(agenda_url(question), sent)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"</span> {message}" in page
    assert "<title>Fout:" in page
    assert not question.events.exists()


@pytest.mark.parametrize("value", SPECIALS)
def test_hostile_input_is_refused_and_saves_nothing(client, question, meeting, value):
    client.force_login(make_coordinator())
    response = client.post(agenda_url(question), {"meeting": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-message"' in page
    assert "<script>alert(1)</script>" not in page
    assert not question.events.exists()


def test_a_past_meeting_is_refused(client, question):
    past = make_event("voorbij", kind=EventKind.MEETING, days_ahead=-30)
    client.force_login(make_coordinator())
    response = client.post(agenda_url(question), {"meeting": past.pk})
    assert "Kies een van de komende bijeenkomsten uit de lijst." in response.content.decode()
    assert not question.events.exists()


def test_a_question_the_coordinator_cannot_find_is_404(client, meeting):
    client.force_login(make_coordinator())
    response = client.post("/vragen/bestaat-niet/agenda/", {"meeting": meeting.pk})
    assert response.status_code == 404


def test_the_event_page_lists_the_questions_its_reader_may_see(client, meeting):
    public = make_question(title="Een openbare vraag", visibility=Visibility.PUBLIC)
    members_only = make_question(title="Een vraag voor leden")
    draft = make_question(title="Een concept", status=QuestionStatus.DRAFT)
    public_event = make_event("open-middag", kind=EventKind.PUBLIC)
    for question in (public, members_only, draft):
        question.events.add(meeting, public_event)

    page = client.get(public_event.get_absolute_url()).content.decode()
    assert "Een openbare vraag" in page
    assert public.get_absolute_url() in page
    assert "Een vraag voor leden" not in page

    client.force_login(make_member())
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vragen op de agenda" in page
    assert "Een openbare vraag" in page
    assert "Een vraag voor leden" in page
    assert "Een concept" not in page


def test_an_event_without_questions_shows_no_heading(client, meeting):
    client.force_login(make_member())
    assert "Vragen op de agenda" not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_event_page_shows_a_question_put_on_its_agenda_at_once(client, question, meeting):
    """The event's page is kept (atelier/page_cache.py): adding to the agenda makes it stale."""
    member = make_member()
    client.force_login(member)
    assert question.title not in client.get(meeting.get_absolute_url()).content.decode()
    links.put_on_agenda(question, meeting)
    assert question.title in client.get(meeting.get_absolute_url()).content.decode()


def test_a_report_lists_the_questions_it_discussed_that_its_reader_may_see(client, meeting):
    report = make_item("verslag-signaleren", kind=ResourceKind.REPORT, event=meeting)
    public = make_question(title="Een openbare vraag", visibility=Visibility.PUBLIC)
    members_only = make_question(title="Een vraag voor leden")
    public.reports.add(report)
    members_only.reports.add(report)

    page = client.get(report.get_absolute_url()).content.decode()
    assert "Besproken vragen" in page
    assert public.get_absolute_url() in page
    assert "Een vraag voor leden" not in page

    client.force_login(make_member())
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Een vraag voor leden" in page


def test_an_item_without_questions_has_no_links_from_questions(client):
    item = make_item("werkvorm")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Besproken vragen" not in page
    assert "Uit de vraag" not in page


def test_the_registry_leaves_out_empty_groups_and_keeps_the_order():
    item = make_item("werkvorm")
    question = make_question(title="Vraag", visibility=Visibility.PUBLIC)
    question.reports.add(item)
    groups = item_links.links_for(item, make_member())
    assert [(group.heading, [link.title for link in group.links]) for group in groups] == [
        ("Besproken vragen", ["Vraag"])
    ]


def render_links(question, user) -> str:
    request = RequestFactory().get(question.get_absolute_url())
    request.user = user
    template = Template("{% load question_links %}{% question_links question %}")
    return template.render(Context({"question": question, "request": request}))


def test_the_question_links_to_the_meetings_and_reports_its_reader_may_see(question, meeting):
    public_event = make_event("open-middag", kind=EventKind.PUBLIC, title="Open middag")
    draft_event = make_event("concept", kind=EventKind.MEETING, status=EventStatus.DRAFT)
    report = make_item("verslag-van-de-bijeenkomst", kind=ResourceKind.REPORT)
    draft_report = make_item(
        "verslag-in-de-maak", kind=ResourceKind.REPORT, status=ResourceStatus.DRAFT
    )
    question.events.add(meeting, public_event, draft_event)
    question.reports.add(report, draft_report)

    html = render_links(question, make_member())
    assert meeting.get_absolute_url() in html
    assert public_event.get_absolute_url() in html
    assert draft_event.get_absolute_url() not in html
    assert report.get_absolute_url() in html
    assert draft_report.get_absolute_url() not in html
    assert agenda_url(question) not in html  # the coordinator's form only


def test_the_coordinator_sees_the_agenda_form_with_the_coming_meetings(question, meeting):
    html = render_links(question, make_coordinator())
    assert agenda_url(question) in html
    assert f'value="{meeting.pk}"' in html


def test_without_coming_meetings_the_coordinator_is_told_so(question):
    html = render_links(question, make_coordinator())
    assert "Geen komende bijeenkomst om uit te kiezen." in html


def test_the_question_page_links_cost_the_same_at_any_size():
    question = make_question()
    member, coordinator = make_member(), make_coordinator()

    def grow(start: int, stop: int) -> None:
        for number in range(start, stop):
            question.events.add(make_event(f"bijeenkomst-{number}", kind=EventKind.MEETING))
            question.reports.add(make_item(f"verslag-{number}", kind=ResourceKind.REPORT))
            make_event(f"komend-{number}", kind=EventKind.MEETING, days_ahead=20 + number)
            make_answer(question, make_member(f"antwoorder{number}@example.org"))

    def queries(reader) -> int:
        reader = User.objects.get(pk=reader.pk)  # as a request has it: nothing looked up yet
        with CaptureQueriesContext(connection) as captured:
            render_links(question, reader)
        return len(captured)

    grow(0, 1)
    small = (queries(member), queries(coordinator))
    grow(1, 10)
    assert (queries(member), queries(coordinator)) == small
    assert small == (5, 7)  # + the value stories about it (questions/page_links.py)


def test_the_question_page_shows_its_meetings_and_the_coordinators_form(client, question, meeting):
    report = make_item("verslag-signaleren", kind=ResourceKind.REPORT, event=meeting)
    question.events.add(meeting)
    question.reports.add(report)
    client.force_login(make_member())
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Op de agenda van" in page and meeting.get_absolute_url() in page
    assert "Besproken in" in page and report.get_absolute_url() in page
    assert agenda_url(question) not in page

    client.force_login(make_coordinator())
    coming = make_event("volgende-bijeenkomst", kind=EventKind.MEETING, days_ahead=14)
    page = client.get(question.get_absolute_url()).content.decode()
    assert f'action="{agenda_url(question)}"' in page
    assert f'value="{coming.pk}"' in page
    assert f'value="{meeting.pk}"' not in page  # on its agenda already


def test_the_question_page_shows_a_meeting_added_at_once(client, question, meeting):
    """The question's page is kept (atelier/page_cache.py) and reads the agenda too."""
    client.force_login(make_coordinator())
    client.get(question.get_absolute_url())
    client.post(agenda_url(question), {"meeting": meeting.pk})
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Op de agenda van" in page and meeting.get_absolute_url() in page
