"""Content-Security-Policy on every response, and no inline script, event handler or style
attribute in any template or in the demo's rendered pages (the policy would block them)."""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_FILES = sorted((ROOT / "samverka").rglob("templates/**/*.html"))
SKIP = ("/logout/", "/i18n/", "/login/")
PAGES_PER_SHAPE = 1
MAX_PAGES = 150


class InlineCode(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts, on* handlers, style attributes,
    javascript: URLs; and the page's links."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.links: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}={value!r}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and "src" not in attributes and \
                attributes.get("type") != "application/json":
            self._in_inline_script = True
            self.problems.append(f"<script> without src: {attrs!r}")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def inline_code(html: str) -> InlineCode:
    parser = InlineCode()
    parser.feed(html)
    return parser


def test_no_template_holds_inline_script_handlers_or_style_attributes():
    assert len(TEMPLATE_FILES) > 20
    found = []
    pattern = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|"
        r"javascript:", re.IGNORECASE)
    for path in TEMPLATE_FILES:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert found == []


def test_the_checker_finds_what_csp_blocks():
    html = ('<p style="width: 3%">x</p><button onclick="go()">y</button><script>alert(1)</script>'
            '<script src="/static/x.js"></script><a href="javascript:alert(1)">z</a>')
    assert len(inline_code(html).problems) == 4


def test_the_policy_header_is_strict(client, users):
    client.force_login(users["committee"])
    policy = client.get(reverse("portfolio"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


def test_the_login_page_has_the_policy(client):
    response = client.get(reverse("login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert inline_code(response.content.decode()).problems == []


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(path).path)


def crawl(client, start="/"):
    """Visit the site's pages reachable by links from START (a few per URL shape)."""
    queue, seen, shapes, visited = deque([start]), {start}, {}, []
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        visited.append(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        yield url, response
        for href in inline_code(response.content.decode()).links:
            target = urldefrag(href).url
            if not target.startswith("/") or target.startswith(SKIP) or target in seen:
                continue
            if shapes.get(shape(target), 0) >= PAGES_PER_SHAPE:
                continue
            shapes[shape(target)] = shapes.get(shape(target), 0) + 1
            seen.add(target)
            queue.append(target)


DEMO_USERS = ["admin", "handlaggare", "deltagaradmin", "anvisare", "stadsmissionen", "namnd"]


@pytest.mark.django_db
def test_the_demo_pages_carry_the_policy_and_no_inline_code(client):
    call_command("load_demo", verbosity=0)
    problems, shapes = [], set()
    for username in DEMO_USERS:
        client.force_login(get_user_model().objects.get(username=username))
        for url, response in crawl(client):
            shapes.add(shape(url))
            if "script-src 'self'" not in response.get("Content-Security-Policy", ""):
                problems.append(f"{username} {url}: no Content-Security-Policy")
            problems += [f"{username} {url}: {problem}"
                         for problem in inline_code(response.content.decode()).problems]
    assert problems == []
    # The walk reached the pages that show a partnership, a participant and the admin.
    assert {"/partnerskap/N/", "/deltagare/N/", "/admin/"} <= shapes, sorted(shapes)
