"""Smoke test of a running Samverka with the demo data: `python deploy/smoke.py http://host:port`.

Standard library only. Logs in as partner staff (no second factor) and opens the portfolio, a
partnership, the follow-up pages and a participant; logs in as a committee member and downloads
the portfolio report; checks /healthz, a static file and the security headers. Prints one line
per check and a summary line; exits 1 when any check fails. The users and passwords can be
changed with SMOKE_USER / SMOKE_REPORT_USER / SMOKE_PASSWORD.
"""

import http.cookiejar
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

USER = os.environ.get("SMOKE_USER", "stadsmissionen")
REPORT_USER = os.environ.get("SMOKE_REPORT_USER", "namnd")
PASSWORD = os.environ.get("SMOKE_PASSWORD", "samverka-demo")
REQUIRED_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": None,
                    "X-Frame-Options": None}
OPTIONAL_HEADERS = ["Content-Security-Policy", "Strict-Transport-Security",
                    "Cross-Origin-Opener-Policy"]


class Response:
    def __init__(self, status, url, headers, body):
        self.status, self.url, self.headers, self.body = status, url, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Browser:
    """A cookie-keeping client that follows redirects and never raises on an HTTP status."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=60) as answer:
                return Response(answer.status, answer.url, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.url, error.headers, error.read())
        except (urllib.error.URLError, OSError) as error:
            return Response(0, self.base + path, {}, str(error).encode())

    def csrf(self, path):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.request(path).text)
        return match.group(1) if match else ""

    def login(self, username, password):
        token = self.csrf("/login/")
        return self.request("/login/", {"csrfmiddlewaretoken": token, "username": username,
                                        "password": password, "next": "/"})

    def logout(self):
        self.request("/logout/", {"csrfmiddlewaretoken": self.csrf("/")})


class Smoke:
    def __init__(self):
        self.passed, self.failed, self.notes = 0, [], []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"  OK   {name}")
        else:
            self.failed.append(name)
            print(f"  FEL  {name}{': ' + detail if detail else ''}")
        return ok

    def page(self, browser, name, path, contains=None):
        answer = browser.request(path)
        ok = answer.status == 200 and (contains is None or contains in answer.text)
        self.check(f"{name} ({path})", ok, f"status {answer.status} på {answer.url}")
        return answer


def first_link(text, pattern):
    match = re.search(pattern, text)
    return match.group(0) if match else None


def run(base) -> Smoke:
    smoke = Smoke()
    browser = Browser(base)

    health = browser.request("/healthz")
    smoke.check("/healthz svarar ok", health.status == 200 and
                json.loads(health.text or "{}").get("status") == "ok", f"status {health.status}")

    answer = browser.login(USER, PASSWORD)
    logged_in = smoke.check(f"inloggning som {USER}", answer.status == 200
                            and "/login/" not in answer.url and 'action="/logout/"' in answer.text,
                            f"hamnade på {answer.url} (status {answer.status})")
    if logged_in:
        start = smoke.page(browser, "startsidan", "/", "Samverka")
        headers(smoke, start)
        static(smoke, browser, start.text)
        portfolio = smoke.page(browser, "portföljen", "/portfolj/?year=2024", "Samverka")
        link = first_link(portfolio.text, r"/partnerskap/\d+/")
        smoke.check("portföljen länkar till ett partnerskap", link is not None)
        if link:
            smoke.page(browser, "ett partnerskap", link)
        dashboard = smoke.page(browser, "uppföljningen", "/uppfoljning/?period=2024")
        link = first_link(dashboard.text, r"/uppfoljning/\d+/")
        if smoke.check("uppföljningen länkar till ett partnerskap", link is not None):
            smoke.page(browser, "uppföljningen av ett partnerskap", link + "?period=2024")
        listing = smoke.page(browser, "deltagarlistan", "/deltagare/")
        link = first_link(listing.text, r"/deltagare/\d+/")
        if smoke.check("deltagarlistan visar deltagare", link is not None):
            person = smoke.page(browser, "en deltagare", link)
            cache = person.headers.get("Cache-Control", "")
            if "no-store" not in cache:
                smoke.notes.append(f"deltagarsidan saknar Cache-Control: no-store ({cache!r})")
        browser.logout()
        after = browser.request("/")
        smoke.check("utloggning", "/login/" in after.url, after.url)

    reports = Browser(base)
    answer = reports.login(REPORT_USER, PASSWORD)
    if smoke.check(f"inloggning som {REPORT_USER}", "/login/" not in answer.url, answer.url):
        report = reports.request("/uppfoljning/rapport.pdf?period=2024")
        smoke.check("portföljrapporten laddas ned (PDF)", report.status == 200
                    and report.body.startswith(b"%PDF"), f"status {report.status}")
    return smoke


def headers(smoke, answer):
    for name, value in REQUIRED_HEADERS.items():
        found = answer.headers.get(name)
        smoke.check(f"säkerhetshuvudet {name}", found is not None and
                    (value is None or found.lower() == value), f"fick {found!r}")
    for name in OPTIONAL_HEADERS:
        if answer.headers.get(name) is None:
            smoke.notes.append(f"säkerhetshuvudet {name} saknas")
        else:
            print(f"  OK   säkerhetshuvudet {name} (finns)")


def static(smoke, browser, html):
    href = first_link(html, r"/static/[^\"']+\.css")
    if smoke.check("sidan länkar en stilmall", href is not None):
        answer = browser.request(href)
        smoke.check(f"statisk fil via whitenoise ({href})", answer.status == 200
                    and "text/css" in answer.headers.get("Content-Type", ""),
                    f"status {answer.status}")


def main(argv):
    if len(argv) != 2:
        print("Användning: python deploy/smoke.py http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    print(f"Röktest mot {argv[1]}")
    smoke = run(argv[1])
    for note in smoke.notes:
        print(f"  OBS  {note}")
    total = smoke.passed + len(smoke.failed)
    if smoke.failed:
        print(f"RÖKTEST MISSLYCKADES: {len(smoke.failed)} av {total} kontroller fel: "
              + ", ".join(smoke.failed))
        return 1
    print(f"RÖKTEST GODKÄNT: {total} av {total} kontroller, {len(smoke.notes)} anmärkningar")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
