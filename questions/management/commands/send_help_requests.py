from django.core.management.base import BaseCommand

from questions.help_requests import send_waiting_requests


class Command(BaseCommand):
    help = (
        "E-mail the requests for help that waited for a member's week to allow them "
        "(at most three a week each); drop those no longer wanted."
    )

    def handle(self, *args, **options):
        sent = send_waiting_requests()
        self.stdout.write(f"{sent} request(s) for help sent.")
