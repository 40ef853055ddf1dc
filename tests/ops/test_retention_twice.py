"""The nightly retention run is safe to run twice: the second run changes nothing."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverka.participants.models import Participant
from tests.participants.factories import (
    ParticipantFactory,
    PartnershipFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db
FIRST_RUN = datetime(2030, 6, 15, 2, 15, tzinfo=UTC)


def test_a_second_run_finds_nothing_and_keeps_the_first_runs_record(monkeypatch):
    partnership = PartnershipFactory()
    person = ParticipantFactory(municipality=partnership.municipality,
                                created_at=datetime(2019, 1, 1, tzinfo=UTC))
    PlacementFactory(participant=person, partnership=partnership, start=date(2019, 2, 1),
                     end=date(2019, 12, 31), outcome="work")

    monkeypatch.setattr(timezone, "now", lambda: FIRST_RUN)
    call_command("gallra_deltagare", "--utfor", stdout=StringIO())
    person.refresh_from_db()
    assert person.anonymised_at == FIRST_RUN

    monkeypatch.setattr(timezone, "now", lambda: FIRST_RUN + timedelta(hours=1))
    second = StringIO()
    call_command("gallra_deltagare", "--utfor", stdout=second)
    assert "0 deltagare avidentifierade" in second.getvalue()
    assert Participant.objects.get(pk=person.pk).anonymised_at == FIRST_RUN
