"""The demo municipality with its participants, loaded once for the figures tests and rolled
back afterwards (the figures are hand-computed from it)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from samverka.organisations.models import Municipality


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield Municipality.objects.get(code="0580")
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def officer_client(demo, db, client):
    client.force_login(get_user_model().objects.get(username="handlaggare"))
    return client
