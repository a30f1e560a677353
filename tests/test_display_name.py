"""How the site names a person: `User.display_name`, the profile's name or else the e-mail.

Registrations, authors, comments and e-mails all ask it.
"""

import pytest

from sessions_app.models import Registration

from .factories import make_coordinator, make_event, make_member, make_resource, make_user

pytestmark = pytest.mark.django_db


def test_a_member_is_named_by_their_profile():
    member = make_member("jansen@example.org", display_name="Petra Jansen")
    assert member.display_name == "Petra Jansen"


def test_an_account_without_a_profile_is_named_by_its_e_mail_address():
    assert make_user("zonder@example.org").display_name == "zonder@example.org"
    assert make_coordinator().display_name == "coordinator@example.org"


def test_a_registration_names_the_member_or_the_guest():
    event = make_event()
    member = make_member("jansen@example.org", display_name="Petra Jansen")
    coordinator = make_coordinator()
    assert Registration(event=event, user=member).person_name == "Petra Jansen"
    assert Registration(event=event, user=coordinator).person_name == "coordinator@example.org"
    assert Registration(event=event, guest_name="Gast").person_name == "Gast"


def test_authors_are_named_the_same_way():
    item = make_resource("Werkvorm")
    item.set_authors([make_member(display_name="Petra Jansen"), make_coordinator()])
    assert item.author_names() == ["Petra Jansen", "coordinator@example.org"]
