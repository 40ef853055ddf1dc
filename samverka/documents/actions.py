"""Writes of the documents app: store a generated memo; confirm an imported memo into the register.

Each action runs in one transaction and writes its audit rows itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.db import transaction
from django.db.models import Max

from samverka.audit.actions import record
from samverka.partnerships.models import AgreementVersion

from .generation import memo_context, render
from .generation.swedish import genitive
from .models import GeneratedMemo


def memo_file_name(version: AgreementVersion, number: int, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9åäö]+", "-", version.partnership.name.lower()).strip("-")
    return f"tjansteskrivelse-{slug}-v{version.number}-{number}.{fmt}"


def _jsonable(texts: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in texts.items()}


def generate_memo(user, version: AgreementVersion, fmt: str, texts: dict | None = None
                  ) -> GeneratedMemo:
    """Render the memo for VERSION as FMT and store it as the next numbered attachment."""
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

    municipal = Organisation.Kind.MUNICIPAL_BODY
    with transaction.atomic():
        source, _ = SourceDocument.objects.update_or_create(
            municipality=municipality, file_name=(data.get("file_name") or "")[:200],
            title=data["title"][:300],
            defaults={"registry_number": data.get("registry_number") or "",
                      "document_date": data["memo_date"].isoformat() if data.get("memo_date")
                      else ""},
        )

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
            first_year = (version.start or data.get("memo_date") or dt.date.today()).year
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
