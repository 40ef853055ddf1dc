"""Imports to review: partnerships whose source documents (read in from memos) state different
values for the same field of the partnership or one of its agreement versions. The officer
resolves them on the partnership page, where the sources and their passages are listed."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from samverka.partnerships.models import AgreementVersion, Partnership
from samverka.provenance.models import Claim


@dataclass(frozen=True)
class ImportToReview:
    partnership_id: int
    partnership: str
    fields: int  # how many fields the sources disagree on


def imports_to_review(municipality) -> list[ImportToReview]:
    partnership_type = ContentType.objects.get_for_model(Partnership)
    version_type = ContentType.objects.get_for_model(AgreementVersion)
    names = dict(Partnership.objects.filter(municipality=municipality).values_list("pk", "name"))
    version_owner = dict(AgreementVersion.objects.filter(partnership_id__in=names)
                         .values_list("pk", "partnership_id"))
    owners = {partnership_type.pk: {pk: pk for pk in names},
              version_type.pk: version_owner}
    disagreeing = (Claim.objects.filter(content_type__in=[partnership_type, version_type],
                                        source__municipality=municipality)
                   .values("content_type_id", "object_id", "field")
                   .annotate(values=Count("value", distinct=True)).filter(values__gt=1))
    per_partnership: dict[int, int] = {}
    for row in disagreeing:
        owner = owners[row["content_type_id"]].get(row["object_id"])
        if owner is not None:
            per_partnership[owner] = per_partnership.get(owner, 0) + 1
    return sorted((ImportToReview(pk, names[pk], n) for pk, n in per_partnership.items()),
                  key=lambda item: item.partnership)
