"""Bounded load test of a running Samverka with the demo data (issue 16, item 5).

Two steps, normally run by `make load` (bench/load.sh):

    python bench/load.py setup               # in the server's environment: creates the users
    python bench/load.py run http://127.0.0.1:PORT [--seconds 60] [--think 0.5]

`setup` (needs Django and the server's DATABASE_URL) gives every simulated user an account of
its own, a copy of a demo user's profile (role, municipality, organisation, referring unit) with
the demo password; officers and administrators get the demo's published TOTP key on a device of
their own (django-otp refuses a code already used on the same device, so users cannot share one).

`run` is standard library only: one thread per user logs in once (password, then the one-time
code computed from the demo key for officers and administrators) and then loops over its role's
pages (portfolio, a partnership, the follow-up, a partnership's follow-up, the participant list,
a participant) with a small random think time until the time is up. It prints p50/p95 per page
and role, errors, and each restricted role's p95 against the administrator's on the same pages
(the issue asks for at most 1.2 ×). Exit status 1 on any 5xx, connection error or failed login.
"""

import argparse
import base64
import hashlib
import hmac
import http.cookiejar
import json
import os
import random
import re
import struct
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

PASSWORD = "samverka-demo"
DEMO_TOTP_SECRET = "SAMVERKADEMOSAMVERKADEMOSAMVERKA"
ADMIN = "administratör"
# Role label: demo users whose profiles the simulated users copy, and whether TOTP is needed.
ROLES = {
    "handläggare (förvaltning)": (["handlaggare"], True),
    "anvisare": (["anvisare", "anvisare.fsi"], False),
    "samverkanspart": (["stadsmissionen", "ikf"], False),
    ADMIN: (["deltagaradmin"], True),
}
DEFAULT_MIX = {"handläggare (förvaltning)": 13, "anvisare": 12, "samverkanspart": 13, ADMIN: 12}
PERIOD = "2024"
# Page label: how its path is found (a fixed path, or a link pattern on another page).
PAGES = [
    ("portfölj", "/", None),
    ("partnerskap", "portfölj", r"/partnerskap/\d+/"),
    ("uppföljning", f"/uppfoljning/?period={PERIOD}", None),
    ("uppföljning partnerskap", "uppföljning", r"/uppfoljning/\d+/"),
    ("deltagarlista", "/deltagare/", None),
    ("deltagare", "deltagarlista", r"/deltagare/\d+/"),
]


def username(role: str, index: int) -> str:
    slug = {"handläggare (förvaltning)": "handlaggare", "anvisare": "anvisare",
            "samverkanspart": "part", ADMIN: "admin"}[role]
    return f"last.{slug}.{index:02d}"


def plan(mix: dict[str, int]) -> list[tuple[str, str, str]]:
    """(role, username, template) for every simulated user."""
    users = []
    for role, count in mix.items():
        templates = ROLES[role][0]
        for index in range(count):
            users.append((role, username(role, index), templates[index % len(templates)]))
    return users


# --- setup (Django) ------------------------------------------------------------------------------

def setup(mix: dict[str, int], roles_file: str | None = None) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from samverka.accounts import otp
    from samverka.accounts.models import Profile

    model = get_user_model()
    ids = {}
    with transaction.atomic():
        for role, name, template in plan(mix):
            source = Profile.objects.get(user__username=template)
            user, _ = model.objects.get_or_create(username=name, defaults={
                "first_name": "Last", "last_name": name.split(".", 1)[1]})
            user.set_password(PASSWORD)
            user.save()
            Profile.objects.update_or_create(user=user, defaults={
                field.attname: getattr(source, field.attname)
                for field in Profile._meta.concrete_fields
                if field.name not in ("id", "user")})
            if ROLES[role][1]:
                otp.enrol_demo_device(user)
            ids[user.pk] = role
    if roles_file:
        with open(roles_file, "w", encoding="utf-8") as out:
            json.dump(ids, out, ensure_ascii=False)
    print(f"{len(plan(mix))} lasttestanvändare klara.")


# --- run (standard library only) -----------------------------------------------------------------

def totp(secret: str, at: float) -> str:
    """RFC 6238 code (SHA-1, 30 s, 6 digits), as django-otp's TOTPDevice computes it."""
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Client:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path, data=None):
        """(status, final url, text, seconds); status 0 on a connection error."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Referer": self.base + path})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as answer:
                text = answer.read().decode("utf-8", "replace")
                return answer.status, answer.url, text, time.perf_counter() - started
        except urllib.error.HTTPError as error:
            error.read()
            return error.code, error.url, "", time.perf_counter() - started
        except (urllib.error.URLError, OSError) as error:
            return 0, self.base + path, str(error), time.perf_counter() - started

    def csrf(self, text):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        return match.group(1) if match else ""

    def login(self, name, second_factor) -> tuple[bool, str]:
        status, url, text, _ = self.get("/login/")
        status, url, text, _ = self.get("/login/", {
            "csrfmiddlewaretoken": self.csrf(text), "username": name, "password": PASSWORD,
            "next": "/"})
        if second_factor and "/login/engangskod/" in url:
            status, url, text, _ = self.get(urllib.parse.urlparse(url).path + "?next=/", {
                "csrfmiddlewaretoken": self.csrf(text), "token": totp(DEMO_TOTP_SECRET,
                                                                      time.time()),
                "next": "/"})
        ok = status == 200 and "/login/" not in url and 'action="/logout/"' in text
        return ok, f"status {status}, {urllib.parse.urlparse(url).path}"


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)     # (role, page) -> seconds
        self.statuses = defaultdict(lambda: defaultdict(int))  # (role, page) -> status -> n
        self.failures: list[str] = []

    def add(self, role, page, status, seconds):
        with self.lock:
            self.statuses[(role, page)][status] += 1
            if status == 200:
                self.times[(role, page)].append(seconds)

    def fail(self, message):
        with self.lock:
            self.failures.append(message)


def discover(client, role, results) -> dict[str, list[str]]:
    """The paths of each page this role can open, from its own portfolio and lists."""
    found: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for label, source, pattern in PAGES:
        if pattern is None:
            status, _url, text, seconds = client.get(source)
            results.add(role, label, status, seconds)
            if status == 200:
                found[label], texts[label] = [source], text
        elif source in texts:
            links = sorted(set(re.findall(pattern, texts[source])))
            if links:
                suffix = f"?period={PERIOD}" if label.startswith("uppföljning") else ""
                found[label] = [link + suffix for link in links[:20]]
    return found


def user_loop(base, role, name, window, think, results, rng, ready):
    """Log in and find the pages (not measured), wait for every user, then loop until the end
    of the measured WINDOW (a dict that the main thread fills in when all are ready)."""
    client = Client(base)
    ok, detail = client.login(name, ROLES[role][1])
    if not ok:
        results.fail(f"inloggningen som {name} misslyckades ({detail})")
        ready.abort()
        return
    pages = discover(client, role, Results())
    try:
        ready.wait()
    except threading.BrokenBarrierError:
        return
    deadline = window["end"]
    while time.monotonic() < deadline:
        for label, paths in pages.items():
            if time.monotonic() >= deadline:
                break
            status, _url, _text, seconds = client.get(rng.choice(paths))
            results.add(role, label, status, seconds)
            time.sleep(rng.uniform(0, 2 * think))


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def report(results, seconds, users) -> int:
    labels = [label for label, _source, _pattern in PAGES]
    total = sum(sum(s.values()) for s in results.statuses.values())
    server_errors = sum(n for s in results.statuses.values()
                        for status, n in s.items() if status >= 500 or status == 0)
    print(f"\n{users} användare, {seconds:.0f} s, {total} anrop ({total / seconds:.1f}/s)\n")
    print(f"{'roll':27} {'sida':24} {'antal':>6} {'p50 ms':>8} {'p95 ms':>8}  fel")
    for role in ROLES:
        for label in labels:
            statuses = results.statuses.get((role, label))
            if not statuses:
                continue
            times = results.times[(role, label)]
            errors = ", ".join(f"{n}×{status or 'anslutning'}"
                               for status, n in sorted(statuses.items()) if status != 200)
            print(f"{role:27} {label:24} {sum(statuses.values()):>6} "
                  f"{percentile(times, .5) * 1000:>8.0f} {percentile(times, .95) * 1000:>8.0f}"
                  f"  {errors or '0'}")
    print("\np95 jämfört med administratörens på samma sida (krav: högst 1,2):")
    worst = 0.0
    for role in ROLES:
        if role == ADMIN:
            continue
        parts = []
        for label in labels:
            mine, admin = results.times[(role, label)], results.times[(ADMIN, label)]
            if mine and admin:
                ratio = percentile(mine, .95) / percentile(admin, .95)
                worst = max(worst, ratio)
                parts.append(f"{label} {ratio:.2f}")
        print(f"  {role:27} " + ", ".join(parts))
    for failure in results.failures:
        print(f"  FEL  {failure}")
    summary = {"requests": total, "server_errors": server_errors, "worst_ratio": round(worst, 2),
               "failures": len(results.failures)}
    print("\nSAMMANFATTNING " + json.dumps(summary, ensure_ascii=False))
    if server_errors or results.failures:
        print(f"LASTTEST MISSLYCKADES: {server_errors} serverfel (5xx eller avbrutna anslutningar),"
              f" {len(results.failures)} misslyckade inloggningar.")
        return 1
    verdict = "inom" if worst <= 1.2 else "ÖVER"
    print(f"LASTTEST KLART: inga 5xx; sämsta p95-kvot {worst:.2f} ({verdict} 1,2).")
    return 0


def run(base, mix, seconds, think, seed, window_file=None) -> int:
    results = Results()
    users = plan(mix)
    rng = random.Random(seed)
    window = {}

    def start_window():
        window["end"] = time.monotonic() + seconds
        window["started"] = time.time()
        print(f"-- alla {len(users)} inloggade; mäter i {seconds:.0f} s", flush=True)

    ready = threading.Barrier(len(users) + 1, action=start_window)
    threads = [threading.Thread(target=user_loop, daemon=True, args=(
        base, role, name, window, think, results, random.Random(rng.random()), ready))
        for role, name, _template in users]
    begun = time.monotonic()
    for thread in threads:
        thread.start()
        time.sleep(0.02)
    try:
        ready.wait(timeout=600)
    except threading.BrokenBarrierError:
        results.fail("alla användare kom inte in inom 10 minuter")
    print(f"-- inloggning och sidsökning tog {time.monotonic() - begun:.0f} s", flush=True)
    for thread in threads:
        thread.join(timeout=seconds + 180)
    if window_file and window:
        with open(window_file, "w", encoding="utf-8") as out:
            json.dump({"started": window["started"], "ended": time.time()}, out)
    return report(results, seconds, len(users))


PAGE_OF_PATH = [("portfölj", r"/"), ("partnerskap", r"/partnerskap/\d+/"),
                ("uppföljning", r"/uppfoljning/"),
                ("uppföljning partnerskap", r"/uppfoljning/\d+/"),
                ("deltagarlista", r"/deltagare/"), ("deltagare", r"/deltagare/\d+/")]


def server_times(log_file, roles_file, window_file) -> int:
    """p50/p95 of the server's own duration_ms (its JSON request log: the time in the view,
    without the wait in gunicorn's queue) per role and page, in the measured window."""
    from datetime import datetime

    roles = {int(key): value
             for key, value in json.loads(Path(roles_file).read_text("utf-8")).items()}
    window = json.loads(Path(window_file).read_text("utf-8"))
    times = defaultdict(list)
    with open(log_file, encoding="utf-8") as log:
        for line in log:
            if '"samverka.requests"' not in line:
                continue
            entry = json.loads(line)
            when = datetime.fromisoformat(entry["time"]).timestamp()
            role = roles.get(entry.get("user_id"))
            page = next((label for label, pattern in PAGE_OF_PATH
                         if re.fullmatch(pattern, entry.get("path", ""))), None)
            if (role and page and entry.get("status") == 200 and entry.get("method") == "GET"
                    and window["started"] <= when <= window["ended"]):
                times[(role, page)].append(entry["duration_ms"])
    print("\nServerns egen tid per anrop (duration_ms i JSON-loggen, utan kö), mätfönstret:")
    print(f"{'roll':27} {'sida':24} {'antal':>6} {'p50 ms':>8} {'p95 ms':>8}  p95/adm")
    for role in ROLES:
        for label, _pattern in PAGE_OF_PATH:
            mine, admin = times[(role, label)], times[(ADMIN, label)]
            if not mine:
                continue
            ratio = (f"{percentile(mine, .95) / percentile(admin, .95):.2f}"
                     if admin and role != ADMIN else "")
            print(f"{role:27} {label:24} {len(mine):>6} {percentile(mine, .5):>8.0f} "
                  f"{percentile(mine, .95):>8.0f}  {ratio}")
    return 0


def parse_mix(text):
    mix = dict(DEFAULT_MIX)
    for part in filter(None, (text or "").split(",")):
        key, _, count = part.partition("=")
        role = {"officer": "handläggare (förvaltning)", "case_worker": "anvisare",
                "partner": "samverkanspart", "admin": ADMIN}[key.strip()]
        mix[role] = int(count)
    return mix


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["setup", "run", "server"])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("LOAD_SECONDS", 60)))
    parser.add_argument("--think", type=float, default=float(os.environ.get("LOAD_THINK", 0.5)),
                        help="average think time in seconds between pages")
    parser.add_argument("--mix", default=os.environ.get("LOAD_MIX", ""),
                        help="e.g. officer=13,case_worker=12,partner=13,admin=12")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--roles-file", help="setup writes, server reads: user id -> role")
    parser.add_argument("--window-file", help="run writes, server reads: the measured window")
    parser.add_argument("--server-log", help="server: gunicorn's output (JSON request log)")
    args = parser.parse_args(argv[1:])
    mix = parse_mix(args.mix)
    if args.command == "setup":
        setup(mix, args.roles_file)
        return 0
    if args.command == "server":
        return server_times(args.server_log, args.roles_file, args.window_file)
    return run(args.base, mix, args.seconds, args.think, args.seed, args.window_file)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
