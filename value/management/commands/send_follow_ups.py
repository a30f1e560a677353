from django.core.management.base import BaseCommand

from value.follow_ups import send_due_follow_ups


class Command(BaseCommand):
    help = (
        "E-mail members who attended a meeting some weeks ago (FOLLOW_UP_AFTER_DAYS) what it "
        "brought them, with a link to write a value story (once each)."
    )

    def handle(self, *args, **options):
        sent = send_due_follow_ups()
        self.stdout.write(f"{sent} follow-up(s) sent.")
