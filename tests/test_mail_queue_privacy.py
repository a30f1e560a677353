"""A member's e-mails in the queue are theirs (portal/privacy.py): the data export lists
them (subject, status, when: never a text, which may hold a login link), and deleting the
account deletes them, waiting or sent, and no one else's."""

import pytest
from allauth.account.models import EmailAddress

from atelier.mail import send_templated_mail
from atelier.models import OutgoingMail
from portal import privacy

from .factories import make_member

pytestmark = pytest.mark.django_db


def queue_to(address, key):
    send_templated_mail(
        "members/email/approved",
        {"profile": None, "site": None, "login_url": "https://e.org/"},
        [address],
        key=key,
    )


@pytest.fixture
def mailed(settings):
    """A member with e-mail waiting at both their addresses and one sent; another member's."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    member = make_member("ans@example.org")
    EmailAddress.objects.create(user=member, email="ans.thuis@example.org", verified=True)
    other = make_member("bert@example.org")
    queue_to("Ans@Example.org", "waiting")
    queue_to("ans.thuis@example.org", "second-address")
    queue_to("ans@example.org", "sent")
    OutgoingMail.objects.filter(key="sent").update(status=OutgoingMail.Status.SENT)
    queue_to("bert@example.org", "waiting")
    return member, other


def test_the_export_lists_the_members_emails_without_their_text(mailed):
    member, _other = mailed

    emails = privacy.export_member_data(member)["emails"]

    assert sorted(email["status"] for email in emails) == ["queued", "queued", "sent"]
    assert {tuple(sorted(email)) for email in emails} == {
        ("queued_at", "sent_at", "status", "subject")
    }


def test_deleting_the_account_deletes_its_emails_and_no_one_elses(mailed):
    member, other = mailed

    privacy.erase_member(member)

    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [other.email]
