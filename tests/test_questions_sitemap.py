"""Public questions in the sitemap, for search engines; members-only questions and drafts never."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse

from knowledge.models import Visibility
from questions.models import QuestionStatus

from .factories import make_coordinator, make_question

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_holds_public_published_questions_only(client):
    public = make_question(title="Openbaar", visibility=Visibility.PUBLIC)
    members_only = make_question(title="Voor leden")
    draft = make_question(
        title="Concept", visibility=Visibility.PUBLIC, status=QuestionStatus.DRAFT
    )
    client.force_login(make_coordinator())  # the sitemap is the same for everyone
    root = ET.fromstring(client.get("/sitemap.xml").content)
    addresses = [url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")]
    assert settings.SITE_URL + public.get_absolute_url() in addresses
    assert settings.SITE_URL + reverse("questions:list") in addresses
    for hidden in [members_only, draft]:
        assert settings.SITE_URL + hidden.get_absolute_url() not in addresses
