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


@pytest.mark.parametrize(
    "questions, heading", [(3, "Meer dan 2 vragen"), (2, "2 vragen"), (1, "1 vraag")]
)
def test_the_heading_counts_up_to_the_bound(
    client, reader, monkeypatch, settings, questions, heading
):
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", 2)
    for number in range(questions):
        make_question(title=f"Vraag {number}")
    page = text(client.get(reverse("questions:list")))
    assert heading in page
    assert ("Meer dan" in page) == (questions > 2)
