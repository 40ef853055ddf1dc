"""The site's own 400/403/404/500 pages: Swedish, with the navigation (issue 15)."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.urls import path
from django.utils import translation

from samverka.core import errors
from samverka.urls import urlpatterns as site_patterns
from tests.participants.conftest import login, world  # noqa: F401 - shared fixtures


def _forbidden(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


def _suspicious(request):
    raise SuspiciousOperation("x")


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test-403/", _forbidden),
    path("test-404/", _missing),
    path("test-400/", _suspicious),
    path("test-500/", _broken),
    *site_patterns,
]
handler400 = "samverka.core.errors.bad_request"
handler403 = "samverka.core.errors.permission_denied"
handler404 = "samverka.core.errors.page_not_found"
handler500 = "samverka.core.errors.server_error"


def test_site_urlconf_names_the_handlers():
    from samverka import urls

    assert urls.handler403 == "samverka.core.errors.permission_denied"
    assert urls.handler404 == "samverka.core.errors.page_not_found"
    assert urls.handler500 == "samverka.core.errors.server_error"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url, status, heading", [
    ("/test-403/", 403, "Ingen behörighet"),
    ("/test-404/", 404, "Sidan finns inte"),
    ("/finns-inte-alls/", 404, "Sidan finns inte"),
    ("/test-400/", 400, "Felaktig adress"),
])
def test_error_pages_are_swedish_with_navigation(client, world, url, status, heading):  # noqa: F811
    client.force_login(world.users["officer"])
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'aria-label="Huvudmeny"' in html and "Portfölj" in html  # the signed-in menu
    assert "Forbidden" not in html and "Not Found" not in html


@pytest.mark.urls(__name__)
def test_server_error_page(client, world):  # noqa: F811
    client.raise_request_exception = False
    client.force_login(world.users["officer"])
    response = client.get("/test-500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Tekniskt fel</h1>" in html and 'aria-label="Huvudmeny"' in html
    assert "Server Error" not in html


def test_server_error_renders_without_database_or_user(monkeypatch):
    """No request.user and every database query fails: the page still renders."""
    def refuse(*args, **kwargs):
        raise RuntimeError("ingen databas")

    monkeypatch.setattr(connection, "cursor", refuse)
    request = RequestFactory().get("/")  # no session, no user attribute
    with translation.override("sv"):  # as LocaleMiddleware would have it for this request
        response = errors.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Tekniskt fel</h1>" in html and "Startsidan" in html
