from django.core.management.base import BaseCommand

from sessions_app.reminders import send_due_reminders


class Command(BaseCommand):
    help = "E-mail confirmed registrants of events that start within a day (once each)."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
