"""Every access rule lives in accounts/policy.py: no role check anywhere else in the code.

A role check is a comparison with a user's role, a filter on it, or the user Role enum imported
outside the accounts app. Seeding the demo users is not a rule and is allowed by name below.
"""

import re
from pathlib import Path

import samverka

ROOT = Path(samverka.__file__).parent

# Files that name roles without deciding anything: they create the demo's users.
ALLOWED = {
    "participants/demo.py",
    "demo/management/commands/load_demo.py",
}

ROLE_VALUES = "admin|officer|case_worker|partner_staff|committee"
PATTERNS = [
    (re.compile(r"from\s+samverka\.accounts\.models\s+import\s+[^\n]*\bRole\b"),
     "imports the user Role enum"),
    (re.compile(r"from\s+\.+accounts\.models\s+import\s+[^\n]*\bRole\b"),
     "imports the user Role enum"),
    (re.compile(r"\brole_of\s*\("), "reads a user's role"),
    (re.compile(r"profile\.role\s*(==|!=|\bin\b|\bnot\s+in\b)"), "compares a profile's role"),
    (re.compile(r"profile__role|role__in\s*=|\brole\s*=\s*Role\."), "filters on a user's role"),
    (re.compile(rf"\.role\s*(==|!=)\s*[\"']({ROLE_VALUES})[\"']"), "compares a role with a value"),
]


def role_checks(text: str) -> list[str]:
    found = []
    for pattern, what in PATTERNS:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{line}: {what}: {match.group(0)!r}")
    return found


def source_files():
    for path in sorted(ROOT.rglob("*")):
        if path.suffix not in {".py", ".html"} or "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("accounts/") or relative in ALLOWED:
            continue
        yield relative, path


def test_no_role_check_outside_the_policy():
    offences = [
        f"samverka/{relative}:{found}"
        for relative, path in source_files()
        for found in role_checks(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "role checks belong in accounts/policy.py:\n" + "\n".join(offences)


def test_the_scan_recognises_the_checks_it_forbids():
    # The shapes the rules had before they moved into the policy must all be caught.
    before = [
        "from samverka.accounts.models import Role\n",
        "if policy.role_of(user) == Role.PARTNER_STAFF:\n",
        "if profile.role == Role.CASE_WORKER and not unit.is_self_referral:\n",
        "Profile.objects.filter(municipality=m, role=Role.OFFICER)\n",
        "if request.user.profile.role != 'committee':\n",
        "{% if request.user.profile.role == 'admin' %}\n",
    ]
    for text in before:
        assert role_checks(text), text
    # Party roles (partner, committee body of a partnership) are data, not access rules.
    assert not role_checks("parties = [p for p in ps if p.role != Party.Role.COMMITTEE]\n")
    assert not role_checks('Party(partnership=item, organisation=o, role="committee")\n')
