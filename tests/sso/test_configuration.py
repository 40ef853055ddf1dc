"""Municipal sign-in is configured only by documented environment variables, and a provider
switched on without what it needs stops the start-up with a Swedish message."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sso_variables() -> set[str]:
    settings = (ROOT / "samverka" / "settings.py").read_text(encoding="utf-8")
    block = settings.split("# --- Municipal sign-in", 1)[1]
    return set(re.findall(r'env_(?:str|bool)\("([A-Z0-9_]+)"', block))


def test_every_sign_in_variable_is_documented_in_readme_and_operations():
    variables = sso_variables()
    assert {"LOCAL_LOGIN_ENABLED", "OIDC_ENABLED", "SAML2_ENABLED"} <= variables
    for document in ("README.md", "docs/operations.md"):
        text = (ROOT / document).read_text(encoding="utf-8")
        documented = set(re.findall(r"`([A-Z0-9_]+)`", text))
        assert variables <= documented, (document, variables - documented)


def check(**env_vars):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("OIDC_", "SAML2_"))}
    env.update(DJANGO_SETTINGS_MODULE="samverka.settings", DEBUG="1", **env_vars)
    return subprocess.run([sys.executable, "manage.py", "check"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_oidc_switched_on_without_endpoints_stops_the_start_up():
    result = check(OIDC_ENABLED="1", OIDC_RP_CLIENT_ID="samverka")
    assert result.returncode != 0 and "OIDC_ENABLED=1 kräver" in result.stderr


def test_saml2_switched_on_without_metadata_stops_the_start_up():
    result = check(SAML2_ENABLED="1", SAML2_SP_ENTITY_ID="https://samverka.test/")
    assert result.returncode != 0 and "SAML2_ENABLED=1 kräver" in result.stderr
