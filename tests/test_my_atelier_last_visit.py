"""The last visit to "Mijn atelier" (portal/last_visit.py): a visit lasts an hour, the
profile is written once per visit, and the start of the visit before is the last visit."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from members.models import Profile, User
from portal.last_visit import VISIT_LENGTH, last_visit

from .factories import make_coordinator, make_member

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    """The user as a new request reads them, profile included."""
    return User.objects.select_related("profile").get(pk=user.pk)


def test_the_first_visit_has_no_last_visit_and_is_recorded():
    member = make_member()
    now = timezone.now()

    assert last_visit(fresh(member), now) is None

    profile = Profile.objects.get(user=member)
    assert (profile.visit_started_at, profile.previous_visit_at) == (now, None)


def test_within_the_hour_it_is_the_same_visit_and_nothing_is_written():
    member = make_member()
    first = timezone.now() - timedelta(days=3)
    last_visit(fresh(member), first)
    now = timezone.now()
    last_visit(fresh(member), now)
    user = fresh(member)

    with CaptureQueriesContext(connection) as queries:
        again = last_visit(user, now + VISIT_LENGTH - timedelta(seconds=1))

    assert again == first
    assert len(queries) == 0
    assert Profile.objects.get(user=member).visit_started_at == now


def test_after_the_hour_a_new_visit_begins_and_the_one_before_is_the_last():
    member = make_member()
    first = timezone.now() - timedelta(days=3)
    last_visit(fresh(member), first)
    user = fresh(member)
    now = first + VISIT_LENGTH

    with CaptureQueriesContext(connection) as queries:
        since = last_visit(user, now)

    assert since == first
    # One UPDATE of the profile (and the marking of the member's stored pages as stale).
    written = [query["sql"] for query in queries if "members_profile" in query["sql"]]
    assert len(written) == 1 and written[0].startswith("UPDATE"), written
    profile = Profile.objects.get(user=member)
    assert (profile.visit_started_at, profile.previous_visit_at) == (now, first)


def test_an_account_without_a_profile_has_no_last_visit():
    coordinator = make_coordinator()

    assert last_visit(coordinator) is None
    assert last_visit(coordinator) is None
