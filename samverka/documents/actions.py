"""Writes of the documents app: store a generated memo; confirm an imported memo into the register.

Each action runs in one transaction and writes its audit rows itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.partnerships.models import AgreementVersion

from .generation import memo_context, render
from .generation.swedish import genitive
from .importing import DuplicatePartnership, duplicate_message, find_duplicate
from .models import GeneratedMemo


def _authorise(user, permission: str, municipality_id: int) -> None:
    """Every write here checks the policy itself, whatever page called it: 404 for another
    municipality, 403 for a role without PERMISSION. USER None is the command line (the
    operator at the server), which the policy does not govern."""
    if user is None:
        return
    policy.require(user, permission, municipality_id)


def memo_file_name(version: AgreementVersion, number: int, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9åäö]+", "-", version.partnership.name.lower()).strip("-")
    return f"tjansteskrivelse-{slug}-v{version.number}-{number}.{fmt}"


def _jsonable(texts: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in texts.items()}


def generate_memo(user, version: AgreementVersion, fmt: str, texts: dict | None = None
                  ) -> GeneratedMemo:
    """Render the memo for VERSION as FMT and store it as the next numbered attachment."""
    _authorise(user, policy.EDIT_REGISTER, version.partnership.municipality_id)
    data = render(memo_context(version, texts), fmt)
    with transaction.atomic():
        # Lock the version row so that two officers generating at once get numbers 1 and 2.
        locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
        last = GeneratedMemo.objects.filter(version=locked).aggregate(n=Max("number"))["n"] or 0
        number = last + 1
        memo = GeneratedMemo.objects.create(
            municipality_id=version.partnership.municipality_id,
            version=locked,
            decision=version.decisions.order_by("-date", "-pk").first(),
            number=number,
            format=fmt,
            file_name=memo_file_name(version, number, fmt),
            content=data,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            texts=_jsonable(texts or {}),
            created_by=user if user is not None and user.is_authenticated else None,
        )
        record(user, "memo.generate", memo,
               {"version": version.pk, "number": number, "format": fmt, "sha256": memo.sha256})
    return memo


# --- importing a memo into the register -------------------------------------------------------

class ImportRefused(Exception):
    """The register cannot take the import as it stands; the message is Swedish, for the user."""


def _organisation(municipality, name: str, kind: str):
    from samverka.organisations.models import Organisation

    name = name.strip()
    org = Organisation.objects.filter(municipality=municipality, name__iexact=name).first()
    if org is None:
        return Organisation.objects.create(municipality=municipality, name=name, kind=kind), True
    if kind == Organisation.Kind.MUNICIPAL_BODY and org.kind != kind:
        raise ImportRefused(f"”{org.name}” finns redan i registret men är inte en kommunal "
                            "nämnd eller förvaltning.")
    return org, False


def _track(user, obj, created: bool, action: str, changes: dict | None = None):
    record(user, f"{action}.{'create' if created else 'update'}", obj,
           {**(changes or {}), "source": "import"})


def confirm_import(user, municipality, data: dict, parties: list[dict], result: dict):
    """Create or update the register from a confirmed memo proposal, in one transaction.

    Idempotent: the same memo confirmed twice updates what the first confirmation created (the
    decision is found by its registry number, else the version by its period), and provenance
    claims are only added once.
    """
    from django.contrib.contenttypes.models import ContentType

    from samverka.budgets.models import Budget, BudgetLine
    from samverka.organisations.models import Organisation
    from samverka.partnerships.models import Decision, Partnership, Party
    from samverka.provenance.models import Claim, SourceDocument

    from . import importing

    _authorise(user, policy.IMPORT_DOCUMENTS, municipality.pk)
    municipal = Organisation.Kind.MUNICIPAL_BODY
    with transaction.atomic():
        source, _ = SourceDocument.objects.update_or_create(
            municipality=municipality, file_name=(data.get("file_name") or "")[:200],
            title=data["title"][:300],
            defaults={"registry_number": data.get("registry_number") or "",
                      "document_date": data["memo_date"].isoformat() if data.get("memo_date")
                      else ""},
        )
        record(user, "document.import", source,
               {"file_name": source.file_name, "title": source.title,
                "registry_number": source.registry_number})

        def claim(obj, field, key):
            for value, passage in importing.all_passages(result, key):
                Claim.objects.get_or_create(
                    content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
                    field=field, source=source, value=value[:300],
                    defaults={"passage": passage},
                )

        committee, created = _organisation(municipality, data["committee"], municipal)
        if created:
            _track(user, committee, True, "organisation")
        administration = None
        if data.get("administration"):
            administration, created = _organisation(municipality, data["administration"],
                                                    municipal)
            if created:
                _track(user, administration, True, "organisation")

        partnership = Partnership.objects.filter(
            municipality=municipality, name__iexact=data["partnership_name"].strip()).first()
        if partnership is None and data.get("update_existing"):
            partnership = Partnership.objects.filter(
                municipality=municipality, pk=data["update_existing"]).first()
        if partnership is None:
            duplicate = find_duplicate(municipality, data, parties)
            if duplicate is not None:
                raise DuplicatePartnership(duplicate[0], duplicate_message(*duplicate))
        created = partnership is None
        if created:
            partnership = Partnership(municipality=municipality,
                                      name=data["partnership_name"].strip(),
                                      form=Partnership.Form.IOP)
        partnership.committee = committee
        if administration:
            partnership.administration = administration
        if data.get("target_group"):
            partnership.target_group = data["target_group"]
        if data.get("places") is not None:
            partnership.places = data["places"]
        partnership.save()
        _track(user, partnership, created, "partnership",
               {"target_group": partnership.target_group, "places": partnership.places})
        claim(partnership, "places", "places")
        claim(partnership, "target_group", "target_group")

        committee_party, _ = Party.objects.get_or_create(
            partnership=partnership, organisation=committee,
            defaults={"role": Party.Role.COMMITTEE})
        partner_parties = []
        for row in parties:
            org, created = _organisation(municipality, row["name"],
                                         Organisation.Kind.CIVIL_SOCIETY)
            if created:
                _track(user, org, True, "organisation")
            party, created = Party.objects.get_or_create(
                partnership=partnership, organisation=org, defaults={"role": Party.Role.PARTNER})
            if created:
                _track(user, party, True, "party")
            claim(org, "name", "parties")
            partner_parties.append((party, row))

        decision = None
        if data.get("registry_number"):
            decision = partnership.decisions.filter(
                registry_number__iexact=data["registry_number"]).first()
        version = decision.version if decision and decision.version else None
        if version is None and data.get("period_start"):
            version = partnership.versions.filter(start=data["period_start"],
                                                  end=data.get("period_end")).first()
        if version is None and decision is None:
            version = partnership.versions.filter(decisions__title=data["title"]).first()
        created = version is None
        if created:
            last = partnership.versions.aggregate(n=Max("number"))["n"] or 0
            version = AgreementVersion(partnership=partnership, number=last + 1,
                                       status=AgreementVersion.Status.DECIDED)
        version.kind = data.get("kind") or AgreementVersion.Kind.ORIGINAL
        version.title = data["title"][:300]
        version.start = data.get("period_start")
        version.end = data.get("period_end")
        version.extension_count = data.get("extension_count") or 0
        version.extension_years = data.get("extension_years") or 0
        version.save()
        _track(user, version, created, "version", {
            "start": version.start, "end": version.end,
            "extension": f"{version.extension_count} × {version.extension_years}"})
        claim(version, "start", "period_start")
        claim(version, "end", "period_end")
        claim(version, "extension", "extension")

        if data.get("committee_amount") is not None or any(
                row.get("amount") is not None for row in parties):
            first_year = (version.start or data.get("memo_date") or timezone.localdate()).year
            budget, created = Budget.objects.get_or_create(version=version, first_year=first_year)
            _track(user, budget, created, "budget", {"total": data.get("total")})
            lines = [(committee_party, data.get("committee_amount"), False, False,
                      f"{genitive(committee.name)} insats")]
            lines += [(party, row.get("amount"), row.get("at_least", False), True,
                       "Insats enligt tjänsteskrivelsen") for party, row in partner_parties]
            for party, amount, at_least, in_kind, description in lines:
                if amount is None:
                    continue
                line, created = BudgetLine.objects.update_or_create(
                    budget=budget, party=party,
                    defaults={"kind": BudgetLine.Kind.OTHER, "description": description,
                              "lump_sum": amount, "at_least": at_least, "in_kind": in_kind})
                _track(user, line, created, "budget_line",
                       {"amount": amount, "at_least": at_least})
            budget.touch()  # its lines changed: a budget form read before this import is stale
            claim(budget, "total", "total_yearly_value")
            claim(budget, "municipality", "committee_contribution")
            for item in result["fields"].get("party_contributions", []):
                value = item.get("value") or {}
                Claim.objects.get_or_create(
                    content_type=ContentType.objects.get_for_model(budget), object_id=budget.pk,
                    field="partner", source=source,
                    value=f"{value.get('party')}: {value.get('amount')}"[:300],
                    defaults={"passage": item.get("passage") or ""},
                )

        if decision is None:
            decision = partnership.decisions.filter(version=version).first()
        created = decision is None
        if created:
            decision = Decision(partnership=partnership, version=version)
        decision.version = version
        decision.body = committee
        decision.title = data["title"][:300]
        decision.date = data.get("memo_date")
        decision.date_note = "Tjänsteskrivelsens datum" if data.get("memo_date") else ""
        decision.registry_number = data.get("registry_number") or ""
        decision.points = data["points"]
        decision.signatories = data.get("signatories") or ""
        decision.distribution = data.get("distribution") or ""
        decision.save()
        _track(user, decision, created, "decision",
               {"registry_number": decision.registry_number})
        claim(decision, "registry_number", "registry_number")
        claim(decision, "points", "decision_points")
        claim(decision, "signatories", "signatories")
        claim(decision, "distribution", "distribution")
    return partnership, version, decision


# --- importing a memo's tables: one partnership per selected row -------------------------------

def _find_organisation(municipality, name: str):
    from samverka.organisations.models import Organisation

    found = Organisation.objects.filter(municipality=municipality, name__iexact=name)
    return found.first() or Organisation.objects.filter(
        municipality=municipality, short_name__iexact=name).first()


def _referring_unit(municipality, name: str):
    from samverka.partnerships.models import ReferringUnit

    units = ReferringUnit.objects.filter(municipality=municipality)
    unit = (units.filter(name__iexact=name).first()
            or units.filter(name__iendswith=f"({name})").first())
    if unit is not None:
        return unit, False
    return ReferringUnit.objects.create(
        municipality=municipality, name=name[:120],
        is_self_referral=name.casefold() == "eget initiativ"), True


def confirm_tables(user, municipality, *, committee_name: str, administration_name: str,
                   source: dict, selected: list[dict]) -> dict[str, int]:
    """Create or update one partnership per SELECTED table row, in one transaction.

    Each item of SELECTED: {"table": tables.Table, "row": tables.Row, "year": int, "name": str,
    "value": int | None, "committee_cost": int, "form": str}. Idempotent: the partnership is
    found by its name within the municipality, its organisations by name (or short name), the
    budget by version and year, the budget lines by party, the figure by year and key; claims are
    only added once. Returns how many partnerships were created and updated.
    """
    from django.contrib.contenttypes.models import ContentType

    from samverka.budgets.models import Budget, BudgetLine
    from samverka.organisations.models import Organisation
    from samverka.partnerships.models import Partnership, Party, ReportedFigure
    from samverka.provenance.models import Claim, SourceDocument

    from . import tables

    _authorise(user, policy.IMPORT_DOCUMENTS, municipality.pk)
    municipal = Organisation.Kind.MUNICIPAL_BODY
    counts = {"created": 0, "updated": 0}
    with transaction.atomic():
        document, _ = SourceDocument.objects.update_or_create(
            municipality=municipality, file_name=(source.get("file_name") or "")[:200],
            title=(source.get("title") or "Tjänsteskrivelse")[:300],
            defaults={"registry_number": (source.get("registry_number") or "")[:40],
                      "document_date": (source.get("document_date") or "")[:40]},
        )
        record(user, "document.import_tables", document,
               {"file_name": document.file_name, "title": document.title,
                "rows": len(selected)})

        def claim(obj, field, value, passage):
            Claim.objects.get_or_create(
                content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
                field=field, source=document, value=str(value)[:300],
                defaults={"passage": passage},
            )

        committee, created = _organisation(municipality, committee_name, municipal)
        if created:
            _track(user, committee, True, "organisation")
        administration = None
        if administration_name:
            administration, created = _organisation(municipality, administration_name,
                                                    municipal)
            if created:
                _track(user, administration, True, "organisation")

        for item in selected:
            table, row, year = item["table"], item["row"], item["year"]
            passage = row.passage
            name = item["name"].strip()
            iop = table.key == tables.IOP

            partnership = Partnership.objects.filter(municipality=municipality,
                                                     name__iexact=name).first()
            created = partnership is None
            if created:
                partnership = Partnership(municipality=municipality, name=name,
                                          form=item["form"], committee=committee,
                                          administration=administration)
            elif item["form"] != Partnership.Form.OTHER:
                # "Annan samverkan" is the fallback when the memo does not say: never overwrite
                # a form the register already knows with it.
                partnership.form = item["form"]
            for attr, value in (("target_group", row.target_group),
                                ("activities", row.activity),
                                ("intensity_band", row.intensity)):
                if value and not getattr(partnership, attr):
                    setattr(partnership, attr, value[:20] if attr == "intensity_band" else value)
            partnership.save()
            counts["created" if created else "updated"] += 1
            _track(user, partnership, created, "partnership",
                   {"form": partnership.form, "row": passage[:200]})
            claim(partnership, "name", row.name, passage)
            if row.target_group:
                claim(partnership, "target_group", row.target_group, passage)
            if row.activity:
                claim(partnership, "activities", row.activity, passage)
            if row.form_stated and item["form"] == row.form:
                claim(partnership, "form", item["form"], row.form_passage or passage)
            for unit_name in row.referral:
                unit, unit_created = _referring_unit(municipality, unit_name)
                if unit_created:
                    _track(user, unit, True, "referring_unit")
                partnership.referral_routes.add(unit)
            if row.referral:
                claim(partnership, "referral", row.referral_text, passage)

            committee_party, created = Party.objects.get_or_create(
                partnership=partnership, organisation=committee,
                defaults={"role": Party.Role.COMMITTEE})
            if created:
                _track(user, committee_party, True, "party")
            partners = []
            for org_name, kind, guessed in row.org_kinds:
                org = _find_organisation(municipality, org_name)
                created = org is None
                if created:
                    org = Organisation.objects.create(municipality=municipality,
                                                      name=org_name[:200], kind=kind)
                    changes = {"kind": kind}
                    if guessed:
                        changes["kind_note"] = ("Typen framgår inte av namnet; antagen idéburen "
                                                "organisation. Kontrollera.")
                    _track(user, org, True, "organisation", changes)
                claim(org, "name", org_name, passage)
                role = Party.Role.PARTNER if iop else Party.Role.CO_PARTY
                party, created = Party.objects.get_or_create(
                    partnership=partnership, organisation=org, defaults={"role": role})
                if created:
                    _track(user, party, True, "party")
                partners.append(party)

            version = _table_version(partnership, document)
            created = version is None
            if created:
                last = partnership.versions.aggregate(n=Max("number"))["n"] or 0
                version = AgreementVersion(
                    partnership=partnership, number=last + 1,
                    kind=AgreementVersion.Kind.ORIGINAL, title=name[:300],
                    status=AgreementVersion.Status.ACTIVE)
            if version.end is None and row.end:
                version.end = dt.date.fromisoformat(row.end)
            note = _period_note(row)
            if created or not version.period_note:
                version.period_note = note[:200]
            version.save()
            _track(user, version, created, "version",
                   {"end": version.end, "period_note": version.period_note})
            claim(version, "period_note", version.period_note or "–", passage)
            if row.end:
                claim(version, "end", row.end, passage)

            budget, created = Budget.objects.get_or_create(
                version=version, first_year=year, defaults={"last_year": year})
            if budget.last_year != year:
                budget.last_year = year
                budget.save(update_fields=["last_year"])
            _track(user, budget, created, "budget",
                   {"year": year, "value": item["value"], "committee_cost": item["committee_cost"]})
            cost = item["committee_cost"]
            lines = [(committee_party, cost, False, False,
                      f"{genitive(committee.name)} kostnad {year}"
                      + (f" ({row.committee_cost_text})" if row.committee_cost_text else ""))]
            if item["value"] is not None and partners:
                partner_names = " och ".join(p.organisation.name for p in partners)
                lines.append((partners[0], item["value"] - cost, True, True,
                              f"{partner_names}: insats (härlett: värde/år − nämndens "
                              "kostnad/år)"))
            else:
                BudgetLine.objects.filter(budget=budget, derived=True).delete()
            for party, amount, in_kind, derived, description in lines:
                line = BudgetLine.objects.filter(budget=budget, party=party).order_by(
                    "id").first()
                created = line is None
                if created:
                    line = BudgetLine(budget=budget, party=party)
                line.kind = BudgetLine.Kind.OTHER
                line.description = description[:200]
                line.lump_sum, line.in_kind, line.derived, line.at_least = (
                    amount, in_kind, derived, False)
                line.hours_per_week = line.weeks_per_year = line.hourly_rate = None
                line.save()
                _track(user, line, created, "budget_line", {"amount": amount, "derived": derived})
            budget.touch()  # its lines changed: a budget form read before this import is stale
            claim(budget, "committee_cost_per_year", cost, passage)
            if item["value"] is not None:
                claim(budget, "value_per_year", item["value"], passage)

            if row.participants:
                defaults = {"text": row.participants[:300]}
                if row.participants_number is not None:
                    defaults["number"] = row.participants_number
                figure, created = ReportedFigure.objects.update_or_create(
                    partnership=partnership, year=year, key=ReportedFigure.Key.PARTICIPANTS,
                    defaults=defaults)
                _track(user, figure, created, "reported_figure", {"text": figure.text})
                claim(figure, "participants", row.participants, passage)
    return counts


def _table_version(partnership, document):
    """The version an earlier import of DOCUMENT's table wrote to, else the latest version."""
    from django.contrib.contenttypes.models import ContentType

    from samverka.provenance.models import Claim

    claimed = Claim.objects.filter(
        content_type=ContentType.objects.get_for_model(AgreementVersion), source=document,
        object_id__in=partnership.versions.values("pk")).values("object_id")
    return (partnership.versions.filter(pk__in=claimed).order_by("-number").first()
            or partnership.versions.order_by("-number").first())


def _period_note(row) -> str:
    if row.end_note:
        return row.end_note
    if row.end_text:
        return f"Till och med {row.end_text} enligt tabellen"
    return "Period anges inte i källan"
