"""Every request has an id (nginx's, or made here), sent back in X-Request-ID and shown on the
500 page; with LOG_FORMAT=json one JSON line per request says who asked what, the answer and
how long it took (atelier/request_log.py, atelier/json_logs.py)."""

import json
import logging
import re
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from atelier import views as site_views
from atelier.json_logs import JsonFormatter

from .factories import make_member
from .test_settings import manage, shell

pytestmark = pytest.mark.django_db
NGINX_ID = "0f3c9a7be41d4c2a9d8e5b6a7c8d9e0f"
MADE_HERE = re.compile(r"[0-9a-f]{32}")


def request_lines(caplog) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "atelier.requests"]


def test_the_proxys_request_id_is_passed_back(client):
    response = client.get("/health/", HTTP_X_REQUEST_ID=NGINX_ID)
    assert response["X-Request-ID"] == NGINX_ID


@pytest.mark.parametrize(
    "sent", [None, "", "short", "x" * 65, "evil\r\nSet-Cookie: a=b", "<script>alert(1)</script>"]
)
def test_a_missing_or_malformed_request_id_is_replaced_by_one_made_here(client, sent):
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    response = client.get("/health/", **headers)
    assert MADE_HERE.fullmatch(response["X-Request-ID"])


def test_each_request_gets_its_own_id(client):
    assert client.get("/health/")["X-Request-ID"] != client.get("/health/")["X-Request-ID"]


def test_one_line_per_request_with_id_user_method_path_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="atelier.requests")
    member = make_member()
    client.get("/kennisbank/?q=jansen", HTTP_X_REQUEST_ID=NGINX_ID)
    client.force_login(member)
    client.get("/bestaat-niet/")
    anonymous, signed_in = request_lines(caplog)
    assert anonymous["request_id"] == NGINX_ID
    assert (anonymous["user_id"], anonymous["method"], anonymous["path"]) == (
        "anonymous",
        "GET",
        "/kennisbank/",  # without the query: search words stay out of the log
    )
    assert anonymous["status"] == 200
    assert isinstance(anonymous["duration_ms"], float) and anonymous["duration_ms"] > 0
    assert (signed_in["user_id"], signed_in["status"]) == (str(member.pk), 404)
    assert MADE_HERE.fullmatch(signed_in["request_id"])


def test_djangos_own_lines_about_a_request_carry_its_id(client, caplog, monkeypatch):
    # Django's loggers write to the console only (settings.LOGGING); let pytest see them.
    monkeypatch.setattr(logging.getLogger("django"), "propagate", True)
    client.get("/bestaat-niet/", HTTP_X_REQUEST_ID=NGINX_ID)
    lines = [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "django.request"
    ]
    assert lines
    for line in lines:
        assert (line["level"], line["message"], line["request_id"]) == (
            "WARNING",
            "Not Found: /bestaat-niet/",
            NGINX_ID,
        )


def test_the_error_page_shows_the_request_id_and_needs_no_database():
    client = Client(raise_request_exception=False)
    down = OperationalError("could not connect to server")
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        response = client.get("/over/", HTTP_X_REQUEST_ID=NGINX_ID)
    # The database away is a wait: the site's 503 page (atelier/views.py), with the id.
    assert response.status_code == 503
    assert response["X-Request-ID"] == NGINX_ID
    page = response.content.decode()
    assert "Even niet bereikbaar" in page
    assert f"<code>{NGINX_ID}</code>" in page


def test_the_500_page_of_an_error_in_a_view(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(site_views, "render", broken)
    response = Client(raise_request_exception=False).get("/over/")
    assert response.status_code == 500
    assert response["X-Request-ID"] in response.content.decode()


def test_log_format_json_writes_the_request_line_as_json(tmp_path):
    result = shell(
        "from django.test import Client\n"
        f"Client(HTTP_HOST='localhost').get('/health/', HTTP_X_REQUEST_ID='{NGINX_ID}')",
        tmp_path,
        LOG_FORMAT="json",
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    (request,) = [line for line in lines if line["logger"] == "atelier.requests"]
    assert request["request_id"] == NGINX_ID
    assert (request["path"], request["status"], request["user_id"]) == (
        "/health/",
        200,
        "anonymous",
    )
    assert request["level"] == "INFO" and request["time"].endswith("+00:00")


def test_plain_logs_by_default_and_an_unknown_format_refuses_to_start(tmp_path):
    plain = shell(
        "from django.test import Client\nClient(HTTP_HOST='localhost').get('/health/')", tmp_path
    )
    assert plain.returncode == 0 and "{" not in plain.stderr
    wrong = manage("check", tmp_path=tmp_path, LOG_FORMAT="xml")
    assert wrong.returncode != 0
    assert "LOG_FORMAT is plain or json" in wrong.stderr
