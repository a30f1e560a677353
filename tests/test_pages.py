"""Home, about and privacy: texts the coordinator edits; health; errors; language."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.urls import reverse

from atelier.coordinator import COORDINATOR_GROUP, COORDINATOR_PERMISSIONS
from atelier.models import Page, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "key"), [("home", "home"), ("about", "about"), ("privacy", "privacy")]
)
def test_page_shows_the_coordinators_text(client, url_name, key):
    page = Page.objects.get(key=key)
    page.title = "Een eigen titel"
    page.body = "Tekst met **nadruk** en <script>alert(1)</script>."
    page.save()
    html = client.get(reverse(url_name)).content.decode()
    assert '<h1 lang="nl">Een eigen titel</h1>' in html
    assert "<strong>nadruk</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_rendered_html_is_stored_with_the_page():
    page = Page.objects.get(key="about")
    page.body = "## Kop"
    page.save()
    assert Page.objects.get(key="about").body_html == "<h2>Kop</h2>"


@pytest.mark.usefixtures("page_cache_off")
def test_page_renders_without_rendering_markdown(client, django_assert_max_num_queries):
    page = Page.objects.get(key="about")
    page.body = "Lange tekst " * 500
    page.save()
    with django_assert_max_num_queries(4):
        assert client.get(reverse("about")).status_code == 200


def test_english_visitors_see_the_english_text_when_there_is_one(client):
    page = Page.objects.get(key="about")
    page.title, page.body = "Over ons", "Nederlands."
    page.title_en, page.body_en = "About us", "English."
    page.save()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("about")).content.decode()
    assert '<h1 lang="en">About us</h1>' in html and "English." in html
    page.title_en = page.body_en = ""
    page.save()
    html = client.get(reverse("about")).content.decode()
    # Without an English text the Dutch one shows, marked as Dutch (WCAG 3.1.2).
    assert '<h1 lang="nl">Over ons</h1>' in html


def test_dutch_is_the_default_whatever_the_browser_asks(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Naar de inhoud" in response.content.decode()


def test_language_switch_keeps_the_choice_and_returns_to_the_page(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/over/"})
    assert response.status_code == 302
    assert response.url == "/over/"
    response = client.get(reverse("about"))
    assert response["Content-Language"] == "en"
    assert "Skip to content" in response.content.decode()


def test_footer_shows_the_coordinators_contact_details(client):
    site = SiteSettings.load()
    site.coordinator_name = "Sam de Vries"
    site.coordinator_email = "sam@example.org"
    site.coordinator_phone = "045 123 45 67"
    site.save()
    html = client.get(reverse("home")).content.decode()
    assert "Sam de Vries" in html
    assert 'href="mailto:sam@example.org"' in html
    assert 'href="tel:0451234567"' in html


def test_the_footer_follows_a_change_of_the_contact_details_at_once(client):
    """The details are kept between pages (atelier/context_processors.py), never stale."""
    site = SiteSettings.load()
    site.coordinator_name = "Sam de Vries"
    site.save()
    assert "Sam de Vries" in client.get(reverse("about")).content.decode()
    site.coordinator_name = "Noor Bakker"
    site.save()
    html = client.get(reverse("privacy")).content.decode()
    assert "Noor Bakker" in html
    assert "Sam de Vries" not in html


def test_health_answers_ok_after_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_unknown_address_gets_a_friendly_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert 'class="site-footer"' in html


def test_server_error_page_stands_on_its_own(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert "/static/css/site.css" in html


def test_database_cache_table_exists_for_shared_rate_limits(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "atelier_cache",
        }
    }
    cache = caches.create_connection("default")
    cache.set("probe", "gedeeld", 30)
    assert cache.get("probe") == "gedeeld"


def test_coordinator_group_holds_exactly_the_listed_permissions():
    group = Group.objects.get(name=COORDINATOR_GROUP)
    held = {
        (p.content_type.app_label, p.codename)
        for p in group.permissions.select_related("content_type")
    }
    wanted = {
        (app, f"{action}_{model}")
        for app, models in COORDINATOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }
    assert held == wanted


def test_coordinator_edits_a_page_in_the_admin(client, coordinator):
    assert not coordinator.is_superuser
    client.force_login(coordinator)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Leeratelier Samenlevingsopbouw: beheer" in index.content.decode()
    page = Page.objects.get(key="about")
    response = client.post(
        reverse("admin:atelier_page_change", args=[page.pk]),
        {"title": "Over het atelier", "body": "## Nieuw\n\nVerse tekst.", "title_en": "",
         "body_en": ""},
    )  # fmt: skip
    assert response.status_code == 302
    html = client.get(reverse("about")).content.decode()
    assert "<h2>Nieuw</h2>" in html


def test_coordinator_edits_site_settings_but_cannot_delete_them(client, coordinator):
    client.force_login(coordinator)
    site = SiteSettings.load()
    url = reverse("admin:atelier_sitesettings_change", args=[site.pk])
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:atelier_sitesettings_delete", args=[site.pk])).status_code in {
        302,
        403,
    }


def test_member_without_staff_rights_cannot_open_the_admin(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
