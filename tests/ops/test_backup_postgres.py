"""A backup of the demo on PostgreSQL restored into a new database is the same database.

Runs `samverka` as separate processes against two databases it creates itself (named after the
test database, so parallel runs do not collide), independent of pytest-django's test database:
load the demo, back up, restore into an empty database, compare every table's rows and checksum,
and compare the portfolio JSON both databases serve. Restoring over a non-empty database without
--force is refused.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
MANAGE = str(Path(__file__).resolve().parents[2] / "manage.py")


def _admin_dsn():
    db = connection.settings_dict
    return (f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} "
            f"user={db['USER'] or 'postgres'} dbname=postgres"
            + (f" password={db['PASSWORD']}" if db["PASSWORD"] else ""))


def _url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (f"postgres://{db['USER'] or 'postgres'}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{name}")


@pytest.fixture
def databases():
    if connection.vendor != "postgresql":
        pytest.skip("Säkerhetskopian av PostgreSQL testas bara mot PostgreSQL")
    base = connection.settings_dict["NAME"].removeprefix("test_")
    names = [f"{base}_bk_src_{os.getpid()}", f"{base}_bk_dst_{os.getpid()}"]
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    yield [_url(name) for name in names]
    with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def samverka(url, *args, check=True):
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run([sys.executable, MANAGE, *args], env=env, capture_output=True,
                            text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_the_restored_demo_is_identical_and_serves_the_same_portfolio(databases, tmp_path):
    source, target = databases
    samverka(source, "migrate", "--verbosity", "0")
    samverka(source, "load_demo", "--verbosity", "0")
    samverka(source, "backup", str(tmp_path / "kopia"))
    restored = samverka(target, "restore", str(tmp_path / "kopia"))
    assert "stämmer med säkerhetskopian" in restored.stdout

    samverka(target, "backup", str(tmp_path / "efter"))
    before = json.loads((tmp_path / "kopia" / "manifest.json").read_text())["tables"]
    after = json.loads((tmp_path / "efter" / "manifest.json").read_text())["tables"]
    assert before == after
    assert before["participants_participant"]["rows"] > 100
    assert before["partnerships_partnership"]["rows"] > 5

    portfolio = ["portfolio", "--year", "2024", "--format", "json"]
    served = samverka(source, *portfolio).stdout
    assert json.loads(served)
    assert samverka(target, *portfolio).stdout == served

    refused = samverka(target, "restore", str(tmp_path / "kopia"), check=False)
    assert refused.returncode != 0
    assert "inte tom" in refused.stderr and "--force" in refused.stderr
    samverka(target, "restore", str(tmp_path / "kopia"), "--force")
