"""The yearly report holds only value stories their authors let everyone read
(dashboard/models.py, dashboard/year_reports.py): the coordinator can pick no other, not
even with a forged form, and a story whose author narrows its audience leaves the
published report at once: its page (a stored page too) and its PDF.
"""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dashboard import year_reports
from dashboard.models import ReportPdf, YearReport, eligible_stories
from value.models import StoryAudience, ValueStory

from .factories import make_member, make_story, make_year_report
from .helpers import pdf_text

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def author(db):
    return make_member("schrijver@example.org", display_name="Sara Schrijver")


@pytest.fixture
def stories(author):
    return {
        audience: make_story(author, audience, title=f"Verhaal voor {audience}")
        for audience in StoryAudience.values
    }


def test_only_public_stories_of_the_year_and_the_next_can_be_picked(stories, author):
    old = make_story(author, StoryAudience.PUBLIC, title="Van lang geleden")
    told_then = timezone.make_aware(datetime(YEAR - 3, 12, 31, 23, 30))
    ValueStory.objects.filter(pk=old.pk).update(created_at=told_then)

    assert list(eligible_stories(YEAR)) == [stories[StoryAudience.PUBLIC]]
    assert list(eligible_stories(YEAR - 1)) == [stories[StoryAudience.PUBLIC]]
    assert list(eligible_stories(YEAR - 2)) == []
    assert list(eligible_stories(YEAR - 3)) == [old]  # late on 31 December in Amsterdam
    assert list(eligible_stories(YEAR - 4)) == [old]


@pytest.mark.parametrize("audience", [StoryAudience.MEMBERS, StoryAudience.COORDINATOR])
def test_a_story_that_is_not_public_is_refused(stories, audience):
    report = make_year_report(YEAR, published=False)

    with pytest.raises(ValidationError):
        year_reports.pick_stories(report, [stories[StoryAudience.PUBLIC], stories[audience]])

    assert list(report.stories.all()) == []


@pytest.mark.parametrize("audience", [StoryAudience.MEMBERS, StoryAudience.COORDINATOR])
def test_the_admin_form_refuses_a_forged_story_and_saves_nothing(admin_client, stories, audience):
    response = admin_client.post(
        reverse("admin:dashboard_yearreport_add"),
        {"year": YEAR, "introduction": "Ons jaar.", "picked_stories": [stories[audience].pk]},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["picked_stories"]
    assert not YearReport.objects.exists()


def test_the_stories_to_tick_are_bounded_and_keep_the_picked_ones(author, monkeypatch):
    monkeypatch.setattr(year_reports, "STORIES_TO_CHOOSE", 3)
    picked = make_story(author, StoryAudience.PUBLIC, title="Het eerste verhaal")
    newer = [make_story(author, StoryAudience.PUBLIC, title=f"Verhaal {n}") for n in range(5)]
    for days, story in enumerate(reversed([picked, *newer])):
        ValueStory.objects.filter(pk=story.pk).update(
            created_at=timezone.now() - timedelta(days=days)
        )

    choices = year_reports.stories_to_choose(YEAR, keep=[picked.pk])

    assert [story.title for story in choices] == [
        "Verhaal 4",
        "Verhaal 3",
        "Verhaal 2",
        "Het eerste verhaal",
    ]


def test_a_narrowed_story_leaves_the_published_page_at_once(client, stories):
    public = stories[StoryAudience.PUBLIC]
    make_year_report(YEAR, [public])
    address = reverse("year_report:page", args=[YEAR])
    assert "Verhaal voor public" in client.get(address).content.decode()
    assert "Sara Schrijver" in client.get(address).content.decode()  # served stored

    public.audience = StoryAudience.MEMBERS
    public.save()

    page = client.get(address).content.decode()
    assert "Verhaal voor public" not in page
    assert "Sara Schrijver" not in page


def test_a_narrowed_story_leaves_the_stored_pdf(client, stories):
    public = stories[StoryAudience.PUBLIC]
    report = make_year_report(YEAR, [public])
    address = reverse("year_report:pdf", args=[YEAR])
    assert "Verhaal voor public" in pdf_text(client.get(address))
    assert ReportPdf.objects.filter(report=report).exists()

    public.audience = StoryAudience.COORDINATOR
    public.save()

    assert not ReportPdf.objects.filter(report=report).exists()
    text = pdf_text(client.get(address))
    assert "Verhaal voor public" not in text
    assert "Sara Schrijver" not in text
