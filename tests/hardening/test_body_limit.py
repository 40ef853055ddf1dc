"""The request body limit applies before anything reads the body."""

from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
from django.urls import reverse

from samverka.core.bodylimit import RequestBodyLimitMiddleware


class _Untouchable:
    """A wsgi.input that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_declared_body_over_the_limit_is_refused_before_the_view(rf):
    reached = []
    middleware = RequestBodyLimitMiddleware(lambda request: reached.append(request))
    request = rf.post("/dokument/importera/", data=b"x", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(50 * 1024 * 1024)
    request.META["wsgi.input"] = _Untouchable()
    request._stream = _Untouchable()
    response = middleware(request)
    assert response.status_code == 413
    assert "större än 10 MB" in response.content.decode()
    assert reached == []


def test_a_body_within_the_limit_reaches_the_view(rf):
    reached = []
    middleware = RequestBodyLimitMiddleware(lambda request: reached.append(request) or "ok")
    request = rf.post("/", data={"a": "b"})
    assert middleware(request) == "ok"
    assert reached == [request]


def test_the_whole_middleware_chain_refuses_without_reading_the_body(rf, db):
    """Through Django's WSGI handler, CSRF checks included: nothing reads the 50 MB body."""
    environ = rf.post(reverse("documents:upload")).environ
    environ.update({"CONTENT_LENGTH": str(50 * 1024 * 1024), "wsgi.input": _Untouchable(),
                    "CONTENT_TYPE": "multipart/form-data; boundary=x"})
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["413 Request Entity Too Large"]
    assert "För mycket data" in body.decode()


def test_the_limit_follows_the_setting(world, login):
    client = login(world.users["officer"])
    with override_settings(REQUEST_BODY_MAX_BYTES=1000):
        response = client.post(reverse("documents:upload"), {"memo": "x" * 5000})
        assert client.post(reverse("documents:upload"), {"a": "b"}).status_code != 413
    assert response.status_code == 413
    page = response.content.decode()
    assert "För mycket data" in page and 'aria-label="Huvudmeny"' in page
