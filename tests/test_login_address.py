"""The one way to the login page: `atelier.addresses.login_url` (and its template tag)."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from atelier.addresses import login_url, on_this_site

from .factories import make_event

SITE = settings.SITE_URL


def test_login_url_is_the_login_page_with_where_to_go_next():
    assert login_url("/agenda/open-dag/") == f"{reverse('account_login')}?next=/agenda/open-dag/"


def test_login_url_encodes_the_next_address():
    assert login_url("/zoeken/?q=buurt werk&x=1").endswith(
        "?next=/zoeken/%3Fq%3Dbuurt%20werk%26x%3D1"
    )


def test_the_template_tag_gives_the_same_address():
    html = Template("{% load addresses %}{% login_url path %}").render(
        Context({"path": "/kennisbank/werkvorm/"})
    )
    assert html == login_url("/kennisbank/werkvorm/")


@pytest.mark.django_db
def test_a_visitor_who_registers_is_sent_to_the_login_page_and_back(client):
    event = make_event("open-dag", kind="public")
    response = client.post(reverse("agenda:register", args=[event.slug]))
    assert response.url == login_url(event.get_absolute_url())


def test_on_this_site_moves_an_address_onto_site_url():
    assert on_this_site("http://evil.example/accounts/x/?key=1") == f"{SITE}/accounts/x/?key=1"
    assert on_this_site("/accounts/x/") == f"{SITE}/accounts/x/"
