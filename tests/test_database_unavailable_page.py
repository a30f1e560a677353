"""A database that cannot be reached (PostgreSQL restarting, failing over) is a wait, not a
fault: every page answers 503 with the site's own page and Retry-After, not the 500 page
nor a traceback. Other errors keep the 500 page. The cluster proves it with a real restart
(tests/cluster/test_cluster.py); this pins the rule."""

import pytest
from django.db import InterfaceError, OperationalError


@pytest.fixture
def failing_page(client, monkeypatch):
    """The about page, whose view raises the given error; the client answers as the
    server would instead of raising it in the test."""
    client.raise_request_exception = False

    def fail_with(error: Exception):
        def raise_error(*args, **kwargs):
            raise error

        monkeypatch.setattr("atelier.views.get_object_or_404", raise_error)
        return client.get("/over/")

    return fail_with


@pytest.mark.parametrize(
    "error",
    [
        OperationalError('connection to server at "10.0.0.1", port 5432 failed: refused'),
        InterfaceError("connection already closed"),
    ],
)
def test_a_database_out_of_reach_gives_the_sites_503_page(db, failing_page, error):
    response = failing_page(error)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "<title>Even niet bereikbaar · Leeratelier Samenlevingsopbouw</title>" in page
    assert "Het ligt niet aan jou" in page
    assert "Traceback" not in page and "5432" not in page


def test_other_errors_keep_the_500_page(db, failing_page):
    response = failing_page(ValueError("a bug"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert not response.has_header("Retry-After")
