"""The list of questions counts at most MAX_COUNTED of them (atelier/bounded_paging.py):
a longer list says "more than" instead of counting every question."""

import pytest
from django.urls import reverse

from atelier import bounded_paging

from .factories import make_member, make_question
from .helpers import login, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    member = make_member("lezer@example.org")
    login(client, member)
    return member


def test_a_list_longer_than_counted_says_more_than(client, reader, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", 2)
    for number in range(3):
        make_question(title=f"Vraag {number}")
    page = text(client.get(reverse("questions:list")))
    assert "Meer dan 2 vragen" in page


def test_a_list_within_the_count_says_how_many(client, reader, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", 2)
    for number in range(2):
        make_question(title=f"Vraag {number}")
    page = text(client.get(reverse("questions:list")))
    assert "2 vragen" in page and "Meer dan" not in page
