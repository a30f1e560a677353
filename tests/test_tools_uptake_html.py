"""The pages of experiences are valid HTML for the Nu Html Checker (tests/test_html_validity.py):
a tool's page with experiences, all of them, one, the form (empty, with mistakes, to change
one's own) and the question before deleting, on the demo data."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from knowledge.models import Uptake

from .test_html_validity import nu_html_checker, page, readable

pytestmark = pytest.mark.django_db


def test_the_pages_of_experiences_are_valid_html(tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    account = Uptake.objects.filter(author__email="bijeenkomsten@example.org").first()
    item = account.resource
    client = Client()
    client.force_login(account.author)
    addresses = {
        "tool with experiences": item.get_absolute_url(),
        "all experiences": reverse("knowledge:uptake_list", args=[item.slug]),
        "one experience": account.get_absolute_url(),
        "record": reverse("knowledge:record_uptake", args=[item.slug]),
        "edit": reverse("knowledge:edit_uptake", args=[item.slug, account.pk]),
        "delete": reverse("knowledge:delete_uptake", args=[item.slug, account.pk]),
    }
    pages = {name: page(client, address) for name, address in addresses.items()}
    pages["record with mistakes"] = page(client, addresses["record"], "post", {"used_on": "x"})
    visitor = Client()
    pages["visitor: tool with experiences"] = page(visitor, item.get_absolute_url())
    folder = tmp_path / "pages"  # beside the media folder, whose photos are no pages
    folder.mkdir()
    errors = nu_html_checker(pages, folder)
    assert not any(errors.values()), readable(errors)
