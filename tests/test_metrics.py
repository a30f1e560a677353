"""/metrics gives Prometheus's figures to the holder of METRICS_TOKEN or to an address in
METRICS_ALLOWED_IPS, and the site's 404 to anyone else (atelier/metrics.py)."""

import ipaddress
import subprocess
import sys

import pytest

from .test_settings import PRODUCTION_SECRET, manage, shell

pytestmark = pytest.mark.django_db
TOKEN = "m3tr1cs-t0ken-for-the-monitoring-server-only"
MONITORING = "10.20.30.40"


def scrape(client, **headers):
    return client.get("/metrics", **headers)


@pytest.fixture
def with_token(settings):
    settings.METRICS_TOKEN = TOKEN


@pytest.fixture
def with_allowlist(settings):
    settings.METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network(MONITORING),
        ipaddress.ip_network("192.168.7.0/24"),
    ]


def test_nobody_may_read_the_metrics_when_neither_is_set(client):
    assert scrape(client).status_code == 404
    assert scrape(client, HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_the_token_opens_the_metrics(client, with_token):
    response = scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert b"python_info" in response.content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "authorization",
    [None, f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", TOKEN, "Bearer "],
)
def test_anything_but_the_token_gets_the_sites_404(client, with_token, authorization):
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    response = scrape(client, **headers)
    assert response.status_code == 404
    assert b"python_info" not in response.content


def test_a_refused_request_is_not_told_which_methods_exist(client, with_token):
    assert client.post("/metrics").status_code == 404


@pytest.mark.parametrize("address", [MONITORING, "192.168.7.200"])
def test_an_allowed_address_may_read_the_metrics(client, with_allowlist, address):
    assert scrape(client, REMOTE_ADDR=address).status_code == 200


def test_another_address_gets_the_sites_404_whatever_its_headers_say(client, with_allowlist):
    # Headers are written by the client: only the connection's own address counts.
    response = scrape(
        client,
        REMOTE_ADDR="10.20.30.41",
        HTTP_X_FORWARDED_FOR=MONITORING,
        HTTP_X_REAL_IP=MONITORING,
    )
    assert response.status_code == 404


def test_every_worker_process_is_counted(client, with_token, tmp_path, monkeypatch):
    # Two gunicorn workers each count in their own process and write to the shared folder;
    # whichever answers the scrape reports the sum.
    count_one = (
        "import prometheus_client\n"
        "prometheus_client.Counter('atelier_test_answers', 'answers').inc()\n"
    )
    for _worker in range(2):
        subprocess.run(
            [sys.executable, "-c", count_one],
            env={"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)},
            check=True,
        )
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    response = scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert b"atelier_test_answers_total 2.0" in response.content


def test_metrics_are_counted_only_when_someone_may_read_them(tmp_path):
    show = "from django.conf import settings; print(settings.MIDDLEWARE[0])"
    assert "Prometheus" not in shell(show, tmp_path).stdout
    counted = shell(show, tmp_path, METRICS_ALLOWED_IPS="10.20.30.0/24")
    assert counted.stdout.strip() == "django_prometheus.middleware.PrometheusBeforeMiddleware"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"METRICS_ALLOWED_IPS": "10.20.30.400"}, "METRICS_ALLOWED_IPS"),
        ({"METRICS_TOKEN": "short"}, "METRICS_TOKEN is 32 characters or more"),
    ],
)
def test_unsafe_or_wrong_metrics_settings_refuse_to_start(tmp_path, variables, message):
    result = manage(
        "check",
        tmp_path=tmp_path,
        PRODUCTION="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="leeratelier.example.org",
        SITE_URL="https://leeratelier.example.org",
        **variables,
    )
    assert result.returncode != 0
    assert message in result.stderr
