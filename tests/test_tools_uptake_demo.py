"""The demo's experiences of using tools and cases (demo/uptake/, knowledge/demo_uptake.py):
on several tools and cases, public and for members, one by a former member, one by each
of the demo's member logins to try editing with; loaded once, without e-mail."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from atelier.models import OutgoingMail
from knowledge import uptake
from knowledge.demo import demo_library
from knowledge.demo_uptake import demo_experiences, load_experiences
from knowledge.models import ResourceKind, Uptake
from members.demo import demo_members
from members.models import MembershipStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_every_demo_file_names_a_tool_or_case_and_demo_members():
    kinds = {item.slug: item.kind for item in demo_library()}
    # Applicants never had member rights; paused and ended members wrote theirs before.
    people = {member.key for member in demo_members() if member.status != MembershipStatus.APPLIED}
    for slug, experiences in demo_experiences().items():
        assert kinds.get(slug) in uptake.USED_KINDS, slug
        assert {experience.by for experience in experiences} <= people | {""}, slug


def test_the_demo_has_experiences_on_several_tools_and_cases(demo):
    items = Uptake.objects.values("resource__kind").annotate(items=Count("resource", distinct=True))
    per_kind = {row["resource__kind"]: row["items"] for row in items}
    assert per_kind[ResourceKind.TOOL] >= 5 and per_kind[ResourceKind.CASE] >= 2
    accounts = Uptake.objects.all()
    assert accounts.filter(is_public=True).exists() and accounts.filter(is_public=False).exists()
    assert accounts.filter(author__isnull=True).count() == 1  # "voormalig lid"
    # No e-mail about them (the demo's only e-mails are its weekly digests).
    assert not OutgoingMail.objects.filter(key__startswith="uptake:").exists()


def test_the_member_logins_each_have_an_experience_to_edit(demo):
    writers = set(Uptake.objects.values_list("author__email", flat=True))
    assert {"bijeenkomsten@example.org", "online@example.org"} <= writers


def test_the_dates_are_in_the_past_and_written_after_use(demo):
    for account in Uptake.objects.all():
        assert account.used_on <= account.created_at.date()
        assert account.what_happened == account.what_happened.strip()


def test_a_second_run_adds_nothing(demo):
    count = Uptake.objects.count()
    assert load_experiences() == 0
    assert Uptake.objects.count() == count
