"""Document import/confirm and memo generation check the policy in the action itself, whatever
page or script calls them, and write an audit row for the import."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samverka.audit.models import AuditEvent
from samverka.documents.actions import confirm_import, confirm_tables, generate_memo
from samverka.documents.models import GeneratedMemo
from samverka.organisations.models import Organisation
from samverka.partnerships.models import AgreementVersion, Partnership
from samverka.provenance.models import SourceDocument

DATA = {
    "file_name": "memo.txt", "title": "Tjänsteskrivelse om IOP Läxhjälp",
    "registry_number": "AMN 2024-12", "memo_date": dt.date(2024, 3, 1),
    "committee": "Arbetsmarknadsnämnden", "administration": "",
    "partnership_name": "IOP Läxhjälp", "target_group": "Unga", "places": 10,
    "kind": "", "period_start": dt.date(2024, 4, 1), "period_end": dt.date(2025, 12, 31),
    "extension_count": 0, "extension_years": 0, "committee_amount": None, "total": None,
    "points": "Nämnden beslutar att ingå partnerskapet.", "signatories": "", "distribution": "",
}
RESULT = {"fields": {}, "text": ""}
WRITTEN = [Partnership, Organisation, AgreementVersion, SourceDocument, AuditEvent]


def counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


@pytest.mark.parametrize("role", ["case_worker", "partner_staff", "committee"])
def test_import_by_a_role_without_the_right_writes_nothing(world, role):
    before = counts()
    with pytest.raises(PermissionDenied):
        confirm_import(world.users[role], world.town, dict(DATA), [], RESULT)
    with pytest.raises(PermissionDenied):
        confirm_tables(world.users[role], world.town, committee_name="Arbetsmarknadsnämnden",
                       administration_name="", source={"file_name": "x.txt", "title": "X"},
                       selected=[])
    assert counts() == before


def test_import_into_another_municipality_is_refused(world):
    before = counts()
    with pytest.raises(Http404):
        confirm_import(world.users["outsider"], world.town, dict(DATA), [], RESULT)
    assert counts() == before


def test_import_writes_an_audit_row_for_the_document(world):
    partnership, version, _decision = confirm_import(world.users["officer"], world.town,
                                                     dict(DATA), [], RESULT)
    source = SourceDocument.objects.get(municipality=world.town)
    event = AuditEvent.objects.get(action="document.import")
    assert event.user == world.users["officer"]
    assert event.object_id == str(source.pk)
    assert event.changes["registry_number"] == "AMN 2024-12"
    assert AuditEvent.objects.filter(action="partnership.create",
                                     object_id=str(partnership.pk)).exists()


def test_tables_import_writes_an_audit_row_for_the_document(world):
    confirm_tables(world.users["admin"], world.town, committee_name="Arbetsmarknadsnämnden",
                   administration_name="", source={"file_name": "x.txt", "title": "X"},
                   selected=[])
    event = AuditEvent.objects.get(action="document.import_tables")
    assert event.user == world.users["admin"] and event.changes["rows"] == 0


def test_memo_generation_checks_the_policy(world):
    version = AgreementVersion.objects.create(partnership=world.p_mission, number=1,
                                              status=AgreementVersion.Status.DECIDED)
    with pytest.raises(PermissionDenied):
        generate_memo(world.users["committee"], version, "docx")
    with pytest.raises(Http404):
        generate_memo(world.users["outsider"], version, "docx")
    assert not GeneratedMemo.objects.exists()
