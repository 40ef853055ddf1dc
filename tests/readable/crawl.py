"""Walk every page of the demo as one user (issue 15, "What it must show" 3): from the start
page, every same-site link that shows a page, one of each kind (numbers in the path stand for any
number), at each width: no sideways page scroll, no serious or critical axe-core violation, no
code or English field name in the visible text."""

import re
import time
from urllib.parse import urldefrag, urlparse

from tests.browser import serious_violations

WIDTHS = [(1366, 900), (390, 844)]
# Links that download, change state, leave the site or only repeat a page with another filter.
SKIP = re.compile(
    r"/logout|/i18n/|/admin/|/api/|/oppna-data/.+\.(json|csv)|export|\.csv|\.xlsx|\.json|\.docx"
    r"|\.pdf|\.odt|\.md$|\.txt$|\.ttl|\.rdf|\.zip|format=|/personnummer/|/ladda-ned|/hamta|/fil/|/bilaga/\d+/$|/tjansteskrivelser/"
    r"|/healthz|/sso/|/login/")
# Codes and English field names that must never reach a user (issue 15's finds and kin).
FORBIDDEN_WORDS = [
    "registry_number", "value_per_year", "partner_staff", "case_worker", "committee",
    "officer", "participants.", "partnerships.", "followup.", "impact.", "count:", "years:",
    "None", "True", "False", "Forbidden", "Not Found", "Server Error", "nan", "null",
    "undefined", "Traceback", "lock_version", "object_id", "places", "municipality",
    "extension", "amount", "hourly_rate", "partnership",
]
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a field or code name: first_name, decided_on
# Snake-case words a page may show: none so far.
ALLOWED_SNAKE: set[str] = set()


def pattern(url: str) -> str:
    parsed = urlparse(url)
    path = re.sub(r"/\d+(?=/|$)", "/N", parsed.path)
    path = re.sub(r"/\d{4}-\d{2}-\d{2}(?=/|$)", "/D", path)
    return path  # a page with another filter or period is the same kind of page


def visible_problems(text: str) -> list[str]:
    found = [word for word in FORBIDDEN_WORDS if re.search(rf"(?<![\w.]){re.escape(word)}", text)]
    found += sorted({w for w in SNAKE.findall(text) if w not in ALLOWED_SNAKE})
    return found


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return [urldefrag(h)[0] for h in hrefs if h.startswith(origin) and not SKIP.search(h)]


def walk(page, origin: str, label: str, limit: int = 80, check_axe: bool = True) -> dict:
    """Visit the start page and what it links to, breadth first; return problems and counts."""
    problems: list[str] = []
    seen_patterns: set[str] = set()
    queue = [f"{origin}/"]
    visited = 0
    started = time.monotonic()
    while queue and visited < limit:
        url = queue.pop(0)
        key = pattern(url)
        if key in seen_patterns:
            continue
        seen_patterns.add(key)
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            try:
                response = page.goto(url)
            except Exception as error:  # a download, not a page
                problems.append(f"{label} {url}: {str(error).splitlines()[0]}")
                break
            status = response.status if response else 0
            if status >= 400 and status not in (403, 404):
                problems.append(f"{label} {width} {url}: status {status}")
                continue
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{label} {width} {url}: document {scroll} px wide")
            if check_axe:
                for violation in serious_violations(page):
                    problems.append(f"{label} {width} {url}: {violation}")
            if width == WIDTHS[0][0] and "/oppna-data/" not in url:  # that page documents JSON
                words = visible_problems(page.inner_text("body"))
                if words:
                    problems.append(f"{label} {url}: visible codes {words}")
                queue += [link for link in _links(page, origin)
                          if pattern(link) not in seen_patterns]
        visited += 1
    return {"problems": problems, "pages": visited, "seconds": time.monotonic() - started,
            "patterns": sorted(seen_patterns)}
