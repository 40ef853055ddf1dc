"""Random query strings to every GET URL of the app, as every role: never a 500.

The URLs are every pattern of the URL configuration (tests/hardening/walk.py), their ids filled
from the test world. A first request to each URL records which query parameters its view reads
(so a parameter added later is found without being listed here); the random queries then use
those names, the names every view reads anywhere, and random ones. Values include huge and
negative integers, unicode, control characters, dates and date ranges far outside any period.
"""

import datetime as dt
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .walk import get_urls, register_data

ROLES = ["admin", "officer", "case_worker", "partner_staff", "committee"]
KNOWN_KEYS = ["period", "sida", "page", "year", "ar", "participant", "instrument", "form",
              "status", "sort", "export", "q", "under", "refresh", "username", "outside"]
EXAMPLES = 20  # per URL and role where the view reads parameters
EXAMPLES_IGNORING = 2  # where it reads none (for this role): random keys only

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
values = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.integers(min_value=-5, max_value=3000).map(str),
    text,
    dates.map(dt.date.isoformat),
    st.tuples(dates, dates).map(lambda pair: f"{pair[0]}..{pair[1]}"),
    st.sampled_from(["", "1", "0", "-1", "2024", "2024-H1", "2024-Q3", "2024-05", "2024-13",
                     "csv", "xlsx", "iop", "active", "value", "1e99", "NaN", "٣", "\x00",
                     "1900-01-01..2100-12-31", "0001-01-01..9999-12-31", "9" * 20, " 7 "]),
)


def keys_read(client, path) -> set[str]:
    """The query parameter names the view at PATH reads (from any QueryDict) for this user."""
    read = set()

    def recording(method):
        def wrapper(self, key, *args, **kwargs):
            read.add(key)
            return method(self, key, *args, **kwargs)
        return wrapper

    with mock.patch.object(QueryDict, "get", recording(QueryDict.get)), \
            mock.patch.object(QueryDict, "__getitem__", recording(QueryDict.__getitem__)), \
            mock.patch.object(QueryDict, "getlist", recording(QueryDict.getlist)), \
            mock.patch.object(QueryDict, "__contains__", recording(QueryDict.__contains__)):
        client.get(f"{path}?probe=1")
    return {key for key in read if isinstance(key, str) and key != "probe"}


def _check(client, name, path, names):
    keys = st.one_of(st.sampled_from(sorted(names)), st.sampled_from(KNOWN_KEYS), text) \
        if names else st.one_of(st.sampled_from(KNOWN_KEYS), text)

    @settings(max_examples=EXAMPLES if names else EXAMPLES_IGNORING, deadline=None,
              derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(query=st.lists(st.tuples(keys, values), min_size=1, max_size=4))
    def check(query):
        response = client.get(f"{path}?{urlencode(query)}")
        assert response.status_code < 500, (name, path, query,
                                            getattr(response, "exc_info", None))

    check()


@pytest.fixture
def urls(world):
    return get_urls(world, register_data(world))


@pytest.mark.parametrize("role", ROLES)
def test_random_query_strings_never_give_a_server_error(world, urls, login, role):
    client = login(world.users[role])
    client.raise_request_exception = False
    reading = 0
    for name, path in urls:
        names = keys_read(client, path)
        reading += bool(names)
        _check(client, name, path, names)
    assert reading >= 3 if role != "partner_staff" else reading >= 1  # the probe sees reads
