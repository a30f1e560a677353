"""The coordinator writes, fills and publishes the yearly report in the admin
(dashboard/admin.py): bad input gets a clear message and saves nothing; what a writer
types can run no script on the report's page; publishing, taking back and counting the
figures again are the coordinator's deliberate choices.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dashboard.models import YearReport

from .factories import make_member, make_story, make_year_report
from .helpers import text
from .test_search_snippets import XSS_PAYLOADS

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


def add(admin_client, **data):
    return admin_client.post(
        reverse("admin:dashboard_yearreport_add"), {"year": YEAR, "introduction": "", **data}
    )


def errors_of(response) -> dict:
    assert response.status_code == 200
    return response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("", "Dit veld is verplicht."),
        ("twintig", "Voer een geheel getal in."),
        ("1999", "Zorg ervoor dat deze waarde minstens 2000 is."),
        ("-1", "Zorg ervoor dat deze waarde minstens 0 is."),
        *(
            (
                typed,
                "Kies dit jaar of een eerder jaar: van een jaar dat nog moet komen zijn er nog "
                "geen cijfers.",
            )
            for typed in (str(timezone.localdate().year + 1), "99999999999999999999999999")
        ),
    ],
)
def test_a_wrong_year_is_refused_in_dutch_and_nothing_is_saved(admin_client, year, message):
    assert message in errors_of(add(admin_client, year=year))["year"]
    assert not YearReport.objects.exists()


def test_a_second_report_of_a_year_is_refused(admin_client):
    make_year_report(YEAR, introduction="Het eerste.")

    assert errors_of(add(admin_client, introduction="Het tweede."))["year"] == [
        "Er bestaat al een Jaarverslag met eenzelfde Jaar."
    ]
    assert YearReport.objects.get().introduction == "Het eerste."


def test_a_huge_introduction_is_refused_and_nothing_is_saved(admin_client):
    (message,) = errors_of(add(admin_client, introduction="ä" * 100_001))["introduction"]

    assert "niet meer dan 20000 tekens" in message
    assert not YearReport.objects.exists()


def test_a_refused_edit_keeps_the_report_as_it_was(admin_client):
    report = make_year_report(YEAR, introduction="Zoals het was.")

    response = admin_client.post(
        reverse("admin:dashboard_yearreport_change", args=[report.pk]),
        {"introduction": "x" * 100_000, "_publish": "1"},
    )

    assert errors_of(response)["introduction"]
    report.refresh_from_db()
    assert report.introduction == "Zoals het was."


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_markdown_runs_no_script_on_the_report(admin_client, payload):
    response = add(admin_client, introduction=f"Ons jaar. {payload}\n\n[klik](javascript:alert(1))")
    assert response.status_code == 302
    report = YearReport.objects.get()
    report.published_at = timezone.now()
    report.save()

    page = Client().get(report.get_absolute_url()).content.decode()

    assert "Ons jaar." in page
    for dangerous in (
        "<script>alert",
        "<img src=x",
        "<svg onload",
        'href="javascript:',
        "<mark>nep",
    ):
        assert dangerous not in page


def test_the_introduction_is_stored_rendered(admin_client):
    add(admin_client, introduction="## Wat we deden\n\nVeel **samen**.")

    report = YearReport.objects.get()
    assert "<h2>Wat we deden</h2>" in report.introduction_html
    assert "<strong>samen</strong>" in report.introduction_html


def test_a_new_report_takes_the_years_figures_and_waits_to_be_published(admin_client):
    response = add(admin_client, introduction="Ons jaar.")

    assert response.status_code == 302
    report = YearReport.objects.get()
    assert report.figures and report.figures_taken_at is not None
    assert not report.is_published
    assert Client().get(report.get_absolute_url()).status_code == 404  # a visitor's


def test_the_coordinator_picks_stories_and_publishes_in_one_go(admin_client):
    author = make_member("schrijver@example.org", display_name="Sara Schrijver")
    first = make_story(author, "public", title="Het eerste verhaal")
    second = make_story(author, "public", title="Het tweede verhaal")
    make_story(author, "public", title="Niet gekozen")

    response = add(
        admin_client, introduction="Ons jaar.", picked_stories=[first.pk, second.pk], _publish="1"
    )

    assert response.status_code == 302
    report = YearReport.objects.get()
    assert report.is_published
    assert set(report.stories.all()) == {first, second}
    page = Client().get(report.get_absolute_url()).content.decode()
    assert "Het eerste verhaal" in page and "Het tweede verhaal" in page
    assert "Niet gekozen" not in page


def test_the_change_form_lists_the_years_public_stories_to_tick(admin_client):
    author = make_member("schrijver@example.org", display_name="Sara Schrijver")
    make_story(author, "public", title="Voor iedereen")
    make_story(author, "members", title="Voor leden")
    report = make_year_report(YEAR, published=False)

    page = admin_client.get(
        reverse("admin:dashboard_yearreport_change", args=[report.pk])
    ).content.decode()

    assert 'type="checkbox" name="picked_stories"' in page
    assert "Voor iedereen (Sara Schrijver" in page
    assert "Voor leden" not in page
    assert 'name="_publish"' in page


def test_taking_back_and_counting_again_are_buttons_on_the_change_form(admin_client):
    report = make_year_report(YEAR, figures=[], introduction="Ons jaar.")
    change = reverse("admin:dashboard_yearreport_change", args=[report.pk])

    admin_client.post(change, {"introduction": "Ons jaar.", "_update_figures": "1"})
    report.refresh_from_db()
    assert report.figures and report.is_published

    admin_client.post(change, {"introduction": "Ons jaar.", "_unpublish": "1"})
    report.refresh_from_db()
    assert not report.is_published


def test_the_actions_publish_take_back_and_count_again(admin_client):
    report = make_year_report(YEAR, published=False)
    changelist = reverse("admin:dashboard_yearreport_changelist")

    def act(action):
        admin_client.post(changelist, {"action": action, "_selected_action": [report.pk]})
        report.refresh_from_db()

    act("publish")
    assert report.is_published
    act("update_figures")
    assert report.figures
    act("unpublish")
    assert not report.is_published


def test_the_introduction_says_its_limit_and_the_browser_cuts_nothing(admin_client):
    page = admin_client.get(reverse("admin:dashboard_yearreport_add")).content.decode()

    textarea = page[page.index('<textarea name="introduction"') :].split(">", 1)[0]
    assert "maxlength" not in textarea  # a paste beyond it was cut off without a word
    assert "Ten hoogste 20.000 tekens." in page


def test_the_admin_names_the_report_it_saved_without_a_wrong_article(admin_client):
    response = add(admin_client, introduction="Ons jaar.")

    page = re.sub(r"<[^>]+>", "", text(admin_client.get(response.url)))  # the name is a link
    assert f"“Opbrengst {YEAR}” (jaarverslag) is toegevoegd." in page
    assert "De jaarverslag" not in page  # Django's own Dutch: "het jaarverslag"


def test_a_year_changed_after_the_stories_were_listed_asks_to_pick_again(admin_client):
    """The add form lists last year's stories; without a script the list cannot follow a
    year typed afterwards, so the form says so, shows that year's stories and saves
    nothing until they are picked."""
    author = make_member("schrijver@example.org", display_name="Sara Schrijver")
    recent = make_story(author, "public", title="Van nu")
    earlier = make_story(
        author,
        "public",
        title="Van toen",
        created_at=timezone.now().replace(year=YEAR - 1, month=6, day=15),
    )

    response = add(admin_client, year=YEAR - 1, stories_year=YEAR, picked_stories=[recent.pk])

    (*_, message) = errors_of(response)["picked_stories"]
    assert message == (
        f"De lijst toonde de verhalen van {YEAR}. Hieronder staan nu die van {YEAR - 1}: "
        "vink aan wat in het verslag hoort en sla opnieuw op."
    )
    assert not YearReport.objects.exists()
    page = response.content.decode()
    assert "Van toen (Sara Schrijver" in page and "Van nu (" not in page
    assert f'name="stories_year" value="{YEAR - 1}"' in page

    again = add(admin_client, year=YEAR - 1, stories_year=YEAR - 1, picked_stories=[earlier.pk])
    assert again.status_code == 302
    assert list(YearReport.objects.get(year=YEAR - 1).stories.all()) == [earlier]


def test_the_admin_index_leads_the_coordinator_to_the_dashboard_and_the_reports(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()

    section = page[page.index('class="module dashboard-module"') :].split("</section>", 1)[0]
    assert '<h2 id="dashboard-module-title">Dashboard en jaarverslag</h2>' in section
    assert f'href="{reverse("dashboard:overview")}"' in section
    assert f'href="{reverse("admin:dashboard_yearreport_changelist")}"' in section
