"""The site's name comes from one setting, SITE_NAME: feeds, calendars, citations, event pages."""

import pytest
from django.urls import reverse

from knowledge.citation import apa_citation
from sessions_app.calendar import calendar_bytes
from sessions_app.models import EventKind
from sessions_app.structured_data import structured_data

from .factories import make_event, make_resource

pytestmark = pytest.mark.django_db

OTHER_NAME = "Ander Atelier"


@pytest.fixture
def renamed(settings):
    settings.SITE_NAME = OTHER_NAME


def test_the_site_name_is_the_setting(settings):
    event = make_event(kind=EventKind.PUBLIC)
    item = make_resource()
    assert settings.SITE_NAME == "Leeratelier Samenlevingsopbouw"
    assert b"PRODID:-//Leeratelier Samenlevingsopbouw//Agenda//NL" in calendar_bytes([event], "x")
    assert '"name": "Leeratelier Samenlevingsopbouw"' in structured_data(event)
    assert "Leeratelier Samenlevingsopbouw" in apa_citation(item, "https://example.org/")


@pytest.mark.usefixtures("renamed")
def test_a_new_site_name_reaches_calendars_citations_and_structured_data():
    event = make_event(kind=EventKind.PUBLIC)
    assert f"PRODID:-//{OTHER_NAME}//Agenda//NL".encode() in calendar_bytes([event], "x")
    assert f'"name": "{OTHER_NAME}"' in structured_data(event)
    assert OTHER_NAME in apa_citation(make_resource(), "https://example.org/")


@pytest.mark.usefixtures("renamed")
def test_a_new_site_name_reaches_the_feed_and_the_event_page(client):
    make_resource()
    feed = client.get(reverse("knowledge:feed")).content.decode()
    assert f"<author><name>{OTHER_NAME}</name></author>" in feed
    event = make_event(kind=EventKind.PUBLIC)
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'<meta property="og:site_name" content="{OTHER_NAME}">' in page
    assert f'<meta property="og:image:alt" content="{OTHER_NAME}">' in page
