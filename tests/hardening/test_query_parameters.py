"""Query parameters that once gave 500: now a Swedish 400 page with the site's navigation."""

import pytest

from samverka.core import params

HUGE = "99999999999999999999"
NAV = 'aria-label="Huvudmeny"'


def _get(client, url):
    client.raise_request_exception = False
    return client.get(url)


@pytest.mark.parametrize("query", [
    "/uppfoljning/?period=1900-01-01..2100-12-31",
    "/uppfoljning/?period=0001-01-01..9999-12-31",
    "/uppfoljning/{p}/?period=1900-01-01..2100-12-31",
    "/uppfoljning/{p}/?period=0001-01-01..9999-12-31",
    "/uppfoljning/export.xlsx?period=0001-01-01..9999-12-31",
    "/uppfoljning/export.xlsx?period=2024-Q9",
    "/uppfoljning/rapport.pdf?period=1900",
    "/uppfoljning/?page=" + HUGE,
    "/uppfoljning/?q=%00",
    "/deltagare/?sida=" + HUGE,
    "/deltagare/?sida=-1",
    "/deltagare/?sida=%D9%A3",
    "/portfolj/?year=" + HUGE,
    "/portfolj/?year=1900",
    "/portfolj/?year=abc",
    "/partnerskap/{p}/?year=99999",
    "/effekt/partnerskap/{p}/?ar=" + HUGE,
    "/effekt/partnerskap/{p}/?ar=12",
    "/effekt/instrument/ny/?instrument=abc",
    "/effekt/instrument/ny/?instrument=" + HUGE,
])
def test_bad_parameter_gives_the_swedish_400_page(world, login, query):
    response = _get(login(world.users["admin"]), query.format(p=world.p_mission.pk))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Felaktig adress" in page
    assert NAV in page and "Portfölj" in page  # the site's navigation


def test_access_log_filter_with_a_huge_participant_id_says_so_on_the_field(world, login):
    response = _get(login(world.users["admin"]), "/deltagare/logg/?participant=" + HUGE)
    assert response.status_code == 200
    assert "mindre än eller lika med" in response.content.decode()


@pytest.mark.parametrize("path", ["/partnerskap/{huge}/", "/deltagare/{huge}/",
                                  "/uppfoljning/{huge}/", "/effekt/partnerskap/{huge}/"])
def test_a_path_id_no_database_can_hold_is_not_found(world, login, path):
    assert _get(login(world.users["admin"]), path.format(huge=HUGE)).status_code == 404


def test_good_parameters_still_work(world, login):
    client = login(world.users["admin"])
    assert client.get("/uppfoljning/?period=2019-01-01..2026-12-31").status_code == 200
    assert client.get("/deltagare/?sida=2").status_code == 200
    assert client.get("/portfolj/?year=2024&form=iop&sort=value").status_code == 200
    assert client.get("/portfolj/?year=2024&form=nonsense&sort=nonsense").status_code == 200


def test_params_read_ascii_integers_within_bounds(rf):
    assert params.get_int(rf.get("/", {"n": " 42 "}), "n") == 42
    assert params.get_page(rf.get("/")) == 1
    for bad in ["٣", "1e3", "0x10", HUGE, "-5"]:
        with pytest.raises(params.BadParameter):
            params.get_int(rf.get("/", {"n": bad}), "n", minimum=1)


def test_other_bad_requests_get_the_same_page(world, login):
    """handler400: a SuspiciousOperation Django raises itself (here a foreign Host header)."""
    client = login(world.users["admin"])
    client.raise_request_exception = False
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Felaktig adress" in response.content.decode()
