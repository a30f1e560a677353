"""What a browser sees of issue 20's operations part: a compressed page that renders, and the
site's own 500 page with the code to quote to the coordinator."""

from playwright.sync_api import expect

from atelier import views as site_views

from ..factories import make_resource
from .conftest import assert_accessible


def test_a_browser_gets_the_library_compressed_and_reads_it(page, live_server, db):
    make_resource("Buurtgesprek over wonen")
    response = page.goto("/kennisbank/")
    assert response.status == 200
    assert response.headers["content-encoding"] == "gzip"
    expect(page.get_by_role("link", name="Buurtgesprek over wonen")).to_be_visible()
    assert_accessible(page)


def test_the_500_page_shows_the_code_of_the_request(page, live_server, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(site_views, "render", broken)
    response = page.goto("/over/")
    assert response.status == 500
    expect(page.get_by_role("heading", level=1)).to_have_text("Er ging iets mis")
    expect(page.locator("code")).to_have_text(response.headers["x-request-id"])
    assert_accessible(page)
