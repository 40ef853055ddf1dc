"""`/healthz`: 200 when the database answers and all migrations are applied, else 503."""

import pytest
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def test_healthy_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_an_unapplied_migration_gives_503(client):
    MigrationRecorder(connection).migration_qs.filter(app="ops").delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "check": "migrations"}


def test_an_unreachable_database_gives_503(client, monkeypatch):
    from samverka.ops import health

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "database_reachable", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "check": "database"}


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
