"""The large data set's experiences of using tools and cases (knowledge/large_uptake.py):
about three for every ten library items, only on published tools and cases, by active
members after the item was published, dated in order."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from knowledge import uptake
from knowledge.models import Resource, Uptake
from members.models import MembershipStatus

SCALE = 0.01  # 100 library items


@pytest.fixture
def loaded(db) -> str:
    out = StringIO()
    call_command("load_large_data", scale=SCALE, yes=True, stdout=out)
    return out.getvalue()


def test_there_are_experiences_in_proportion_to_the_library(loaded):
    assert Resource.objects.count() == 100
    assert Uptake.objects.count() == 30
    assert "30 experiences" in loaded


def test_the_experiences_keep_the_rules(loaded):
    today = timezone.localdate()
    for account in Uptake.objects.select_related("resource", "author__profile"):
        assert account.resource.is_published and account.resource.kind in uptake.USED_KINDS
        assert account.author.profile.status == MembershipStatus.ACTIVE
        assert account.resource.published_at <= account.created_at <= timezone.now()
        assert account.used_on <= account.created_at.date() <= today
        assert account.updated_at == account.created_at
        assert "{place}" not in account.what_happened
    shares = Uptake.objects.filter(is_public=True).count(), Uptake.objects.count()
    assert 0 < shares[0] < shares[1]  # some public, most for members only
