"""The one Markdown renderer: useful formatting survives, nothing executable does."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from atelier.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<style>body{display:none}</style>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](java\tscript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    '![plaatje](x" onerror="alert(1))',
    "![plaatje](javascript:alert(1))",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "<object data=x.swf></object><embed src=x.swf>",
    "<form action=https://evil.example><input name=x></form>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<p onmouseover=alert(1)>hover</p>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<script>alert(1)//-->",
    "<a href='https://ok.example' onclick='alert(1)'>ok</a>",
    '[a](https://ok.example "title" onclick="alert(1)")',
    "<base href=https://evil.example/>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)">x</a>',
    "[x]: javascript:alert(1)\n\n[link][x]",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<video><source onerror=alert(1)></video>",
    "<textarea><script>alert(1)</script></textarea>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]

SAFE_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "sup",
    "sub", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre", "a", "abbr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel", "align", "scope"}


class ElementCollector(HTMLParser):
    """What a browser would build from the HTML: elements and their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    problems = []
    for tag, attrs in collector.elements:
        if tag not in SAFE_TAGS:
            problems.append(f"element <{tag}>")
        for name, value in attrs.items():
            if name not in SAFE_ATTRIBUTES:
                problems.append(f"attribute {name} on <{tag}>")
            if name == "href":
                scheme = urlsplit("".join(value.split())).scheme.lower()
                if scheme not in {"", "http", "https", "mailto"}:
                    problems.append(f"link scheme {scheme!r}")
    return problems


@pytest.mark.parametrize("source", HOSTILE)
def test_nothing_executable_survives(source):
    html = render_markdown(source)
    assert executable_parts(html) == [], html


@pytest.mark.parametrize("source", HOSTILE)
def test_rendering_twice_is_still_safe(source):
    # Someone may paste rendered output back in; that must not unlock anything.
    html = render_markdown(render_markdown(source))
    assert executable_parts(html) == [], html


def test_common_formatting_survives():
    html = render_markdown(
        "# Kop\n\nTekst met **vet**, *cursief* en `code`.\n\n"
        "- een\n- twee\n\n1. eerste\n\n> citaat\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[Zuyd](https://www.zuyd.nl) en mail@example.org"
    )
    for fragment in [
        "<h2>Kop</h2>",
        "<strong>vet</strong>",
        "<em>cursief</em>",
        "<code>code</code>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        "<table>",
        "<td>1</td>",
    ]:
        assert fragment in html
    assert '<a href="https://www.zuyd.nl" rel="nofollow noopener">Zuyd</a>' in html


def test_h1_is_reserved_for_the_page_title():
    assert "<h1" not in render_markdown("# Titel\n\nTitel\n=====")


def test_bare_urls_become_safe_links():
    html = render_markdown("Zie https://example.org/pad?a=1 voor meer.")
    assert '<a href="https://example.org/pad?a=1" rel="nofollow noopener">' in html


def test_every_link_gets_nofollow_noopener():
    html = render_markdown("[a](https://a.example) [b](mailto:b@example.org) <https://c.example>")
    links = re.findall(r"<a [^>]*>", html)
    assert len(links) == 3
    assert all('rel="nofollow noopener"' in link for link in links)


def test_code_blocks_show_html_as_text_once_escaped():
    html = render_markdown("```\n<b>vet</b>\n```")
    assert "&lt;b&gt;vet&lt;/b&gt;" in html
    assert "&amp;lt;" not in html


def test_broken_html_does_not_break_the_page():
    html = render_markdown("<div><p>open <b>tags <i>everywhere")
    assert "<div" not in html
    assert html.count("<p>") == html.count("</p>")


def test_empty_input_gives_empty_output():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_the_checker_itself_catches_script():
    # Guards the guard: the checks above mean something only if this one fails.
    assert executable_parts('<p onclick="x">a</p><script>b</script><a href="javascript:c">d</a>')
