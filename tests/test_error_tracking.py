"""Sentry only when SENTRY_DSN is set, and then without personal data (atelier/error_tracking.py).
Each start is in a process of its own: Sentry, once started, stays for the process."""

import json

from atelier.error_tracking import without_personal_data
from atelier.request_log import current_request_id

from .test_settings import shell

REPORT = (
    "import json, sentry_sdk\n"
    "client = sentry_sdk.get_client()\n"
    "names = ('send_default_pii', 'max_request_body_size', 'include_local_variables', 'dsn')\n"
    "print(json.dumps({'active': client.is_active(),"
    " **{name: client.options.get(name) for name in names}}))\n"
)
DSN = "https://public@sentry.example.invalid/1"


def report(tmp_path, **env) -> dict:
    result = shell(REPORT, tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_dsn_sentry_is_not_started(tmp_path):
    assert report(tmp_path, SENTRY_DSN="")["active"] is False


def test_with_a_dsn_sentry_starts_without_sending_personal_data(tmp_path):
    assert report(tmp_path, SENTRY_DSN=DSN) == {
        "active": True,
        "send_default_pii": False,
        "max_request_body_size": "never",
        "include_local_variables": False,
        "dsn": DSN,
    }


def test_an_event_keeps_of_the_request_only_its_method_and_gets_the_request_id():
    event = {
        "transaction": "/afmelden/{token}/",
        "request": {
            "method": "POST",
            "url": "https://leeratelier.example.org/afmelden/geheime-sleutel/",
            "query_string": "q=Jansen",
            "cookies": {"sessionid": "abc"},
            "data": {"email": "noor@example.org"},
            "headers": {"Referer": "https://leeratelier.example.org/leden/?q=Jansen"},
            "env": {"REMOTE_ADDR": "192.0.2.7"},
        },
    }
    token = current_request_id.set("0f3c9a7be41d4c2a9d8e5b6a7c8d9e0f")
    try:
        sent = without_personal_data(event, {})
    finally:
        current_request_id.reset(token)
    assert sent["request"] == {"method": "POST"}
    assert sent["tags"] == {"request_id": "0f3c9a7be41d4c2a9d8e5b6a7c8d9e0f"}
    assert sent["transaction"] == "/afmelden/{token}/"
