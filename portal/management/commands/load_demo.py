"""Fill an empty database with demo content; safe to run again (`make run` does).

The content is in files: the pages' first texts in atelier/texts/, the demo's people,
events, library and questions in demo/ (see demo/README.md). Each app loads its own kind of thing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from atelier import page_cache
from atelier.models import SiteSettings
from atelier.site_texts import fill_empty_pages
from dashboard.demo import load_reports
from knowledge.demo import load_library
from knowledge.demo_uptake import load_experiences
from knowledge.demo_versions import load_versions
from members.demo import DEMO_PASSWORD, demo_coordinator, demo_logins, load_members
from notifications.demo import load_follows
from questions.demo import load_questions
from sessions_app.demo import load_events
from value.demo import load_stories


class Command(BaseCommand):
    help = "Load demo content the first time; later runs add only what is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        fill_empty_pages()
        self.fill_site_settings()
        load_members()
        load_events()
        load_library()
        load_versions()
        load_experiences()
        load_questions()
        load_stories()
        load_reports()
        load_follows()
        # The demo back-dates rows with bulk updates, which send no signals.
        page_cache.mark_everything_stale()
        self.print_logins()

    def fill_site_settings(self):
        site = SiteSettings.load()
        if not site.coordinator_email:
            coordinator = demo_coordinator()
            site.coordinator_name = coordinator.name
            site.coordinator_email = coordinator.email
            site.coordinator_phone = coordinator.phone
            site.save()

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for email, role in demo_logins():
            self.stdout.write(f"  {email:<32} {role}")
        self.stdout.write("")
