"""The published pattern is cached under the figures it protects: a page that finds it builds
no relations, and anything the relations follow from (a partnership's number of places, which
decides whether its place-days count in the portfolio's) gives a new pattern."""

from unittest import mock

import pytest
from django.core.cache import cache

from samverka.followup import publication
from samverka.followup.periods import year_period
from samverka.partnerships.models import Partnership
from tests.followup import helpers

pytestmark = pytest.mark.django_db


def test_a_cached_pattern_needs_no_relations(demo):
    cache.clear()
    publication.portfolio(year_period(2024), [demo.pk])
    with mock.patch.object(publication, "relations", wraps=publication.relations) as built, \
            mock.patch.object(publication, "_protected") as protected:
        publication.portfolio(year_period(2024), [demo.pk])
    assert built.call_count == 0
    assert protected.call_count == 0


def test_a_partnership_without_places_is_protected_anew(demo):
    """A partnership with places and no placements: its place-days (0) are in the portfolio's
    column; without places they are not. The figures are the same, the relations not."""
    period = year_period(2024)
    empty = helpers.partnership(demo, "Tom verkstad", places=10)
    cache.clear()
    _rows, _total, before = publication.compute(period, [demo.pk])
    assert ("occupied", empty.pk, period.label) in before.values
    Partnership.objects.filter(pk=empty.pk).update(places=None)
    with mock.patch.object(publication, "_protected",
                           wraps=publication._protected) as protected:
        _rows, _total, after = publication.compute(period, [demo.pk])
    assert after.values == before.values
    assert protected.call_count == 1
    column = [relation for relation in after.relations
              if relation.terms[-1][0] == ("occupied", publication.TOTAL, period.label)]
    assert column and all(("occupied", empty.pk, period.label) not in dict(relation.terms)
                          for relation in column)
