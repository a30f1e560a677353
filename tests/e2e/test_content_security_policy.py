"""The site and the Django admin work under the Content-Security-Policy: no violations."""

import pytest

from ..factories import PASSWORD, ResourceFactory, make_coordinator, make_event, make_member

# Collects every violation the page reports, from before any of its own code runs.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def visit(page, path) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def site(db):
    event = make_event(slug="open-middag", kind="public")
    item = ResourceFactory(title="Werkvorm", slug="werkvorm", summary="S", body="**B**")
    return {"event": event.get_absolute_url(), "item": item.get_absolute_url()}


def log_in(page, email, login_path="/accounts/login/"):
    page.goto(login_path)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_site_pages_run_without_policy_violations(page, site):
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    make_member("lid-csp@example.org")
    for path in ["/", "/over/", "/agenda/", site["event"], "/kennisbank/", site["item"]]:
        assert visit(page, path) == [], path
    log_in(page, "lid-csp@example.org")
    for path in ["/leden/", "/profiel/", "/kennisbank/nieuw/?soort=case", "/agenda/mijn/"]:
        assert visit(page, path) == [], path


def test_admin_runs_without_policy_violations(page, site):
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    coordinator = make_coordinator("beheer-csp@example.org")
    page.goto("/admin/login/")  # sends to the site's login
    page.get_by_role("textbox", name="E-mailadres").fill(coordinator.email)
    page.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/admin/")
    for path in [
        "/admin/",
        "/admin/sessions_app/event/",
        "/admin/sessions_app/event/add/",
        "/admin/knowledge/resource/",
        "/admin/members/profile/",
    ]:
        assert visit(page, path) == [], path
    # The admin's own scripts ran: the slug is filled in from the title as one types.
    page.goto("/admin/sessions_app/event/add/")
    page.locator("#id_title").press_sequentially("Nieuwe bijeenkomst")
    assert page.locator("#id_slug").input_value() == "nieuwe-bijeenkomst"


def test_an_inline_script_is_blocked_and_reported(page, site):
    # Guards the checks above: the listener sees a violation when there is one.
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.goto("/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
