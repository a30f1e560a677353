"""Fill an empty database with demo content; safe to run again (`make run` does)."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from atelier.coordinator import COORDINATOR_GROUP
from atelier.models import Page, SiteSettings
from atelier.site_texts import PAGE_TEXTS
from members.models import User

DEMO_PASSWORD = "leeratelier-demo"

DEMO_ACCOUNTS = [
    # (e-mail, what the login is for, is coordinator)
    ("coordinator@example.org", "coördinator (beheer op /admin/)", True),
    ("lid@example.org", "lid", False),
]


class Command(BaseCommand):
    help = "Load demo content the first time; later runs add only what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        self.fill_pages()
        self.fill_site_settings()
        for email, _role, is_coordinator in DEMO_ACCOUNTS:
            self.ensure_account(email, is_coordinator)
        self.print_logins()

    def fill_pages(self):
        for key, texts in PAGE_TEXTS.items():
            page, _created = Page.objects.get_or_create(key=key, defaults={"title": texts["title"]})
            if page.body:
                continue  # the coordinator's own text wins
            for field, value in texts.items():
                setattr(page, field, value)
            page.save()

    def fill_site_settings(self):
        site = SiteSettings.load()
        if not site.coordinator_email:
            site.coordinator_name = "Demi Coördinator"
            site.coordinator_email = "coordinator@example.org"
            site.coordinator_phone = "+31 45 000 00 00"
            site.save()

    def ensure_account(self, email: str, is_coordinator: bool) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, is_staff=is_coordinator)
            if is_coordinator:
                user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for email, role, _is_coordinator in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<32} {role}")
        self.stdout.write("")
