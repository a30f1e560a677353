"""The yearly report's figures (dashboard/year_reports.py, dashboard/figure_snapshots.py):
taken once and kept with the report, so a published report reads the same until the
coordinator counts again; and they name nobody: the page and the PDF hold no name but
those of the picked stories' authors, who chose to tell everyone.
"""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard import year_reports
from dashboard.figure_snapshots import from_snapshot, to_snapshot
from dashboard.figures import ChartKind, Figure
from knowledge.models import Visibility
from sessions_app.models import EventKind, RegistrationStatus

from .factories import (
    make_answer,
    make_comment,
    make_event_at,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_story,
    make_uptake,
    make_year_report,
)
from .helpers import pdf_text

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1
IN_THE_YEAR = timezone.make_aware(datetime(YEAR, 6, 15, 14, 0))


def test_a_snapshot_gives_back_the_figure_it_was_taken_of():
    figure = Figure(
        key="attendance",
        title="Aanwezigheid per maand",
        description="Van de bevestigde aanmeldingen, het deel dat kwam.",
        columns=["Maand", "Aanwezig (%)"],
        rows=[[date(YEAR, 1, 1), 75.5], [date(YEAR, 2, 1), None]],
        chart=ChartKind.LINES,
        note="Een maand zonder bijeenkomst blijft leeg.",
        percent_columns=frozenset({1}),
    )

    assert from_snapshot(to_snapshot(figure)) == figure


def figures_on(client) -> str:
    page = client.get(reverse("year_report:page", args=[YEAR])).content.decode()
    return page[page.index('aria-labelledby="report-figures"') : page.index("</article>")]


# Built afresh each time: the figures come from the report, not from a stored page.
@pytest.mark.usefixtures("page_cache_off")
def test_published_figures_stay_as_they_were_until_counted_again(client):
    make_item("eerste", published_at=IN_THE_YEAR)
    report = make_year_report(YEAR)
    year_reports.take_figures(report)
    before = figures_on(client)

    make_item("tweede", published_at=IN_THE_YEAR)
    assert figures_on(client) == before

    year_reports.take_figures(report)
    assert figures_on(client) != before
    items = next(f for f in year_reports.shown_figures(report) if f.key == "items-per-kind")
    assert sum(row[1] for row in items.rows) == 2


PRIVATE_NAMES = ["Pieter Privé", "Ilse Items", "Arie Antwoord", "Mila Leden", "Cor Commentaar"]


@pytest.fixture
def busy_year(db):
    """A year with meetings, items, questions, answers, comments, accounts of use and
    stories by members who never said their names may be public; one public story."""
    people = {
        name: make_member(f"{name.split()[0].lower()}@example.org", display_name=name)
        for name in [*PRIVATE_NAMES, "Sara Schrijver"]
    }
    meeting = make_event_at("besloten-bijeenkomst", IN_THE_YEAR, kind=EventKind.MEETING)
    public_event = make_event_at("open-middag", IN_THE_YEAR, kind=EventKind.PUBLIC)
    for event in (meeting, public_event):
        make_registration(
            event=event,
            user=people["Pieter Privé"],
            status=RegistrationStatus.CONFIRMED,
            attended=True,
        )
    tool = make_item("werkvorm", people["Ilse Items"], kind="tool", published_at=IN_THE_YEAR)
    make_item(
        "ledenitem",
        people["Ilse Items"],
        visibility=Visibility.MEMBERS,
        published_at=IN_THE_YEAR,
    )
    make_uptake(tool, people["Ilse Items"])
    make_comment(resource=tool, author=people["Cor Commentaar"])
    question = make_question(people["Mila Leden"], published_at=IN_THE_YEAR)
    make_answer(question, people["Arie Antwoord"])
    make_story(people["Mila Leden"], "members", title="Alleen voor leden")
    make_story(people["Mila Leden"], "coordinator", title="Alleen voor de coördinator")
    public = make_story(people["Sara Schrijver"], "public", title="Voor iedereen")
    report = make_year_report(YEAR, [public])
    year_reports.take_figures(report)
    return report


def test_the_report_names_only_the_authors_of_its_stories(client, busy_year):
    page = client.get(reverse("year_report:page", args=[YEAR])).content.decode()
    text = pdf_text(client.get(reverse("year_report:pdf", args=[YEAR])))

    for shown in (page, text):
        assert "Voor iedereen" in shown and "Sara Schrijver" in shown
        for name in PRIVATE_NAMES:
            assert name not in shown
        assert "Alleen voor" not in shown
    assert busy_year.figures  # the figures are there, as counts


def test_the_figures_show_on_the_page_as_tables(client, busy_year):
    page = client.get(reverse("year_report:page", args=[YEAR])).content.decode()

    for figure in year_reports.shown_figures(busy_year):
        assert str(figure.title) in page
    assert page.count("<table") == len(busy_year.figures)
