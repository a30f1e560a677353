"""Error tracking with Sentry when SENTRY_DSN is set, beside the e-mails to ADMINS.

Nothing personal leaves the site: no user, address or cookies (`send_default_pii` off),
no request bodies (forms hold names and e-mail addresses), no local variables of the
stack frames, no log lines as breadcrumbs, and of the request only its method: the
query may hold search words (a member's name) and the path a key (an unsubscribe or
calendar token). The event names the address by its pattern instead
(`/afmelden/{token}/`), and carries the request id as a tag, the id that the log lines
and the 500 page the member saw also show. No performance tracing.
"""

import logging
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from .request_log import current_request_id

Event = dict[str, Any]


def without_personal_data(event: Event, hint: dict[str, Any]) -> Event:
    """The event as it is sent: the request reduced to its method, the request id added."""
    request = event.get("request")
    if request is not None:
        event["request"] = {"method": request.get("method")}
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def start_error_tracking(dsn: str, environment: str) -> None:
    """Send uncaught errors, and errors that are logged, to Sentry."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        integrations=[
            DjangoIntegration(transaction_style="url"),
            LoggingIntegration(level=None, event_level=logging.ERROR),
        ],
        before_send=without_personal_data,  # type: ignore[arg-type]
    )
