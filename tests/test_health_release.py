"""/health/ and /health/ready/ name the release a server runs (RELEASE, in X-Release), so
that a rolling upgrade shows which servers run the new code (docs/operations.md; the
cluster test upgrades two servers this way). No other page names it."""

import pytest

pytestmark = pytest.mark.django_db
HEALTH_CHECKS = ["/health/", "/health/ready/"]


@pytest.mark.parametrize("address", HEALTH_CHECKS)
def test_the_health_checks_name_the_release(client, settings, address):
    settings.RELEASE = "2026.12.1"
    response = client.get(address)
    assert response.status_code == 200
    assert response["X-Release"] == "2026.12.1"


@pytest.mark.parametrize("address", HEALTH_CHECKS)
def test_without_a_release_the_health_checks_name_none(client, settings, address):
    settings.RELEASE = ""
    assert "X-Release" not in client.get(address)


def test_pages_do_not_name_the_release(client, settings):
    settings.RELEASE = "2026.12.1"
    response = client.get("/")
    assert response.status_code == 200
    assert "X-Release" not in response
