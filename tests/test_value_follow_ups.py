"""The follow-up e-mail (value/follow_ups.py, the send_follow_ups command): about
FOLLOW_UP_AFTER_DAYS after a meeting, each member who attended gets one e-mail asking
what it brought them, with a link to the story form filled in with the meeting; never
twice, also when two runs overlap; not to members who switched it off, are no longer
active, or did not attend; not for meetings older than the window."""

import io
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from members.models import MembershipStatus
from sessions_app.models import EventKind, EventStatus
from value import follow_ups
from value.models import FollowUp

from .conftest import run_threads
from .factories import make_event, make_member, make_registration
from .helpers import email_settings_data, mails_to

pytestmark = pytest.mark.django_db

AFTER = 28
NOW = timezone.now().replace(microsecond=0)


@pytest.fixture(autouse=True)
def _after_days(settings):
    settings.FOLLOW_UP_AFTER_DAYS = AFTER


def meeting_ended(days_ago: float, slug="signaleren", **fields):
    start = NOW - timedelta(days=days_ago, hours=2)
    return make_event(slug, start=start, end=start + timedelta(hours=2), **fields)


def attended(event, email="deelnemer@example.org", **profile):
    member = make_member(email, display_name="Sanne Hendriks", **profile)
    make_registration(event, member, attended=True)
    return member


@pytest.mark.parametrize(
    ("days_ago", "sent"),
    [
        (AFTER - 1, 0),  # too soon
        (AFTER, 1),
        (AFTER + 10, 1),
        (AFTER + follow_ups.WINDOW_DAYS - 0.5, 1),
        (AFTER + follow_ups.WINDOW_DAYS + 0.5, 0),  # too long ago: past the window
    ],
)
def test_the_follow_up_comes_after_the_set_days_within_the_window(days_ago, sent):
    attended(meeting_ended(days_ago))
    assert follow_ups.send_due_follow_ups(now=NOW) == sent
    assert len(mail.outbox) == sent


def test_the_setting_decides_when(settings):
    settings.FOLLOW_UP_AFTER_DAYS = 7
    attended(meeting_ended(8))
    assert follow_ups.send_due_follow_ups(now=NOW) == 1


def test_the_e_mail_asks_and_links_to_the_form_with_the_meeting(settings):
    settings.SITE_URL = "https://leeratelier.example.org"
    meeting = meeting_ended(AFTER + 1, title="Signaleren én uitvoeren")
    member = attended(meeting)

    output = io.StringIO()
    call_command("send_follow_ups", stdout=output)

    assert output.getvalue() == "1 follow-up(s) sent.\n"
    (message,) = mails_to(member.email)
    form_url = (
        f"https://leeratelier.example.org{reverse('value:create')}?bijeenkomst={meeting.slug}"
    )
    assert message.subject == "Wat heeft “Signaleren én uitvoeren” je opgeleverd?"
    assert "Beste Sanne Hendriks" in message.body
    assert "Wat heb je eraan overgehouden" in message.body
    assert form_url in message.body
    html = message.alternatives[0][0]
    assert f'href="{form_url.replace("&", "&amp;")}"' in html
    assert "https://leeratelier.example.org/profiel/" in message.body


def test_each_member_gets_it_once_per_meeting():
    meeting = meeting_ended(AFTER + 1)
    attended(meeting)
    second = attended(meeting, "tweede@example.org")
    make_registration(meeting_ended(AFTER + 2, slug="andere"), second, attended=True)

    assert follow_ups.send_due_follow_ups(now=NOW) == 3
    assert follow_ups.send_due_follow_ups(now=NOW) == 0
    assert follow_ups.send_due_follow_ups(now=NOW + timedelta(days=3)) == 0
    assert len(mail.outbox) == 3
    assert FollowUp.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.parametrize("attendance", [None, False])
def test_only_those_who_attended_are_asked(attendance):
    meeting = meeting_ended(AFTER + 1)
    make_registration(meeting, make_member(), attended=attendance)
    make_registration(meeting, None, guest_name="Gast", guest_email="gast@example.org")

    assert follow_ups.send_due_follow_ups(now=NOW) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.DRAFT])
def test_no_follow_up_for_a_meeting_that_did_not_go_ahead(status):
    attended(meeting_ended(AFTER + 1, status=status))
    assert follow_ups.send_due_follow_ups(now=NOW) == 0


def test_a_public_event_attended_by_a_member_is_followed_up_too():
    attended(meeting_ended(AFTER + 1, kind=EventKind.PUBLIC))
    assert follow_ups.send_due_follow_ups(now=NOW) == 1


def test_a_member_who_switched_it_off_gets_none(client):
    member = attended(meeting_ended(AFTER + 1))
    client.force_login(member)
    response = client.post(
        reverse("members:email_settings"), email_settings_data(member.profile, follow_up_emails="")
    )
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.follow_up_emails is False

    assert follow_ups.send_due_follow_ups(now=NOW) == 0


def test_the_email_settings_offer_the_choice(client):
    member = make_member()
    client.force_login(member)
    page = client.get(reverse("members:email_settings")).content.decode()
    assert 'name="follow_up_emails"' in page


@pytest.mark.parametrize("change", ["paused", "ended", "switched off"])
def test_a_member_no_longer_active_gets_none(change):
    member = attended(meeting_ended(AFTER + 1))
    if change == "switched off":
        member.is_active = False
        member.save()
    else:
        member.profile.status = {"paused": MembershipStatus.PAUSED}.get(
            change, MembershipStatus.ENDED
        )
        member.profile.save()

    assert follow_ups.send_due_follow_ups(now=NOW) == 0
    assert mail.outbox == []


def test_a_member_who_switches_it_on_again_within_the_window_gets_it_then():
    member = attended(meeting_ended(AFTER + 1), follow_up_emails=False)
    assert follow_ups.send_due_follow_ups(now=NOW) == 0
    member.profile.follow_up_emails = True
    member.profile.save()
    assert follow_ups.send_due_follow_ups(now=NOW + timedelta(days=1)) == 1


def overlapping_runs(monkeypatch) -> list:
    """Two runs at once: both list what waits before either claims a row (each waits on a
    barrier after listing), as when cron starts a run before the last one ended."""
    listed = threading.Barrier(2)
    list_waiting = follow_ups.waiting_ids

    def waiting_then_meet(now):
        ids = list_waiting(now)
        listed.wait(timeout=30)
        return ids

    monkeypatch.setattr(follow_ups, "waiting_ids", waiting_then_meet)
    outcomes: list = []

    def run() -> None:
        try:
            outcomes.append(follow_ups.send_due_follow_ups(now=NOW))
        except BaseException as error:  # noqa: BLE001 - reported below
            outcomes.append(error)
        finally:
            connection.close()

    run_threads([threading.Thread(target=run, name=f"run-{n}") for n in range(2)], timeout=60)
    return outcomes


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_send_each_follow_up_once(monkeypatch):
    meeting = meeting_ended(AFTER + 1)
    members = [attended(meeting, f"lid{n}@example.org") for n in range(4)]

    outcomes = overlapping_runs(monkeypatch)

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert sum(outcomes) == 4 == len(mail.outbox)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.email for m in members)
    assert FollowUp.objects.count() == 4


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_without_the_claim_overlapping_runs_would_send_twice(monkeypatch):
    """The runs above do overlap: with the claim taken away, both send every e-mail, and
    only the mail queue's key (follow_up:<id>) keeps the second from going out."""
    attended(meeting_ended(AFTER + 1))
    claim = follow_ups.FollowUp.objects.filter

    def unclaimed_filter(*args, **kwargs):
        kwargs.pop("sent_at__isnull", None)
        return claim(*args, **kwargs)

    monkeypatch.setattr(follow_ups.FollowUp.objects, "filter", unclaimed_filter)

    outcomes = overlapping_runs(monkeypatch)

    assert outcomes == [1, 1] and len(mail.outbox) == 1
