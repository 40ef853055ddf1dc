"""The accessibility statement follows DIGG's structure, is public and linked from every page."""

import pytest
from django.test import override_settings

DIGG_HEADINGS = [
    "<h1>Tillgänglighet för Samverka</h1>",
    "<h2>Hur tillgänglig är tjänsten?</h2>",
    "<h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>",
    "<h2>Rapportera brister i tjänstens tillgänglighet</h2>",
    "<h2>Kontakta tillsynsmyndigheten</h2>",
    "<h2>Teknisk information om tjänstens tillgänglighet</h2>",
    "<h3>Innehåll som inte är tillgängligt</h3>",
    "<h3>Oskäligt betungande anpassning</h3>",
    "<h3>Innehåll som inte omfattas av lagkraven</h3>",
    "<h2>Hur vi testat tjänsten</h2>",
]


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_CONTACT_EMAIL="tillganglighet@kommun.example")
def test_statement_has_digg_headings_and_a_way_to_report(client):
    from tests.factories import MunicipalityFactory

    MunicipalityFactory(name="Exempelby kommun")
    response = client.get("/tillganglighet/")
    assert response.status_code == 200
    page = response.content.decode()
    positions = [page.index(heading) for heading in DIGG_HEADINGS]
    assert positions == sorted(positions), "DIGG's order"
    assert "Exempelby kommun står bakom Samverka" in page
    assert 'href="mailto:tillganglighet@kommun.example?subject=' in page
    assert "https://www.digg.se/tdosanmalan" in page
    assert "delvis förenlig" in page
    assert "Senaste bedömningen gjordes 2026-12-01" in page
    assert client.post("/tillganglighet/").status_code == 405


@pytest.mark.django_db
def test_footer_links_to_the_statement_and_open_data(client):
    page = client.get("/login/").content.decode()
    footer = page[page.index('<footer'):]
    assert 'href="/tillganglighet/"' in footer and 'href="/oppna-data/"' in footer
