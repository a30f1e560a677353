import time

from django.core.management.base import BaseCommand
from django.db import connection

from notifications.digests import send_digests
from notifications.models import DigestPeriod
from notifications.sending import send_waiting_at_once


class QueryCounter:
    """Counts the SQL queries run through the connection (connection.execute_wrapper)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = (
        "Send this period's digest to every active member who is due one (each once, also "
        "when two runs overlap), and the at-once e-mails still waiting. Run it from cron: "
        "it sends the daily digest from DIGEST_HOUR on, the weekly one from DIGEST_HOUR on "
        "DIGEST_WEEKDAY."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=DigestPeriod.values, required=True)

    def handle(self, *args, period, **options):
        started = time.monotonic()
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            at_once = send_waiting_at_once()
            outcome = send_digests(period)
        seconds = time.monotonic() - started
        per_member = queries.count / max(outcome.considered, 1)
        self.stdout.write(
            f"{outcome.sent} {period} digest(s) sent to {outcome.considered} member(s) due one "
            f"in {seconds:.1f} s ({queries.count} queries, {per_member:.1f} per member); "
            f"{at_once} waiting e-mail(s) sent at once."
        )
