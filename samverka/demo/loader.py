"""Load the demo municipality from the seed-based description. Idempotent: run it any number of
times and the register ends up the same."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from samverka.accounts.models import Profile
from samverka.budgets.models import Budget, BudgetLine
from samverka.documents.demo import load_memo_drafts
from samverka.organisations.models import Municipality, Organisation
from samverka.partnerships.models import (
    AgreementVersion,
    CriterionAssessment,
    Decision,
    Partnership,
    Party,
    ReferringUnit,
    ReportedFigure,
)
from samverka.provenance.models import Claim, SourceDocument

from . import linkoping

PARTNERSHIP_FIELDS = [
    "purpose", "target_group", "newly_arrived", "social_assistance", "age_band", "gender_focus",
    "intensity_band", "activities", "places", "capacity", "goal_areas", "gender_equality",
    "legal_form_reasoning",
]
VERSION_FIELDS = [
    "kind", "title", "start", "end", "period_note", "extension_count", "extension_years",
    "status", "change_summary", "target_group",
]


class Loader:
    def __init__(self, data=linkoping):
        self.data = data
        self.sources: dict[str, SourceDocument] = {}
        self.orgs: dict[str, Organisation] = {}

    def source(self, seed) -> SourceDocument:
        file_name, title, registry, date = seed
        if file_name not in self.sources:
            self.sources[file_name], _ = SourceDocument.objects.update_or_create(
                municipality=self.municipality, file_name=file_name, title=title,
                defaults={"registry_number": registry, "document_date": date},
            )
        return self.sources[file_name]

    def claim(self, obj, field, value, seed, passage):
        Claim.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, field=field,
            source=self.source(seed), value=str(value), defaults={"passage": passage},
        )

    @transaction.atomic
    def run(self):
        self.municipality, _ = Municipality.objects.update_or_create(
            code=self.data.MUNICIPALITY["code"], defaults={"name": self.data.MUNICIPALITY["name"]}
        )
        for seed in self.data.sources_all():
            self.source(seed)
        for name, short, kind in self.data.ORGANISATIONS:
            self.orgs[name], _ = Organisation.objects.update_or_create(
                municipality=self.municipality, name=name,
                defaults={"short_name": short, "kind": kind},
            )
        for org_name, field, value, seed, passage in self.data.ORGANISATION_CLAIMS:
            self.claim(self.orgs[org_name], field, value, seed, passage)
        self.units = {
            name: ReferringUnit.objects.update_or_create(
                municipality=self.municipality, name=name,
                defaults={"is_self_referral": is_self},
            )[0]
            for name, is_self in self.data.REFERRING_UNITS
        }
        for spec in self.data.PARTNERSHIPS:
            self.partnership(spec)
        for user_spec in self.data.USERS:
            self.user(*user_spec)
        load_memo_drafts(self.municipality)
        return self.municipality

    def partnership(self, spec):
        defaults = {field: spec[field] for field in PARTNERSHIP_FIELDS if field in spec}
        partnership, _ = Partnership.objects.update_or_create(
            municipality=self.municipality, name=spec["name"],
            defaults={
                **defaults, "form": spec["form"], "committee": self.orgs[linkoping.AN],
                "administration": self.orgs[spec["administration"]],
            },
        )
        partnership.referral_routes.set([self.units[name] for name in spec.get("referral", [])])
        parties = {
            org: Party.objects.update_or_create(
                partnership=partnership, organisation=self.orgs[org], defaults={"role": role}
            )[0]
            for org, role in spec["parties"]
        }
        for field, value, seed, passage in spec.get("claims", []):
            self.claim(partnership, field, value, seed, passage)
        for year, key, number, text, seed, passage in spec.get("figures", []):
            figure, _ = ReportedFigure.objects.update_or_create(
                partnership=partnership, year=year, key=key,
                defaults={"number": number, "text": text},
            )
            self.claim(figure, key, text, seed, passage)
        for version_spec in spec["versions"]:
            self.version(partnership, parties, version_spec)

    def version(self, partnership, parties, spec):
        defaults = {field: spec[field] for field in VERSION_FIELDS if field in spec}
        version, _ = AgreementVersion.objects.update_or_create(
            partnership=partnership, number=spec["number"], defaults=defaults
        )
        for field, value, seed, passage in spec.get("claims", []):
            self.claim(version, field, value, seed, passage)
        for number, (status, motivation) in spec.get("criteria", {}).items():
            CriterionAssessment.objects.update_or_create(
                version=version, criterion=number,
                defaults={"status": status, "motivation": motivation},
            )
        for budget_spec in spec.get("budgets", []):
            self.budget(version, parties, budget_spec)
        if "decision" in spec:
            self.decision(partnership, version, dict(spec["decision"]))

    def budget(self, version, parties, spec):
        budget, _ = Budget.objects.update_or_create(
            version=version, first_year=spec["first_year"],
            defaults={"last_year": spec["last_year"], "indexation_percent": spec["indexation"],
                      "note": spec.get("note", "")},
        )
        for line in spec["lines"]:
            line = dict(line)
            party = parties[line.pop("party")]
            BudgetLine.objects.update_or_create(
                budget=budget, party=party, description=line.pop("description"), defaults=line
            )
        for field, value, seed, passage in spec.get("claims", []):
            self.claim(budget, field, value, seed, passage)

    def decision(self, partnership, version, spec):
        seed = spec.pop("source")
        body = self.orgs[spec.pop("body")]
        decision, _ = Decision.objects.update_or_create(
            partnership=partnership, version=version, title=spec.pop("title"),
            defaults={**spec, "body": body},
        )
        self.claim(decision, "registry_number", spec.get("registry_number") or "–", seed,
                   spec["points"].splitlines()[0])

    def user(self, username, password, role, org_name, first, last, superuser):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": superuser,
                      "is_superuser": superuser},
        )
        if created:
            user.set_password(password)
            user.save()
        Profile.objects.update_or_create(
            user=user, defaults={"municipality": self.municipality, "role": role,
                                 "organisation": self.orgs[org_name]},
        )


def load_demo():
    return Loader().run()
