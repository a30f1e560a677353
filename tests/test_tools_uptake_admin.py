"""The coordinator's admin of experiences: listed, corrected, hidden or deleted; only
members write them, on the site."""

import pytest
from django.test import Client
from django.urls import reverse

from knowledge.models import Uptake

from .factories import make_item, make_member, make_uptake

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:knowledge_uptake_changelist")


@pytest.fixture
def account():
    writer = make_member("gebruiker@example.org", display_name="Gijs Gebruiker")
    item = make_item("de-buurtkaart", make_member("auteur@example.org"), title="De buurtkaart")
    return make_uptake(item, writer, place="Heerlen-Noord", is_public=True)


def change_url(account) -> str:
    return reverse("admin:knowledge_uptake_change", args=[account.pk])


def test_the_coordinator_sees_the_experiences_with_their_writers(admin_client, account):
    content = admin_client.get(CHANGELIST).content.decode()
    assert "Heerlen-Noord" in content and "Gijs Gebruiker" in content
    assert admin_client.get(CHANGELIST, {"q": "buurtkaart"}).context["cl"].result_count == 1


def test_the_coordinator_corrects_an_experience(admin_client, account):
    form = admin_client.get(change_url(account)).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"place": "Heerlen-Zuid", "is_public": "on"}
    response = admin_client.post(change_url(account), data)
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.place == "Heerlen-Zuid" and account.author.email == "gebruiker@example.org"


def test_the_coordinator_adds_none_and_cannot_change_whose_it_is(admin_client, account):
    assert admin_client.get(reverse("admin:knowledge_uptake_add")).status_code == 403
    form = admin_client.get(change_url(account)).context["adminform"].form
    assert "author" not in form.fields and "resource" not in form.fields


def test_hiding_takes_it_off_the_pages_at_once(coordinator, account):
    reader, admin = Client(), Client()  # the admin's messages must not reach the reader
    reader.force_login(make_member("lezer@example.org"))
    admin.force_login(coordinator)
    item_url = account.resource.get_absolute_url()

    def shown() -> bool:
        return "Heerlen-Noord" in reader.get(item_url).content.decode()

    def act(action: str) -> None:
        admin.post(CHANGELIST, {"action": action, "_selected_action": [account.pk]})

    assert shown()  # and now a kept page (atelier/page_cache.py)
    act("hide")
    assert Uptake.objects.get().hidden
    assert not shown()
    act("show")
    assert shown()


def test_the_coordinator_deletes_an_experience(admin_client, account):
    url = reverse("admin:knowledge_uptake_delete", args=[account.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Uptake.objects.exists()
