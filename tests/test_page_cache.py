"""The page cache (atelier/page_cache.py): fast on a second read, never stale, never shared.

A stored page may be served only to the audience it was built for, in its language, and
only while nothing it shows has changed; the CSRF token in it is each reader's own.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atelier import page_cache
from knowledge.models import Resource, ResourceStatus, Visibility
from members.models import ParticipationLevel
from sessions_app import registration
from sessions_app.models import Event, EventKind

from .conftest import make_coordinator, make_event, make_member, make_role
from .test_knowledge import make_resource

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def agenda():
    return reverse("agenda:upcoming")


def test_a_page_read_again_costs_no_queries_for_a_visitor(client, agenda):
    make_event("open-avond", kind=EventKind.PUBLIC)
    assert queries_for(client, agenda) > 0
    assert queries_for(client, agenda) == 0


def test_a_member_reading_again_costs_only_the_session_lookup(client, agenda):
    client.force_login(make_member())
    make_event("werkplaats")
    assert queries_for(client, agenda) > 1
    assert queries_for(client, agenda) == 1  # the session, which names the reader


def test_with_the_cache_off_every_read_builds_the_page(client, settings, agenda):
    settings.PAGE_CACHE_SECONDS = 0
    make_event("open-avond", kind=EventKind.PUBLIC)
    first = queries_for(client, agenda)
    assert first > 0
    assert queries_for(client, agenda) == first


def test_a_saved_change_shows_on_the_next_read(client, agenda):
    event = make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    assert "Open avond in Heerlen" in text(client, agenda)
    event.title = "Open avond in Sittard"
    event.save()
    assert "Open avond in Sittard" in text(client, agenda)


def test_a_deleted_item_disappears_from_the_next_read(client):
    item = make_resource("Buurtkompas", make_member())
    library = reverse("knowledge:library")
    assert "Buurtkompas" in text(client, library)
    item.delete()
    assert "Buurtkompas" not in text(client, library)


def test_tags_added_later_show_on_the_next_read(client):
    item = make_resource("Buurtkompas", make_member())
    assert "straatgesprek" not in text(client, item.get_absolute_url())
    item.tags.add("straatgesprek")  # an m2m change, no save() of the item
    assert "straatgesprek" in text(client, item.get_absolute_url())


def test_a_bulk_publish_in_the_admin_shows_at_once(client):
    """Admin actions update rows in bulk, without model signals: the POST itself counts."""
    draft = make_resource("Nog een concept", make_member(), status=ResourceStatus.DRAFT)
    admin = Client()
    admin.force_login(make_coordinator())  # logging in saves the user: before the reads
    library = reverse("knowledge:library")
    assert "Nog een concept" not in text(client, library)
    assert queries_for(client, library) == 0  # stored

    response = admin.post(
        reverse("admin:knowledge_resource_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    assert Resource.objects.get(pk=draft.pk).status == ResourceStatus.PUBLISHED
    assert "Nog een concept" in text(client, library)


def test_a_bulk_update_outside_a_request_shows_after_bump_or_after_the_time(
    client, agenda, monkeypatch, settings
):
    make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    assert "Open avond in Heerlen" in text(client, agenda)

    Event.objects.update(title="Open avond in Maastricht")  # no signal, no request
    assert "Open avond in Heerlen" in text(client, agenda)  # still the stored page

    later = page_cache.time.time() + settings.PAGE_CACHE_SECONDS
    monkeypatch.setattr(page_cache.time, "time", lambda: later)
    assert "Open avond in Maastricht" in text(client, agenda)

    Event.objects.update(title="Open avond in Venlo")
    page_cache.bump()  # what management commands that write in bulk call
    assert "Open avond in Venlo" in text(client, agenda)


def test_members_and_visitors_never_get_each_others_pages(client):
    author = make_member("schrijver@example.org")
    make_resource("Alleen voor leden", author, visibility=Visibility.MEMBERS)
    library = reverse("knowledge:library")

    member = Client()
    member.force_login(make_member("lezer@example.org"))
    assert "Alleen voor leden" in text(member, library)  # stored for this member
    assert "Alleen voor leden" not in text(client, library)  # the visitor's own page
    assert "Alleen voor leden" in text(member, library)  # and the member's again


def test_one_members_page_is_never_served_to_another():
    event = make_event("werkplaats", title="Werkplaats signaleren")
    first, second = make_member("een@example.org"), make_member("twee@example.org")
    registration.register_member(event, first)
    readers = {}
    for user in (first, second):  # both log in (a save) before anything is read
        readers[user] = Client()
        readers[user].force_login(user)
    mine = reverse("agenda:mine")
    assert "Werkplaats signaleren" in text(readers[first], mine)  # makes the feed address
    assert "Werkplaats signaleren" in text(readers[first], mine)
    assert queries_for(readers[first], mine) == 1  # stored for the first
    assert "Werkplaats signaleren" not in text(readers[second], mine)


def test_a_change_of_role_is_not_hidden_by_a_stored_page(client, agenda):
    make_event("werkplaats", title="Werkplaats signaleren")
    user = make_member(level=ParticipationLevel.MEETINGS)
    client.force_login(user)
    assert "Werkplaats signaleren" in text(client, agenda)
    profile = user.profile
    profile.status = "paused"
    profile.save()
    assert "Werkplaats signaleren" not in text(client, agenda)


def test_languages_are_kept_apart(client, settings):
    home = reverse("home")
    assert 'lang="nl"' in text(client, home)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'lang="en"' in text(client, home)
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert 'lang="nl"' in text(client, home)


@pytest.mark.parametrize("path", ["home", "agenda:upcoming", "knowledge:library"])
def test_every_reader_of_a_stored_page_gets_a_working_token_of_their_own(path):
    url = reverse(path)
    readers = [Client(enforce_csrf_checks=True) for _number in range(2)]
    pages = [text(reader, url) for reader in readers]  # the second is the stored page
    assert queries_for(Client(), url) == 0
    tokens = [TOKEN.search(page).group(1) for page in pages]
    assert tokens[0] != tokens[1]
    for reader, token, page in zip(readers, tokens, pages, strict=True):
        assert "csrftoken" in reader.cookies  # the token's secret, for this reader alone
        assert page_cache.CSRF_PLACEHOLDER.decode() not in page
        # The language switch in the footer is a form on every page: it must work.
        response = reader.post(
            reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302


def test_a_token_from_a_stored_page_does_not_work_for_another_reader():
    url = reverse("home")
    first = Client(enforce_csrf_checks=True)
    token = TOKEN.search(text(first, url)).group(1)
    stranger = Client(enforce_csrf_checks=True)
    text(stranger, url)
    response = stranger.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 403


def test_a_flash_message_is_shown_once_and_never_stored(client):
    event = make_event("werkplaats", title="Werkplaats signaleren")
    client.force_login(make_member())
    detail = event.get_absolute_url()
    text(client, detail)  # stored without a message
    response = client.post(reverse("agenda:register", args=[event.slug]), follow=True)
    notice = "Je bent aangemeld. We hebben je een e-mail gestuurd."
    assert notice in response.content.decode()
    assert notice not in text(client, detail)


def test_only_plain_successful_pages_are_stored(client):
    assert client.get("/agenda/bestaat-niet/").status_code == 404
    assert client.get(reverse("members:directory")).status_code == 302
    # Values shared by pages (the footer's contact details) may be kept; pages are not.
    assert [key for key in page_cache._pages()._cache if ":page:" in key] == []


def test_a_failed_invalidation_never_breaks_the_save(
    settings, caplog, django_capture_on_commit_callbacks
):
    """During the first `migrate` rows are written before the cache table exists."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "geen_tabel",
        },
    }
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event = make_event("open-avond", kind=EventKind.PUBLIC)
        page_cache.bump()  # as after a POST
        assert Event.objects.filter(pk=event.pk).exists()  # the transaction still works
    assert "Could not mark stored pages stale" in caplog.text


def test_with_the_generation_in_the_database_it_changes_only_after_the_commit(
    settings, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "atelier_cache",
        },
    }
    before = page_cache.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_event("open-avond", kind=EventKind.PUBLIC)
        assert page_cache.generation() == before  # no row of the cache locked meanwhile
    assert callbacks
    assert page_cache.generation() != before


def test_the_key_holds_generation_language_audience_and_address(rf):
    request = rf.get("/kennisbank/?q=buurt")
    request.user = AnonymousUser()
    key = page_cache._key(request, page_cache.generation())
    assert key.startswith(f"page:{page_cache.generation()}:")
    assert ":nl:public:" in key
    page_cache.bump()
    assert page_cache._key(request, page_cache.generation()) != key


def test_a_session_cut_off_by_a_password_change_never_meets_the_stored_page(client, agenda):
    make_event("werkplaats", title="Werkplaats signaleren")
    user = make_member()
    client.force_login(user)
    assert "Werkplaats signaleren" in text(client, agenda)  # stored for this session
    user.set_password("een-heel-ander-wachtwoord-42")
    user.save()  # elsewhere: Django then ends every other session of this account
    page = text(client, agenda)
    assert "Werkplaats signaleren" not in page
    assert "_auth_user_id" not in client.session


def test_a_members_only_page_is_stored_behind_its_access_check(client):
    directory = reverse("members:directory")
    member = Client()
    member.force_login(make_member("lezer@example.org", display_name="Lezer Lid"))
    applicant = Client()
    applicant.force_login(make_role("applicant"))
    assert text(member, directory)  # stored for the member
    assert queries_for(member, directory) == 1
    assert client.get(directory).status_code == 302  # the visitor: to the login page
    assert applicant.get(directory).status_code == 403


def test_a_resource_card_is_rendered_once_and_follows_changes(client, settings):
    item = make_resource("Buurtkompas", make_member(), tags=["straatgesprek"])
    library = reverse("knowledge:library")
    assert "Buurtkompas" in text(client, f"{library}?q=buurtkompas")
    # Another search lists the same item: its card is kept, only the list is asked for.
    with CaptureQueriesContext(connection) as queries:
        assert "Buurtkompas" in text(client, f"{library}?q=straatgesprek")
    assert not any("knowledge_authorship" in query["sql"] for query in queries)
    item.title = "Buurtkompas 2.0"
    item.save()
    assert "Buurtkompas 2.0" in text(client, f"{library}?q=straatgesprek&pagina=1")
    assert "Tool / werkvorm" in text(client, f"{library}?q=straatgesprek")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # a card of its own per language
    english = text(client, f"{library}?q=straatgesprek")
    assert "Tool / method" in english
    assert "Tool / werkvorm" not in english
