"""Writes: assessments and SROI assumptions are validated with a clear message on the field,
nothing is saved on bad input, and every write leaves an audit row."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from samverka.audit.models import AuditEvent
from samverka.impact import actions
from samverka.impact.models import Assessment, InstrumentVersion, SroiCalculation
from samverka.participants.models import AccessLogEntry

from .factories import ProxyFactory


def _input(world, version, **changes):
    dims = {d.key: d.pk for d in version.dimensions.all()}
    data = {
        "participant_id": world.anna.pk, "partnership_id": world.p_mission.pk,
        "version_id": version.pk, "date": date(2024, 3, 1), "stage": "start",
        "assessor": "Handledare och deltagare",
        "scores": {dims["svenska"]: 2, dims["halsa"]: 7},
    }
    data.update(changes)
    return actions.AssessmentInput(**data)


def test_partner_staff_records_an_assessment_with_audit_and_access_log(world, instrument):
    petra = world.users["partner_staff"]
    assessment = actions.record_assessment(petra, _input(world, instrument))
    assert sorted(assessment.scores.values_list("value", flat=True)) == [2, 7]
    assert AuditEvent.objects.filter(action="impact.assessment.create").count() == 1
    assert AccessLogEntry.objects.filter(user=petra, participant=world.anna,
                                         action="create").exists()


def test_score_outside_the_scale_is_refused_and_nothing_saved(world, instrument):
    halsa = instrument.dimensions.get(key="halsa")
    data = _input(world, instrument)
    data.scores[halsa.pk] = 11
    with pytest.raises(ValidationError) as error:
        actions.record_assessment(world.users["partner_staff"], data)
    assert "utanför skalan för Hälsa (1–10)" in error.value.message_dict[f"score_{halsa.pk}"][0]
    assert Assessment.objects.count() == 0


def test_assessment_on_a_retired_version_is_refused(world, instrument):
    officer = world.users["officer"]
    new = actions.create_instrument_version(officer, "Testinstrument", [
        actions.DimensionInput("svenska", "Svenska språket", [(1, "a"), (2, "b"), (3, "c")]),
    ], change_note="Färre steg")
    instrument.refresh_from_db()
    assert instrument.status == InstrumentVersion.Status.RETIRED and new.number == 2
    with pytest.raises(ValidationError) as error:
        actions.record_assessment(world.users["partner_staff"], _input(world, instrument))
    assert "utfasad" in error.value.message_dict["version"][0]
    assert Assessment.objects.count() == 0


def test_missing_score_future_date_and_missing_assessor(world, instrument):
    data = _input(world, instrument, date=date(2999, 1, 1), assessor=" ", scores={})
    with pytest.raises(ValidationError) as error:
        actions.record_assessment(world.users["partner_staff"], data)
    assert set(error.value.message_dict) >= {"date", "assessor"}
    assert any(key.startswith("score_") for key in error.value.message_dict)


def test_partner_staff_of_another_organisation_cannot_assess(world, instrument):
    with pytest.raises(Http404):
        actions.record_assessment(world.users["other_partner_staff"], _input(world, instrument))
    with pytest.raises(PermissionDenied):
        actions.record_assessment(world.users["committee"], _input(world, instrument))
    assert Assessment.objects.count() == 0


def _outcome(proxy, **changes):
    values = {"stakeholder": "Kommunen", "name": "Arbete", "indicator": "Avslut till arbete",
              "proxy_id": proxy.pk, "duration": 2, "quantity": 5, "quantity_note": "Manuellt",
              "deadweight": 20, "attribution": 25, "drop_off": 50}
    values.update(changes)
    return actions.OutcomeInput(**values)


@pytest.mark.parametrize("changes, field, text", [
    ({"deadweight": 120}, "outcomes-0-deadweight", "mellan 0 och 100"),
    ({"attribution": -1}, "outcomes-0-attribution", "mellan 0 och 100"),
    ({"drop_off": "abc"}, "outcomes-0-drop_off", "Ange ett tal"),
    ({"duration": -1}, "outcomes-0-duration", "mellan 1 och"),
    ({"quantity": None}, "outcomes-0-quantity", "Ange antalet"),
    ({"quantity_note": ""}, "outcomes-0-quantity_note", "källan"),
])
def test_bad_sroi_assumptions_are_refused_and_nothing_saved(world, changes, field, text):
    officer = world.users["officer"]
    proxy = ProxyFactory(municipality=world.town)
    with pytest.raises(ValidationError) as error:
        actions.save_sroi_calculation(officer, world.p_mission.pk, 2024, discount_rate="3,5",
                                      index_percent=2, outcomes=[_outcome(proxy, **changes)])
    assert text in error.value.message_dict[field][0]
    assert SroiCalculation.objects.count() == 0


def test_discount_rate_outside_range_refused(world):
    proxy = ProxyFactory(municipality=world.town)
    with pytest.raises(ValidationError) as error:
        actions.save_sroi_calculation(world.users["officer"], world.p_mission.pk, 2024,
                                      discount_rate=101, index_percent=2,
                                      outcomes=[_outcome(proxy)])
    assert "discount_rate" in error.value.message_dict


def test_sroi_saved_with_audit_and_only_by_officers(world):
    proxy = ProxyFactory(municipality=world.town)
    calculation = actions.save_sroi_calculation(
        world.users["officer"], world.p_mission.pk, 2024, discount_rate="3,5", index_percent=2,
        outcomes=[_outcome(proxy)])
    assert calculation.discount_rate == Decimal("3.5")
    assert calculation.outcomes.get().deadweight == 20
    assert AuditEvent.objects.filter(action="impact.sroi.create").exists()
    with pytest.raises(PermissionDenied):
        actions.save_sroi_calculation(world.users["partner_staff"], world.p_mission.pk, 2024,
                                      discount_rate=0, index_percent=0,
                                      outcomes=[_outcome(proxy)])
    with pytest.raises(Http404):
        actions.save_sroi_calculation(world.users["outsider"], world.p_mission.pk, 2024,
                                      discount_rate=0, index_percent=0,
                                      outcomes=[_outcome(proxy)])


def test_proxy_needs_a_source_and_a_non_negative_amount(world):
    with pytest.raises(ValidationError) as error:
        actions.save_proxy(world.users["officer"], name="X", amount=-5, year=2024,
                           unit="per år", source="")
    assert set(error.value.message_dict) == {"amount", "source"}


def test_socioeconomic_account_bad_input(world):
    officer = world.users["officer"]
    with pytest.raises(ValidationError) as error:
        actions.save_socioeconomic_account(officer, world.p_mission.pk, 2024, actors=[
            {"actor": "Kommunen", "exclusion_cost": -1}], drop_off=150)
    assert "drop_off" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.save_socioeconomic_account(officer, world.p_mission.pk, 2024, actors=[
            {"actor": "Kommunen", "exclusion_cost": -1}])
    assert "actors-0-exclusion_cost" in error.value.message_dict
    account = actions.save_socioeconomic_account(officer, world.p_mission.pk, 2024, actors=[
        {"actor": "Kommunen", "exclusion_cost": 100_000, "municipal": True}],
        persons_source="manual", persons=3, persons_note="Manuellt")
    assert account.actor_costs.count() == 1
