"""The portfolio reads a fixed number of queries, however many partnerships there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.partnerships import selectors
from tests.factories import LineFactory, MunicipalityFactory


def _queries_for(count: int) -> tuple[int, int]:
    municipality = MunicipalityFactory()
    for _ in range(count):
        LineFactory(budget__version__partnership__municipality=municipality, lump_sum=1000)
    with CaptureQueriesContext(connection) as captured:
        result = selectors.portfolio(municipality, 2024)
    assert result.total_value == 1000 * count
    return len(captured.captured_queries), len(result.rows)


def test_portfolio_queries_do_not_grow_with_the_partnerships(db):
    few, rows_few = _queries_for(2)
    many, rows_many = _queries_for(8)
    assert (rows_few, rows_many) == (2, 8)
    assert few == many
