"""The demo's figures read from the period summaries equal those computed from the raw rows, for
every standard period of every demo year, for the municipality and for each partnership."""

from samverka.followup import summaries
from samverka.followup.periods import standard_periods
from samverka.partnerships.models import Partnership
from tests.followup.summary_checks import differences, postgres_only, table_differences

YEARS = range(2018, 2027)


@postgres_only
def test_every_standard_period_of_the_demo_equals_the_raw_rows(demo, db):
    periods = [period for year in YEARS for period in standard_periods(year)]
    # As loaded (rows appended by the triggers: the medians from the histograms), then
    # compacted (whole rows: their stored medians).
    assert differences(periods, municipality_ids=[demo.pk]) == []
    assert table_differences(periods, municipality_ids=[demo.pk]) == []
    summaries.compact()
    assert differences(periods, municipality_ids=[demo.pk]) == []
    assert table_differences(periods, municipality_ids=[demo.pk]) == []
    for pid in Partnership.objects.filter(municipality=demo).values_list("pk", flat=True):
        assert differences(standard_periods(2024), municipality_ids=[demo.pk],
                           partnership_ids=[pid]) == []
