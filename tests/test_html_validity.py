"""Every page the public and members use is valid HTML for the Nu Html Checker.

The checker (vnu-jar from npm, package.json) is the W3C's own validator, written by
nobody on the project. The pages are those the browser tests visit, built by the
Django test client on the demo data, as a visitor and as a member, saved to a folder
and checked in one run of the checker (one Java start for all of them).
"""

import io
import json
import shutil
import subprocess
from datetime import timedelta
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse

from atelier.models import Page
from dashboard.models import YearReport
from knowledge.models import Comment, Resource, ResourceKind
from members.models import MembershipStatus, User
from questions.models import Question
from sessions_app.models import Event, EventKind, Registration, RegistrationStatus

from .factories import make_event

pytestmark = pytest.mark.django_db

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_html_checker(pages: dict[str, str], folder) -> dict[str, list[dict]]:
    """{page name: [error message, ...]} from one run of the checker over all pages."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.skip("vnu-jar or Java is missing: `make test` installs both")
    names = {}  # file name -> page name
    for number, (name, html) in enumerate(pages.items()):
        names[f"{number:03d}.html"] = name
        (folder / f"{number:03d}.html").write_text(html, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The checker writes its report to standard error.
    report = json.loads(result.stderr or result.stdout)
    errors: dict[str, list[dict]] = {name: [] for name in pages}
    for message in report["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            file_name = unquote(urlparse(message.get("url", "")).path).rsplit("/", 1)[-1]
            errors[names.get(file_name, file_name)].append(message)
    return errors


def readable(errors: dict[str, list[dict]]) -> str:
    lines = []
    for name, messages in errors.items():
        for message in messages:
            extract = message.get("extract", "").replace("\n", " ")
            lines.append(
                f"{name} line {message.get('lastLine')}: {message['message']}\n    {extract}"
            )
    return "\n".join(lines)


def page(client: Client, address: str, method: str = "get", data=None) -> str:
    response = getattr(client, method)(address, data or {})
    assert response.status_code in {200, 404}, f"{address}: {response.status_code}"
    return response.content.decode()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    # What people write later is stamped with microseconds; the demo's times are whole.
    fraction = timedelta(microseconds=123456)
    Resource.objects.update(published_at=F("published_at") + fraction)
    Comment.objects.update(created_at=F("created_at") + fraction)
    Page.objects.update(updated_at=F("updated_at") + fraction)
    Event.objects.update(start=F("start") + fraction, end=F("end") + fraction)


def visitor_pages(client: Client) -> dict[str, str]:
    public_event = Event.objects.public().upcoming().first()
    past_event = Event.objects.public().past().first()
    item = Resource.objects.public().first()
    guest = Registration.objects.filter(user=None, event__kind=EventKind.PUBLIC).first()
    tag = item.tags.first()
    pages = {
        "home": reverse("home"),
        "about": reverse("about"),
        "privacy": reverse("privacy"),
        "agenda": reverse("agenda:upcoming"),
        "archive": reverse("agenda:archive"),
        "public event": public_event.get_absolute_url(),
        "past event": past_event.get_absolute_url(),
        "library": reverse("knowledge:library"),
        "library search": reverse("knowledge:library") + "?q=buurt",
        "library tag": reverse("knowledge:library") + f"?tag={tag.slug}",
        "item": item.get_absolute_url(),
        "value stories": reverse("value:list"),
        "yearly report": YearReport.objects.published().get().get_absolute_url(),
        "login": reverse("account_login"),
        "signup": reverse("account_signup"),
        "password reset": reverse("account_reset_password"),
        "not found": "/bestaat-niet/",
    }
    rendered = {f"visitor: {name}": page(client, address) for name, address in pages.items()}
    if guest:
        rendered["visitor: cancel link"] = page(
            client, reverse("agenda:cancel", args=[guest.token])
        )
    rendered["visitor: guest form with mistakes"] = page(
        client,
        reverse("agenda:register_guest", args=[public_event.slug]),
        "post",
        {"name": "", "email": "geen-adres"},
    )
    open_event = make_event("open-inloop", kind=EventKind.PUBLIC, capacity=20)
    rendered["visitor: guest registered, check your mail"] = page(
        client,
        reverse("agenda:register_guest", args=[open_event.slug]),
        "post",
        {"name": "Gast Bezoeker", "email": "gast.bezoeker@example.org"},
    )
    pending = Registration.objects.get(guest_email="gast.bezoeker@example.org")
    confirm = reverse("agenda:confirm", args=[pending.token])
    rendered["visitor: confirm link"] = page(client, confirm)
    rendered["visitor: confirmed"] = page(client, confirm, "post")
    rendered["visitor: login with mistakes"] = page(
        client, reverse("account_login"), "post", {"login": "x@example.org", "password": "x"}
    )
    return rendered


def member_pages(client: Client) -> dict[str, str]:
    member = (
        User.objects.filter(profile__status=MembershipStatus.ACTIVE, is_staff=False)
        .filter(authorships__isnull=False, registrations__isnull=False)
        .first()
    )
    client.force_login(member)
    meetings = Event.objects.visible_to(member).filter(kind=EventKind.MEETING)
    meeting = meetings.upcoming().first()
    reported = meetings.past().filter(resources__kind=ResourceKind.REPORT).first()
    own_item = Resource.objects.filter(authors=member).first()
    members_item = Resource.objects.visible_to(member).filter(visibility="members").first()
    other = User.objects.filter(profile__status=MembershipStatus.ACTIVE).exclude(pk=member.pk)
    versioned = Resource.objects.get(slug="signalenkaart")  # with earlier versions
    newest = versioned.history.latest()
    registration = Registration.objects.filter(
        user=member, status=RegistrationStatus.CONFIRMED
    ).first()
    pages = {
        "home": reverse("home"),
        "agenda": reverse("agenda:upcoming"),
        "archive": reverse("agenda:archive"),
        "meeting": meeting.get_absolute_url(),
        "past meeting with report": reported.get_absolute_url(),
        "library": reverse("knowledge:library"),
        "members-only item": members_item.get_absolute_url(),
        "own item": own_item.get_absolute_url(),
        "new item: choose kind": reverse("knowledge:create"),
        "edit item": reverse("knowledge:edit", args=[own_item.slug]),
        "item versions": reverse("knowledge:versions", args=[versioned.slug]),
        "item version": reverse("knowledge:version", args=[versioned.slug, newest.history_id]),
        "directory": reverse("members:directory"),
        "site search": reverse("search") + "?q=buurt",
        "site search: the agenda's results": reverse("search") + "?q=buurt&groep=agenda",
        "profile": reverse("members:detail", args=[other.first().pk]),
        "own profile page": reverse("members:detail", args=[member.pk]),
        "my profile": reverse("members:my_profile"),
        "membership": reverse("members:membership"),
        "delete account": reverse("members:delete_account"),
        "my registrations": reverse("agenda:mine"),
        "my atelier": reverse("my_atelier"),
        "e-mail addresses": reverse("account_email"),
        "change password": reverse("account_change_password"),
    }
    for kind in ResourceKind.values:
        pages[f"new item: {kind}"] = reverse("knowledge:create") + f"?soort={kind}"
    if registration:
        pages["cancel registration"] = reverse("agenda:cancel", args=[registration.token])
    rendered = {f"member: {name}": page(client, address) for name, address in pages.items()}
    rendered["member: new item with mistakes"] = page(
        client, reverse("knowledge:create"), "post", {"kind": "tool", "title": ""}
    )
    return rendered


def applicant_pages(client: Client) -> dict[str, str]:
    applicant = User.objects.filter(profile__status=MembershipStatus.APPLIED).first()
    if applicant is None:
        return {}
    client.force_login(applicant)
    return {
        "applicant: my profile": page(client, reverse("members:my_profile")),
        "applicant: application": page(client, reverse("members:apply")),
        "applicant: my atelier": page(client, reverse("my_atelier")),
    }


def question_link_pages(client: Client) -> dict[str, str]:
    """A question on the agenda and into the library (questions/library_views.py)."""
    client.force_login(User.objects.get(email="coordinator@example.org"))
    discussed = Question.objects.filter(reports__isnull=False).first()
    coming = Event.objects.upcoming().filter(questions__isnull=False).first()
    tool = Resource.objects.filter(source_questions__isnull=False).first()
    answered = Question.objects.answered().filter(library_item__isnull=True).first()
    to_library = reverse("questions:to_library", args=[answered.slug])
    agenda = reverse("questions:put_on_agenda", args=[discussed.slug])
    return {
        "coordinator: question with meetings and a report": page(
            client, discussed.get_absolute_url()
        ),
        "coordinator: meeting with questions on its agenda": page(
            client, coming.get_absolute_url()
        ),
        "coordinator: report with discussed questions": page(
            client, discussed.reports.first().get_absolute_url()
        ),
        "coordinator: item from a question": page(client, tool.get_absolute_url()),
        "coordinator: agenda form with mistakes": page(client, agenda, "post", {"meeting": ""}),
        "coordinator: question into the library": page(client, to_library),
        "coordinator: question into the library with mistakes": page(
            client, to_library, "post", {"kind": "", "title": ""}
        ),
    }


def test_every_page_passes_the_nu_html_checker(demo, tmp_path):
    pages = {
        **visitor_pages(Client()),
        **member_pages(Client()),
        **applicant_pages(Client()),
        **question_link_pages(Client()),
    }
    assert len(pages) > 35

    folder = tmp_path / "pages"  # beside the media folder of tests/conftest.py
    folder.mkdir()
    errors = nu_html_checker(pages, folder)

    assert not any(errors.values()), "The Nu Html Checker found errors:\n" + readable(errors)
