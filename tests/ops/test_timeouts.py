"""Statistics queries are cancelled after STATISTICS_TIMEOUT_MS; the user gets a Swedish 503."""

import pytest
from django.db import connection

from samverka.accounts.models import Profile, Role
from samverka.ops.timeouts import StatisticsTimeout, statement_timeout
from tests.followup import helpers

pytestmark = pytest.mark.django_db


def _sleep(seconds):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])


def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout finns bara i PostgreSQL")


def test_on_sqlite_the_block_just_runs():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with statement_timeout(1), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.postgres
def test_a_slow_statement_is_cancelled():
    _postgres_only()
    with pytest.raises(StatisticsTimeout), statement_timeout(100):
        _sleep(2)
    with connection.cursor() as cursor:  # the limit ended with the block
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] in {"0", "0ms"}


@pytest.mark.postgres
def test_a_fast_statement_passes():
    _postgres_only()
    with statement_timeout(2000):
        _sleep(0.01)


@pytest.mark.postgres
def test_slow_follow_up_page_answers_503_in_swedish(client, monkeypatch, settings,
                                                      django_user_model):
    _postgres_only()
    from samverka.followup import views

    settings.STATISTICS_TIMEOUT_MS = 100
    item = helpers.partnership(helpers.municipality())
    user = django_user_model.objects.create_user("statistiker", password="x")
    Profile.objects.create(user=user, municipality=item.municipality, role=Role.OFFICER)
    monkeypatch.setattr(views.publication, "partnership", lambda *args: _sleep(2))
    client.force_login(user)
    response = client.get(f"/uppfoljning/{item.pk}/")
    assert response.status_code == 503
    assert "Statistiken tog för lång tid" in response.content.decode()
