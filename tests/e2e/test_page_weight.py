"""Light pages: every public page under 60 KB on first load, with no third-party requests,
and static files hashed, compressed and cached for good in production.

The browser test records every response Chromium receives on a first visit (empty cache)
and adds up what would travel over the wire: the test server sends bodies uncompressed, so
a body counts at its gzip size (what WhiteNoise and the reverse proxy send), a body that
was sent compressed at its transferred size, plus the response headers.

The production test runs `collectstatic` with PRODUCTION=true into a temporary STATIC_ROOT
and asks WhiteNoise, as configured in production, for the stylesheet the page links to.
"""

import gzip
import io
import os
import random
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from knowledge.models import ResourceKind
from sessions_app.models import EventKind

from ..factories import ResourceFactory, make_comment, make_event, make_member

BUDGET = 60 * 1024
PUBLIC_PAGES = [
    "/",
    "/over/",
    "/privacy/",
    "/agenda/",
    "/agenda/archief/",
    "/agenda/open-atelier-signaleren/",
    "/kennisbank/",
    "/kennisbank/?q=buurt",
    "/kennisbank/het-buurtgesprek-als-werkvorm/",
    "/accounts/login/",
    "/accounts/signup/",
]
VOCABULARY = (
    "bewoners wijk buurt opbouwwerker gemeente beleid signaleren verbinden agenderen "
    "samenwerking vertrouwen armoede eenzaamheid participatie onderzoek praktijk onderwijs "
    "student lector casus werkvorm gesprek bijeenkomst netwerk vrijwilligers huurders "
    "corporatie welzijn zorg jongeren ouderen school speeltuin buurthuis collectief "
    "individueel belang spanning legitimiteit professionaliteit profiel ervaring kennis "
    "delen leren reflecteren experimenteren plannen evalueren meten waarderen luisteren "
    "vragen antwoorden samen eigen kracht ruimte tijd geld subsidie opdracht opdrachtgever "
    "regie eigenaarschap initiatief actiegroep bewonerscommissie straat plein park markt "
    "en de het een van in op met voor door over bij naar als dat die niet ook maar wel nog "
    "altijd vaak soms steeds meer minder goed lastig nieuw oud klein groot belangrijk"
)
WORDS = VOCABULARY.split()


def prose(seed: int, sentences: int) -> str:
    """Varied Dutch-looking text: repeated text would flatter the gzip sizes."""
    rng = random.Random(seed)
    text = []
    for _sentence in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(8, 20))
        text.append(" ".join(words).capitalize() + ".")
    return " ".join(text)


def long_markdown(seed: int) -> str:
    """About 8 KB of Markdown: headings, paragraphs, lists, emphasis and links."""
    parts = []
    for number in range(1, 7):
        parts += [
            f"## Deel {number}: {prose(seed * 100 + number, 1).rstrip('.')}",
            prose(seed * 100 + number + 10, 5),
            "\n".join(f"- {prose(seed * 100 + number + 20 + line, 1)}" for line in range(3)),
            f"Lees ook **{prose(seed + number, 1).rstrip('.')}** in de [kennisbank](/kennisbank/).",
        ]
    return "\n\n".join(parts)


def realistic_site() -> None:
    """The demo content, plus full list pages and a long event and item."""
    call_command("load_demo", stdout=io.StringIO())
    authors = [
        make_member(f"schrijver{number}@example.org", display_name=f"Schrijver {number}")
        for number in range(4)
    ]
    make_event(
        "open-atelier-signaleren",
        kind=EventKind.PUBLIC,
        title="Open atelier: signaleren in de wijk",
        description=long_markdown(1),
        capacity=40,
        online_link="https://meet.example.org/open-atelier",
    )
    for number in range(15):
        make_event(
            f"publieksavond-{number}",
            kind=EventKind.PUBLIC,
            title=f"Publieksavond {number}: samenlevingsopbouw in de praktijk",
            days_ahead=10 + number,
            capacity=30,
        )
        make_event(f"terugblik-{number}", kind=EventKind.PUBLIC, days_ahead=-10 - number)
    now = timezone.now()
    for number in range(25):
        item = ResourceFactory(
            kind=ResourceKind.values[number % 4],
            title=f"Het buurtgesprek als werkvorm{'' if number == 0 else f' {number}'}",
            slug="het-buurtgesprek-als-werkvorm" + ("" if number == 0 else f"-{number}"),
            summary=prose(200 + number, 2)[:300],
            body=long_markdown(100 + number),
            published_at=now - timedelta(hours=number),
            created_by=authors[number % 4],
            coauthors=[authors[(number + 1) % 4]],
            tags=["buurt", "signaleren", f"thema {number % 6}"],
        )
        for author in authors:
            make_comment(resource=item, author=author, body=prose(number, 4))


def transferred_bytes(response) -> int:
    sizes = response.request.sizes()
    if 300 <= response.status < 400 or response.header_value("content-encoding"):
        body = sizes["responseBodySize"]
    else:
        body = len(gzip.compress(response.body(), compresslevel=6, mtime=0))
    return sizes["responseHeadersSize"] + body


def first_load(browser, base_url: str, path: str) -> tuple[list[str], list, list[str]]:
    """Every request, response and failure of one page, loaded with an empty cache."""
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    context.set_default_timeout(10_000)
    requests, responses, failures = [], [], []
    context.on("request", lambda request: requests.append(request.url))
    context.on("response", lambda response: responses.append(response))
    context.on("requestfailed", lambda request: failures.append(request.url))
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    sizes = [(response.url, transferred_bytes(response)) for response in responses]
    context.close()
    return requests, sizes, failures


def test_every_public_page_is_light_and_asks_only_its_own_server(browser, live_server, db):
    realistic_site()
    own_host = urlsplit(live_server.url).netloc
    weights = {}
    for path in PUBLIC_PAGES:
        requests, sizes, failures = first_load(browser, live_server.url, path)
        assert not failures, f"{path}: failed requests {failures}"
        third_party = [url for url in requests if urlsplit(url).netloc != own_host]
        assert not third_party, f"{path} asks other servers: {third_party}"
        assert any(url.endswith(".css") for url, _size in sizes), f"{path}: no stylesheet?"
        weights[path] = sum(size for _url, size in sizes)
        print(f"{path:<48} {weights[path] / 1024:5.1f} KB in {len(sizes)} responses")
    too_heavy = {path: weight for path, weight in weights.items() if weight >= BUDGET}
    assert not too_heavy, f"over {BUDGET // 1024} KB on first load: {too_heavy}"


def test_the_pages_have_the_realistic_content_that_is_weighed(client, db):
    realistic_site()
    event = client.get("/agenda/open-atelier-signaleren/").content.decode()
    assert event.count("<h2") >= 6 and "Open atelier: signaleren in de wijk" in event
    item = client.get("/kennisbank/het-buurtgesprek-als-werkvorm/").content.decode()
    assert len(item) > 10_000 and item.count("<h2") >= 6
    assert client.get("/agenda/").content.decode().count("Publieksavond") >= 15
    assert client.get("/agenda/archief/").content.decode().count("Terugblik") >= 15
    library = client.get("/kennisbank/").content.decode()
    assert library.count("Het buurtgesprek als werkvorm") >= 20


# --- Static files in production: hashed, compressed, cached for good ---------------------


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory) -> Path:
    """`collectstatic` as a production deploy runs it, into a temporary directory."""
    static_root = tmp_path_factory.mktemp("static")
    environment = {
        **os.environ,
        "PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": "collectstatic-in-a-test-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "http://testserver",
        "STATIC_ROOT": str(static_root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
    )
    return static_root


def production_static(static_root: Path):
    return override_settings(
        DEBUG=False,
        STATIC_ROOT=static_root,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    )


def test_production_serves_hashed_compressed_static_files_cached_for_good(collected_static, db):
    with production_static(collected_static):
        client = Client()  # a new client builds its middleware with these settings
        html = client.get("/").content.decode()
        links = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
        assert links, "the home page links no static files"
        for url in links:
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), f"{url} has no hash in its name"
            gzipped = client.get(url, headers={"accept-encoding": "gzip"})
            assert gzipped.status_code == 200, url
            assert gzipped["Cache-Control"] == "max-age=315360000, public, immutable", url
            body = b"".join(gzipped.streaming_content)
            plain = client.get(url)
            plain_body = b"".join(plain.streaming_content)
            assert "Content-Encoding" not in plain
            if url.endswith((".css", ".js")):  # a tiny icon is not worth compressing
                assert gzipped["Content-Encoding"] == "gzip", url
                assert gzipped["Vary"] == "Accept-Encoding", url
                assert gzip.decompress(body) == plain_body
                assert len(body) < len(plain_body)


def test_production_static_files_without_a_hash_are_not_cached_for_good(collected_static, db):
    with production_static(collected_static):
        response = Client().get("/static/css/site.css")
    # The unhashed copy exists for old links, but may change with the next deploy.
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
