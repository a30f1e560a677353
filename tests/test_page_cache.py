"""The page cache (atelier/page_cache.py): fast on a second read, never stale, never shared.

A stored page may be served only to the audience it was built for, in its language, and
only while nothing it shows has changed; the CSRF token in it is each reader's own. Only
committed data makes a page stale, and only data of the areas it shows
(atelier/page_areas.py): a request by itself (a refused POST, a form with mistakes, a
login, a language switch) changes nothing.
"""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atelier import page_areas, page_cache
from atelier.page_areas import AREAS, member_area
from knowledge.models import Resource, ResourceStatus, Visibility
from members.models import ParticipationLevel
from sessions_app import registration
from sessions_app.models import Event, EventKind, Registration, RegistrationStatus

from .factories import (
    PASSWORD,
    make_answer,
    make_coordinator,
    make_event,
    make_member,
    make_question,
    make_registration,
    make_resource,
    make_role,
)
from .helpers import count_queries

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def agenda():
    return reverse("agenda:upcoming")


def test_a_page_read_again_costs_no_queries_for_a_visitor(client, agenda):
    make_event("open-avond", kind=EventKind.PUBLIC)
    assert count_queries(client, agenda) > 0
    assert count_queries(client, agenda) == 0


def test_a_member_reading_again_costs_only_the_session_lookup(client, agenda):
    client.force_login(make_member())
    make_event("werkplaats")
    assert count_queries(client, agenda) > 1
    assert count_queries(client, agenda) == 1  # the session, which names the reader


def test_with_the_cache_off_every_read_builds_the_page(client, settings, agenda):
    settings.PAGE_CACHE_SECONDS = 0
    make_event("open-avond", kind=EventKind.PUBLIC)
    first = count_queries(client, agenda)
    assert first > 0
    assert count_queries(client, agenda) == first


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
    """Admin actions update rows in bulk, without model signals: the action marks them."""
    draft = make_resource("Nog een concept", make_member(), status=ResourceStatus.DRAFT)
    admin = Client()
    admin.force_login(make_coordinator())  # logging in saves the user: before the reads
    library = reverse("knowledge:library")
    assert "Nog een concept" not in text(client, library)
    assert count_queries(client, library) == 0  # stored

    response = admin.post(
        reverse("admin:knowledge_resource_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    assert Resource.objects.get(pk=draft.pk).status == ResourceStatus.PUBLISHED
    assert "Nog een concept" in text(client, library)


def test_a_bulk_update_outside_a_request_shows_once_marked_or_after_the_time(
    client, agenda, monkeypatch, settings
):
    make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    assert "Open avond in Heerlen" in text(client, agenda)

    Event.objects.update(title="Open avond in Maastricht")  # no signal, no request
    assert "Open avond in Heerlen" in text(client, agenda)  # still the stored page

    later = page_cache.clock() + settings.PAGE_CACHE_SECONDS
    monkeypatch.setattr(page_cache, "clock", lambda: later)
    assert "Open avond in Maastricht" in text(client, agenda)

    Event.objects.update(title="Open avond in Venlo")
    page_cache.mark_stale("library")  # another area: the agenda is still as stored
    assert "Open avond in Maastricht" in text(client, agenda)
    page_cache.mark_stale("agenda")  # what code that writes in bulk calls
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
    assert count_queries(readers[first], mine) == 1  # stored for the first
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
    assert count_queries(Client(), url) == 0
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


def database_cache(settings, table: str) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table},
    }


def test_a_failed_invalidation_never_breaks_the_save(
    settings, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    database_cache(settings, "atelier_cache")

    def failing_write(self, *args, **kwargs):  # as a locked or broken database fails
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM geen_tabel")

    monkeypatch.setattr(DatabaseCache, "set_many", failing_write)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = make_event("open-avond", kind=EventKind.PUBLIC)
        page_cache.mark_stale("agenda")  # as after a bulk update
    assert callbacks
    assert Event.objects.filter(pk=event.pk).exists()  # the transaction still works
    assert "Could not mark stored pages stale" in caplog.text


def test_before_the_cache_table_exists_a_save_marks_nothing_and_says_nothing(
    settings, caplog, django_capture_on_commit_callbacks
):
    """During the first `migrate` rows may be written before the cache table exists: no
    worker can have read a generation then, so there is nothing to mark."""
    database_cache(settings, "geen_tabel")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = make_event("open-avond", kind=EventKind.PUBLIC)
    assert callbacks
    assert Event.objects.filter(pk=event.pk).exists()
    assert "Could not mark stored pages stale" not in caplog.text


def test_with_the_generation_in_the_database_it_changes_only_after_the_commit(
    settings, django_capture_on_commit_callbacks
):
    database_cache(settings, "atelier_cache")
    before = page_cache.generations(["agenda"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_event("open-avond", kind=EventKind.PUBLIC)
        assert page_cache.generations(["agenda"]) == before  # no cache row locked meanwhile
    assert callbacks
    assert page_cache.generations(["agenda"]) != before


def test_the_key_holds_generations_language_audience_and_address(rf):
    request = rf.get("/kennisbank/?q=buurt")
    request.user = AnonymousUser()
    areas = page_cache.areas_read(request, ("library", "members"))
    assert areas == ("site-texts", "library", "members")  # the footer's, and its own
    key = page_cache._key(request, page_cache.generations(areas))
    assert ":nl:public:" in key
    assert page_cache._key(rf.get("/kennisbank/?q=wijk"), page_cache.generations(areas)) != key
    page_cache.mark_stale("agenda", "registrations", "roles")
    assert page_cache._key(request, page_cache.generations(areas)) == key
    page_cache.mark_stale("members")
    assert page_cache._key(request, page_cache.generations(areas)) != key


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
    assert count_queries(member, directory) == 1
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


# --- Only committed data makes pages stale, and only where it is shown ----------------


def every_generation(*users) -> dict[str, str]:
    """The generation of every area, and of these members' own areas."""
    return page_cache.generations([*AREAS, *(member_area(user.pk) for user in users)])


def test_a_refused_post_changes_no_generation_and_leaves_stored_pages(agenda):
    event = make_event("open-avond", kind=EventKind.PUBLIC)
    item = make_resource("Buurtkompas", make_member())
    visitor = Client(enforce_csrf_checks=True)
    pages = [agenda, event.get_absolute_url(), reverse("knowledge:library"), reverse("home")]
    for page in pages:
        text(visitor, page)
    before = every_generation()
    for target in (  # no CSRF token: refused before any view runs
        reverse("set_language"),
        reverse("agenda:register", args=[event.slug]),
        reverse("knowledge:comment", args=[item.slug]),
    ):
        assert visitor.post(target, {"language": "en"}).status_code == 403
    assert every_generation() == before
    for page in pages:
        assert count_queries(visitor, page) == 0, page  # still the stored pages


def test_forms_with_mistakes_change_no_generation(client):
    event = make_event("open-avond", kind=EventKind.PUBLIC)
    item = make_resource("Buurtkompas", make_member("schrijver@example.org"))
    member = make_member()
    client.force_login(member)
    before = every_generation(member)
    comment = client.post(reverse("knowledge:comment", args=[item.slug]), {"body": ""})
    assert comment.status_code == 200
    guest = Client().post(
        reverse("agenda:register_guest", args=[event.slug]),
        {"name": "", "email": "geen-adres"},
    )
    assert guest.status_code == 200
    assert every_generation(member) == before


def test_a_login_and_a_language_switch_change_no_generation(client):
    member = make_member()
    before = every_generation(member)
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert every_generation(member) == before


def test_a_comment_leaves_the_agenda_alone_and_makes_the_library_stale(client, agenda):
    make_event("open-avond", kind=EventKind.PUBLIC, title="Open avond in Heerlen")
    item = make_resource("Buurtkompas", make_member("schrijver@example.org"))
    visitor = Client()
    text(visitor, agenda)
    member = make_member()
    client.force_login(member)
    assert "Mooi instrument" not in text(client, item.get_absolute_url())
    before = every_generation(member)

    response = client.post(
        reverse("knowledge:comment", args=[item.slug]), {"body": "Mooi instrument, gebruikt!"}
    )
    assert response.status_code == 302
    after = every_generation(member)
    assert after["library"] != before["library"]
    assert {area: after[area] for area in after if area != "library"} == {
        area: before[area] for area in before if area != "library"
    }
    assert count_queries(visitor, agenda) == 0  # the agenda is still the stored page
    assert "Mooi instrument" in text(client, item.get_absolute_url())


def test_a_registration_leaves_the_library_alone_and_shows_on_the_agenda(client, agenda):
    event = make_event("open-avond", kind=EventKind.PUBLIC, capacity=10)
    make_resource("Buurtkompas", make_member("schrijver@example.org"))
    library = reverse("knowledge:library")
    member = make_member()
    client.force_login(member)
    visitor = Client()
    text(visitor, library)
    assert "nog 10 van de 10 plaatsen vrij" in text(visitor, event.get_absolute_url())
    before = every_generation(member)

    response = client.post(reverse("agenda:register", args=[event.slug]))
    assert response.status_code == 302
    after = every_generation(member)
    assert after["registrations"] != before["registrations"]
    assert {area: after[area] for area in after if area != "registrations"} == {
        area: before[area] for area in before if area != "registrations"
    }
    assert count_queries(visitor, library) == 0  # the library is still the stored page
    assert "nog 9 van de 10 plaatsen vrij" in text(visitor, event.get_absolute_url())


def test_attendance_recorded_in_bulk_in_the_admin_shows_on_the_profile_at_once():
    """An admin action updates rows without signals: it marks the area itself."""
    event = make_event("werkplaats", days_ahead=-2, title="Werkplaats signaleren")
    attendee = make_member("deelnemer@example.org")
    came = make_registration(event=event, user=attendee, status=RegistrationStatus.CONFIRMED)
    coordinator = Client()
    coordinator.force_login(make_coordinator())
    reader = Client()
    reader.force_login(make_member("lezer@example.org"))
    profile = reverse("members:detail", args=[attendee.profile.pk])
    assert "Werkplaats signaleren" not in text(reader, profile)
    before = every_generation()

    response = coordinator.post(
        reverse("admin:sessions_app_registration_changelist"),
        {"action": "mark_attended", "_selected_action": [came.pk]},
    )
    assert response.status_code == 302
    assert Registration.objects.get(pk=came.pk).attended is True
    assert every_generation()["registrations"] != before["registrations"]
    assert every_generation()["library"] == before["library"]
    assert "Werkplaats signaleren" in text(reader, profile)


def test_an_answer_shows_on_the_stored_profile_of_the_member_who_gave_it():
    """A profile lists its member's answers: a new answer makes the stored profile stale."""
    answerer = make_member("antwoorder@example.org")
    question = make_question(title="Hoe betrek ik jongeren bij de buurtraad?")
    reader = Client()
    reader.force_login(make_member("lezer@example.org"))
    profile = reverse("members:detail", args=[answerer.profile.pk])
    assert "Hoe betrek ik jongeren" not in text(reader, profile)

    make_answer(question, answerer, body="Begin bij de sportclub.")

    assert "Hoe betrek ik jongeren" in text(reader, profile)


def test_a_membership_paused_in_bulk_hides_the_meetings_from_the_members_stored_pages(
    client, agenda
):
    make_event("werkplaats", title="Werkplaats signaleren")
    member = make_member(level=ParticipationLevel.MEETINGS)
    other = make_member("ander@example.org", level=ParticipationLevel.MEETINGS)
    client.force_login(member)
    bystander = Client()
    bystander.force_login(other)
    coordinator = Client()
    coordinator.force_login(make_coordinator())  # appointing one changes everyone's roles
    assert "Werkplaats signaleren" in text(client, agenda)
    assert "Werkplaats signaleren" in text(bystander, agenda)

    response = coordinator.post(
        reverse("admin:members_profile_changelist"),
        {"action": "pause", "_selected_action": [member.profile.pk]},
    )
    assert response.status_code == 302
    assert "Werkplaats signaleren" not in text(client, agenda)
    assert count_queries(bystander, agenda) == 1  # another member's page is still stored


def test_reminders_sent_by_the_command_mark_the_registrations_stale():
    event = make_event("werkplaats", days_ahead=0.5)
    registration.register_member(event, make_member())
    before = every_generation()
    call_command("send_reminders", stdout=io.StringIO())
    assert Registration.objects.get(event=event).reminder_sent_at is not None
    after = every_generation()
    assert after["registrations"] != before["registrations"]
    assert after["library"] == before["library"]


def test_a_change_to_one_members_profile_makes_only_their_own_pages_stale(agenda):
    make_event("werkplaats", title="Werkplaats signaleren")
    first, second = make_member("een@example.org"), make_member("twee@example.org")
    readers = {}
    for user in (first, second):
        readers[user] = Client()
        readers[user].force_login(user)
        text(readers[user], agenda)
    assert member_area(first.pk) != member_area(second.pk)
    before = every_generation(first, second)
    profile = first.profile
    profile.organisation = "Buurtwerk Heerlen"
    profile.save()
    after = every_generation(first, second)
    assert after[member_area(first.pk)] != before[member_area(first.pk)]
    assert after[member_area(second.pk)] == before[member_area(second.pk)]
    assert after["agenda"] == before["agenda"]
    assert count_queries(readers[first], agenda) > 1  # built again for the first
    assert count_queries(readers[second], agenda) == 1  # still stored for the second


def test_the_generations_come_in_one_round_trip(settings, client, agenda):
    database_cache(settings, "atelier_cache")
    make_event("open-avond", kind=EventKind.PUBLIC)
    text(client, agenda)
    assert count_queries(client, agenda) == 1  # the generations of its areas, together
    client.force_login(make_member())
    text(client, agenda)
    assert count_queries(client, agenda) == 2  # and the session


def test_every_model_is_placed_in_areas_or_marked_as_shown_nowhere():
    labels = {model._meta.label_lower for model in apps.get_models(include_auto_created=True)}
    labels.add(MigrationRecorder.Migration._meta.label_lower)
    assert labels - set(page_areas.SHOWN_IN) - page_areas.UNSHOWN == set()
    assert set(page_areas.SHOWN_IN) | page_areas.UNSHOWN <= labels  # no stale names
    for shown_in in page_areas.SHOWN_IN.values():
        assert set(shown_in) <= {*AREAS, page_areas.THE_MEMBER}


def test_members_share_a_fixed_number_of_areas():
    """However many members sign in, the shared cache holds a bounded set of generations."""
    areas = {member_area(user_id) for user_id in range(1, 10_000)}
    assert len(areas) == page_areas.MEMBER_AREAS
    assert member_area("7") == member_area(7)  # the session holds the id as text


def test_a_page_that_names_an_unknown_area_is_refused():
    with pytest.raises(ValueError, match="agneda"):
        page_cache.cached_page(areas=("agneda",))
    with pytest.raises(ValueError, match="bibliotheek"):
        page_cache.mark_stale("bibliotheek")


def test_the_first_migrate_of_an_empty_database_prints_only_its_progress(tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }
    for name in ("CACHE_BACKEND", "CACHE_LOCATION"):  # the default: the database cache
        environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "Applying atelier.0002_site_setup... OK" in result.stdout
    output = result.stdout + result.stderr
    assert "Could not mark stored pages stale" not in output
    assert "no such table" not in output
    assert result.stderr == ""
