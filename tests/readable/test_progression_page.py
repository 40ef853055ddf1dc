"""The progression page (issue 15): one compact chart of every dimension per participant, with
the table beside it (a column per dimension), not one chart per dimension."""

from datetime import date

from django.urls import reverse

from samverka.impact import actions
from tests.impact.conftest import instrument  # noqa: F401 - shared fixture
from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures


def _assess(world, version, day, svenska, halsa, stage="start"):  # noqa: F811
    dims = {d.key: d.pk for d in version.dimensions.all()}
    actions.record_assessment(world.users["partner_staff"], actions.AssessmentInput(
        participant_id=world.anna.pk, partnership_id=world.p_mission.pk, version_id=version.pk,
        date=day, stage=stage, assessor="Handledare",
        scores={dims["svenska"]: svenska, dims["halsa"]: halsa}))


def test_one_chart_for_all_dimensions_and_the_table_beside(world, login, instrument):  # noqa: F811
    _assess(world, instrument, date(2024, 3, 1), 2, 7)
    _assess(world, instrument, date(2024, 9, 1), 4, 6, stage="during")
    html = login(world.users["partner_staff"]).get(
        reverse("impact:participant", args=[world.anna.pk])).content.decode()
    assert html.count('role="img"') == 1  # one chart, not one per dimension
    chart = html[html.index('class="chart progression-chart"'):html.index("</svg>")]
    assert "Svenska språket, 2024-03-01: 2" in chart and "Hälsa, 2024-09-01: 6" in chart
    assert chart.count("<polyline") == 2  # a line per dimension
    table = html[html.index('class="progression-table"'):]
    table = table[:table.index("</table>")]
    assert '<th scope="col" class="num">Svenska språket</th>' in table
    assert '<th scope="col" class="num">Hälsa</th>' in table
    assert table.count("<tr>") == 3  # the header and a row per assessment
    assert '<td class="num">4</td><td class="num">6</td>' in table
    assert html.index('class="chart-beside-table"') < html.index('class="progression-table"')
