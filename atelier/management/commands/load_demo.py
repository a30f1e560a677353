"""Fill an empty database with demo content; safe to run again (`make run` does)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from atelier import page_cache
from atelier.models import Page, SiteSettings
from atelier.site_texts import PAGE_TEXTS
from knowledge.demo import load_library
from members.demo import DEMO_LOGINS, load_members
from sessions_app.demo import load_events

DEMO_PASSWORD = "leeratelier-demo"


class Command(BaseCommand):
    help = "Load demo content the first time; later runs add only what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        self.fill_pages()
        self.fill_site_settings()
        load_members(DEMO_PASSWORD)
        load_events()
        load_library()
        # The demo back-dates rows with bulk updates, which send no signals.
        page_cache.mark_everything_stale()
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

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for email, role in DEMO_LOGINS:
            self.stdout.write(f"  {email:<32} {role}")
        self.stdout.write("")
