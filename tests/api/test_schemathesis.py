"""Property-based tests over the whole OpenAPI description (issue 17, item 1): every operation,
with generated parameters and bodies, called as every client scope and without a token, through
the WSGI app in-process (no network). No 5xx, and every response conforms to the schema."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def _schema() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_schema())
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = 5  # per operation; each example is sent once per client and once without a token


def test_the_schema_is_served_and_describes_every_endpoint_in_swedish_and_english(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    served = json.loads(response.content)
    assert "Samverkas API" in served["info"]["description"]
    assert "Samverka's API" in served["info"]["description"]
    assert {"/api/v1/referrals/", "/api/v1/placements/{id}/weeks/",
            "/api/v1/statistics/portfolio/", "/api/v1/agreement-versions/"} <= set(
        served["paths"])
    for path, methods in served["paths"].items():
        for method, operation in methods.items():
            assert " / " in operation["summary"], (path, method)


@pytest.fixture
def connection_kept():
    """The WSGI app closes the database connection after each request (request_finished);
    Django's test client stops that, and so must a test calling the app directly, or the test's
    transaction is lost with its connection (PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_as_every_scope(api_clients, connection_kept):
    """One test over all operations, so the personas are made once (a test per operation would
    make them again for each)."""
    headers = [{}] + [{"Authorization": f"Bearer {who.token}"} for who in api_clients.values()]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            for header in headers:
                response = case.call(headers=header)
                case.validate_response(response, checks=CHECKS, headers=header)

        run()
