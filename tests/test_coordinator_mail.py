"""The coordinator's e-mails (a new application, a level request) go to the address in
the site settings, and to nobody when none is set (atelier.mail.mail_coordinator)."""

import pytest
from django.core import mail

from atelier.mail import mail_coordinator
from atelier.models import SiteSettings

from .factories import make_applicant

pytestmark = pytest.mark.django_db


def set_coordinator_email(address):
    site = SiteSettings.load()
    site.coordinator_email = address
    site.save()


def context_for(profile):
    return {
        "profile": profile,
        "name": profile.display_name,
        "organisation": profile.organisation,
        "admin_url": "https://example.org/admin/",
    }


def test_the_coordinators_mail_goes_to_the_address_in_the_site_settings():
    set_coordinator_email("coordinator@example.org")
    profile = make_applicant().profile

    assert mail_coordinator("members/email/application_received", context_for(profile))

    assert [message.to for message in mail.outbox] == [["coordinator@example.org"]]


def test_without_an_address_in_the_site_settings_no_mail_is_sent():
    set_coordinator_email("")
    profile = make_applicant().profile

    assert not mail_coordinator("members/email/application_received", context_for(profile))

    assert mail.outbox == []
