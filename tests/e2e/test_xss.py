"""Known XSS payloads through every Markdown field of the site, then into a real browser.

Each payload is written through the code path a real author uses: a member's own forms
for the profile bio, a library item and a comment; the coordinator's Django admin for
an event's description and a site page. Then Chromium opens every page that shows the
text (and the forms that edit it) with a trap in place before any of the page's code
runs: `alert`, `confirm`, `prompt` and `print` only record that they were called, any
dialog that opens anyway is recorded too, and so is every console error, page error and
Content-Security-Policy violation. Nothing may be recorded, and the page's DOM may hold
no event-handler attribute, no script the site did not write and no link or source with
a `javascript:`, `vbscript:` or `data:` address.

The browser runs the pages twice: once as served, and once with the CSP header taken
off, so that the sanitizer (atelier/markdown.py) is tested on its own and not only
behind the policy that would block an inline script anyway.

The same corpus also goes through `render_markdown` directly, one payload at a time.
"""

import re
from html.parser import HTMLParser

import pytest

from atelier.markdown import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS, render_markdown
from atelier.models import Page
from knowledge.models import Comment, Resource
from members.models import Profile

from ..factories import make_coordinator, make_event, make_member
from .conftest import log_in

JS = "javascript:alert(1)"
B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
ENTITY_JS = "".join(f"&#{ord(c)};" for c in "javascript:") + "alert(1)"
HEX_ENTITY_JS = "".join(f"&#x{ord(c):x};" for c in "javascript:") + "alert(1)"
PADDED_ENTITY_JS = "".join(f"&#{ord(c):07d}" for c in JS)

PAYLOADS = [
    # Script elements, plain and disguised.
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=data:text/javascript,alert(1)></script>",
    "<script>alert(1)//",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x20type='text/javascript'>alert(1);</script>",
    "<template><script>alert(1)</script></template>",
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x:alert(1) onerror=eval(src)>",
    '<img src=x onerror="\\u0061lert(1)">',
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<x onclick=alert(1)>klik</x>",
    '<a href="https://example.org" onclick="alert(1)">klik</a>',
    '<a href="#" title="x" onmouseover=alert(1)>klik</a>',
    "<isindex type=image src=1 onerror=alert(1)>",
    # javascript:, vbscript: and data: addresses in HTML, obfuscated.
    f'<a href="{JS}">klik</a>',
    "<a href=JaVaScRiPt:alert(1)>klik</a>",
    f'<a href="{ENTITY_JS}">klik</a>',
    f'<a href="{PADDED_ENTITY_JS}">klik</a>',
    '<a href="jav&#x09;ascript:alert(1)">klik</a>',
    '<a href="ja&Tab;vascript:alert(1)">klik</a>',
    '<a href="java&#0;script:alert(1)">klik</a>',
    '<a href="javascript&colon;alert(1)">klik</a>',
    '<a href=" \tjavascript:alert(1)">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    f'<a href="data:text/html;base64,{B64_SCRIPT}">klik</a>',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<table background=javascript:alert(1)><tr><td>x</td></tr></table>",
    # Frames, objects and document-wide elements.
    f'<iframe src="{JS}"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    f'<object data="{JS}"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<base href="javascript:alert(1)//">',
    f'<meta http-equiv="refresh" content="0;url={JS}">',
    f'<link rel="stylesheet" href="{JS}">',
    f'<form action="{JS}"><button>klik</button></form>',
    f'<button formaction="{JS}">klik</button>',
    # Style.
    '<style>@import "javascript:alert(1)";</style>',
    '<div style="width: expression(alert(1))">x</div>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    # SVG and MathML.
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    f'<svg><a xlink:href="{JS}"><text x="20" y="20">klik</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    f'<math href="{JS}">klik</math>',
    # Breaking out of attributes, elements and the page's own contexts.
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<p title="</p><script>alert(1)</script>">x</p>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"-alert(1)-"',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<xmp><script>alert(1)</script></xmp>",
    # HTML comments.
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<!-- --!><img src=x onerror=alert(1)>",
    "[klik](https://example.org)<!-- <script>alert(1)</script> -->",
    # Unicode escapes and look-alikes.
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>",
    # Markdown links and images.
    f"[klik]({JS})",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](&#106;avascript:alert(1))",
    f"[klik]({HEX_ENTITY_JS})",
    "[klik](  javascript:alert(1))",
    f"[klik](<{JS}>)",
    f'[klik]({JS} "titel")',
    "[klik](java%0ascript:alert(1))",
    "[klik](javascript&colon;alert(1))",
    "[klik](vbscript:msgbox(1))",
    f"[klik](data:text/html;base64,{B64_SCRIPT})",
    "[klik](data:text/html,<script>alert(1)</script>)",
    '[klik](#"onclick="alert(1))',
    '[klik](https://example.org "titel\\" onmouseover=\\"alert(1)")',
    '[klik](https://example.org" onmouseover="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    '![x](x" onerror="alert(1))',
    f"![x]({JS})",
    '![x"onerror="alert(1)](x)',
    # Reference links (each with its own label: definitions are document-wide).
    f"[klik][ref-a]\n\n[ref-a]: {JS}",
    f'[klik][ref-b]\n\n[ref-b]: {JS} "titel"',
    f"![x][ref-c]\n\n[ref-c]: {JS}",
    f"[klik][ref-d]\n\n[ref-d]: <{JS}>",
    f"[ref-e]\n\n[ref-e]: {HEX_ENTITY_JS}",
    # Autolinks and the linkifier.
    f"<{JS}>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    JS,
    'www.example.org/"onmouseover="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    # The Markdown extensions in use: abbr, tables, definition lists, fenced code.
    "*[KLIK]: <img src=x onerror=alert(1)>\n\nKLIK hier",
    '*[HTML]: " onmouseover="alert(1)\n\nHTML hier',
    "| kop |\n|-----|\n| <img src=x onerror=alert(1)> |",
    "term\n: <script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```html\n</code></pre><script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "> <iframe src=javascript:alert(1)>",
    "# <script>alert(1)</script>",
]

# Slots a page's own scripts may use; anything a payload calls lands in window.__xss.
TRAP = """
window.__xss = [];
window.__violations = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + "(" + args.join(",") + ")"); };
}
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""

# What may be in the DOM after the page loaded: a list of every trace of a payload.
INSPECT_DOM = """
(allowedTags) => {
  const found = [];
  const safe = new Set(["http:", "https:", "mailto:", "tel:"]);
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data",
                         "srcdoc", "background", "poster", "codebase"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) found.push(`${element.tagName} ${name}=${attribute.value}`);
      if (urlAttributes.includes(name)) {
        let protocol;
        try { protocol = new URL(attribute.value, document.baseURI).protocol; }
        catch { protocol = "unparsable:"; }
        if (!safe.has(protocol)) found.push(`${element.tagName} ${name}=${attribute.value}`);
      }
    }
  }
  for (const script of document.scripts) {
    if (script.type === "application/ld+json") {
      try { JSON.parse(script.textContent); }
      catch { found.push("JSON-LD broken open: " + script.textContent.slice(0, 80)); }
    } else if (!script.src || new URL(script.src).origin !== location.origin) {
      found.push("script " + (script.src || script.textContent.slice(0, 80)));
    }
  }
  for (const element of document.querySelectorAll(
      "iframe, frame, object, embed, applet, base, meta[http-equiv], .prose svg, .prose math")) {
    found.push("element " + element.outerHTML.slice(0, 80));
  }
  // The site's own markup around user text in a .prose block (headings, a delete form).
  const siteTags = ["section", "article", "div", "h1", "time", "form", "input", "button"];
  for (const element of document.querySelectorAll(".prose *")) {
    const tag = element.tagName.toLowerCase();
    if (!allowedTags.includes(tag) && !siteTags.includes(tag)) {
      found.push("tag in user text " + element.outerHTML.slice(0, 80));
    }
  }
  return found;
}
"""


def corpus(*, limit: int | None = None) -> list[str]:
    """The payloads as Markdown bodies, one paragraph each, each body under `limit`."""
    bodies, current = [], ""
    for payload in PAYLOADS:
        candidate = f"{current}\n\n{payload}" if current else payload
        if limit and len(candidate) > limit:
            bodies.append(current)
            candidate = payload
        current = candidate
    return [*bodies, current]


class FormFields(HTMLParser):
    """The fields of each form on a page, as a browser would submit them untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._textarea = self._select = None
        self._text = ""

    def _add(self, name, value):
        if self.forms and name:
            self.forms[-1].setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "file", "image"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(attrs.get("name"), attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea, self._text = attrs.get("name"), ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self._add(self._textarea, self._text.removeprefix("\r\n").removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None


def submit(client, url, changes: dict, button: str | None = None):
    """Post the form on `url` that has the changed fields, as it stands plus `changes`."""
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    form = next(form for form in parser.forms if set(changes) <= set(form))
    data = {**form, **changes}
    if button:
        data[button] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


@pytest.fixture
def hostile_site(db, client):
    """Every Markdown field full of payloads, written through the site's own forms."""
    author = make_member("schrijver@example.org")
    coordinator = make_coordinator("beheer-xss@example.org")
    client.force_login(author)

    # The profile bio holds at most 5,000 characters: the corpus over several members.
    bios = corpus(limit=5000)
    profiles = [author.profile]
    for number in range(1, len(bios)):
        profiles.append(make_member(f"schrijver{number}@example.org").profile)
    for profile, bio in zip(profiles, bios, strict=True):
        client.force_login(profile.user)
        submit(client, "/profiel/", {"bio": bio})
    client.force_login(author)

    body = corpus()[0]
    response = client.post(
        "/kennisbank/nieuw/",
        {
            "kind": "tool",
            "title": "</title><script>alert(1)</script>",
            "summary": '"><img src=x onerror=alert(1)>',
            "section_target_group": body,
            "section_goal": body,
            "section_approach": body,
            "tags": "xss",
            "visibility": "public",
            "publish": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    resource = Resource.objects.get()
    comment_url = f"/kennisbank/{resource.slug}/reacties/"
    comment_bodies = corpus(limit=10_000)
    for comment_body in comment_bodies:
        assert client.post(comment_url, {"body": comment_body}).status_code == 302

    client.force_login(coordinator)
    event = make_event(slug="open-middag", kind="public")
    submit(
        client,
        f"/admin/sessions_app/event/{event.pk}/change/",
        {
            "title": ["</script><script>alert(1)</script>"],
            "summary": ['"</script><img src=x onerror=alert(1)>'],
            "description": [body],
        },
        button="_save",
    )
    about = Page.objects.get(key=Page.Key.ABOUT)
    submit(client, f"/admin/atelier/page/{about.pk}/change/", {"body": [body]}, button="_save")
    home = Page.objects.get(key=Page.Key.HOME)
    submit(client, f"/admin/atelier/page/{home.pk}/change/", {"body_en": [body]}, button="_save")
    client.logout()

    # Stored as written: the payloads reached the database through the forms.
    for profile in Profile.objects.filter(pk__in=[p.pk for p in profiles]):
        assert profile.bio.replace("\r\n", "\n") in [b.replace("\r\n", "\n") for b in bios]
    assert Comment.objects.count() == len(comment_bodies)
    event.refresh_from_db()
    assert "<script>" in event.description and "<script>" in event.title
    return {
        "author": author,
        "coordinator": coordinator,
        "profiles": profiles,
        "resource": resource,
        "comments": list(Comment.objects.order_by("pk")),
        "event": event,
    }


class Recorder:
    """Everything that would show a payload ran: calls, dialogs, errors, violations."""

    def __init__(self, page, base_url):
        self.page, self.base_url = page, base_url
        self.dialogs, self.errors = [], []
        page.add_init_script(TRAP)
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message):
        # A failed request is logged without its address; `_response` names it.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def _response(self, response):
        # Nothing a payload points at may be fetched (the admin asks for a favicon).
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.errors.append(f"{response.status} {response.url}")

    def check(self, where: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        # A little longer for anything deferred: meta refresh, animations, autofocus.
        page.wait_for_timeout(250)
        assert page.url.startswith(self.base_url), f"{where}: navigated to {page.url}"
        assert len(page.frames) == 1, f"{where}: a frame was injected"
        problems = {
            "called": page.evaluate("window.__xss"),
            "dialogs": self.dialogs,
            "CSP violations": page.evaluate("window.__violations"),
            "errors": self.errors,
            "in the DOM": page.evaluate(INSPECT_DOM, sorted(ALLOWED_TAGS)),
        }
        assert not any(problems.values()), f"{where}: {problems}"


def without_csp(route):
    """Serve pages without their Content-Security-Policy: the sanitizer stands alone."""
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch(max_redirects=0)
    headers = {
        name: value
        for name, value in response.headers.items()
        if name.lower() != "content-security-policy"
    }
    route.fulfill(response=response, headers=headers)


@pytest.mark.parametrize("policy", ["as served", "without CSP"])
def test_no_payload_runs_on_any_page_that_shows_markdown(page, live_server, hostile_site, policy):
    recorder = Recorder(page, live_server.url)
    site = hostile_site
    resource = site["resource"]
    log_in(page, site["author"].email, "/")
    if policy == "without CSP":
        page.route("**/*", without_csp)
    paths = [
        *[f"/leden/{profile.pk}/" for profile in site["profiles"]],
        "/profiel/",
        site["event"].get_absolute_url(),
        resource.get_absolute_url(),
        f"/kennisbank/reacties/{site['comments'][0].pk}/verwijderen/",
        f"/kennisbank/reacties/{site['comments'][0].pk}/bewerken/",
        "/over/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        recorder.check(path)

    # The library form's preview renders the body without saving it.
    page.goto(f"/kennisbank/{resource.slug}/bewerken/")
    recorder.check("edit form")
    page.locator("button[name=preview]").click()
    page.wait_for_selector(".preview")
    recorder.check("preview")

    # The coordinator's English home page text.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto("/")
    recorder.check("home (English)")
    assert page.locator(".prose").count() >= 1


def test_no_payload_runs_in_the_coordinators_admin(page, live_server, hostile_site):
    """What members write is shown to the coordinator in the admin: it must stay text."""
    recorder = Recorder(page, live_server.url)
    site = hostile_site
    log_in(page, site["coordinator"].email, "/admin/")
    for path in [
        f"/admin/members/profile/{site['profiles'][0].pk}/change/",
        f"/admin/knowledge/resource/{site['resource'].pk}/change/",
        f"/admin/knowledge/comment/{site['comments'][0].pk}/change/",
        f"/admin/sessions_app/event/{site['event'].pk}/change/",
        "/admin/knowledge/comment/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        recorder.check(path)


@pytest.mark.parametrize("policy", ["as served", "without CSP"])
def test_the_trap_catches_a_payload_that_gets_through(page, live_server, policy):
    # Guards the browser tests above: HTML stored around the sanitizer is caught.
    event = make_event(slug="lek", kind="public")
    event.__class__.objects.filter(pk=event.pk).update(
        description_html='<p>x</p><img src=x onerror="alert(1)">'
    )
    recorder = Recorder(page, live_server.url)
    if policy == "without CSP":
        page.route("**/*", without_csp)
    page.goto(event.get_absolute_url())
    with pytest.raises(AssertionError) as caught:
        recorder.check("planted payload")
    expected = "alert(1)" if policy == "without CSP" else "script-src-attr"
    assert expected in str(caught.value)
    assert "IMG onerror=alert(1)" in str(caught.value)


def test_the_corpus_is_large_and_the_pages_show_it(hostile_site):
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    # The payloads really reached the pages (as harmless text), not an empty body.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_site["resource"].body_html
    assert "&lt;svg onload=alert(1)&gt;" in hostile_site["event"].description_html


class HtmlElements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@pytest.mark.parametrize(
    "payload", PAYLOADS, ids=[f"payload-{n:03d}" for n in range(len(PAYLOADS))]
)
def test_render_markdown_neutralises_the_payload(payload):
    html = str(render_markdown(payload))
    assert "<script" not in html.lower()
    parser = HtmlElements()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), (name, html)
            assert name in ALLOWED_ATTRIBUTES.get(tag, []), (tag, name, html)
            if name in {"href", "src"}:
                # As a browser reads it: entities decoded, tabs, newlines and controls gone.
                address = INVISIBLE.sub("", value or "").lower()
                assert "javascript:" not in address and "vbscript:" not in address, html
                scheme = SCHEME.match(address)
                assert scheme is None or scheme.group(1) in ALLOWED_PROTOCOLS, html


def test_the_unit_checks_would_catch_a_payload():
    # Guards the test above: its parser sees a handler or a bad link where there is one.
    parser = HtmlElements()
    parser.feed('<a href="jav&#x09;ascript:alert(1)" onclick="x">k</a>')
    ((tag, attrs),) = parser.elements
    assert "onclick" in attrs
    assert INVISIBLE.sub("", attrs["href"]).startswith("javascript:")
