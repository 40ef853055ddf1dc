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
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
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
EXAMPLES = 5  # per operation and strategy; each is sent once per client and once without a token
NEGATIVE_EXAMPLES = 3


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
            for parameter in operation.get("parameters", []):
                assert " / " in parameter.get("description", ""), (path, parameter["name"])
            for code, response in operation["responses"].items():
                assert " / " in response.get("description", ""), (path, method, code)
            if path.startswith(("/api/v1/referrals/", "/api/v1/placements/")):
                assert "exakt en post i åtkomstloggen" in operation["description"], path
                assert "exactly one access-log entry" in operation["description"], path
    assert _one_language({"paths": served["paths"], "components": served["components"]}) == []


SAME_IN_BOTH = {"Version"}  # a title that is the same word in Swedish and English


def _one_language(node, where="") -> list:
    """(where, text) of every title or description in NODE not written "svenska / English"
    (enumerations' generated value lists aside)."""
    found = []
    if isinstance(node, dict):
        for key in ("title", "description"):
            text = node.get(key)
            if (isinstance(text, str) and text and " / " not in text and "enum" not in node
                    and text not in SAME_IN_BOTH):
                found.append((where, text))
        for key, value in node.items():
            found += _one_language(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            found += _one_language(item, where)
    return found


def test_the_bilingual_check_finds_a_swedish_only_title():
    served = _schema()
    served["components"]["schemas"]["Referral"]["properties"]["decided_on"]["title"] = "Besvarad"
    served["paths"]["/api/v1/budgets/"]["get"]["description"] = "Budgets are read here."
    assert [text for _where, text in _one_language(served) if _where != "/info"] == [
        "Budgets are read here.", "Besvarad"]


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


def _existing_ids(world) -> dict:
    """An object of the clients' municipality behind each kind of {id} path, so that generated
    requests also reach the answers (2xx) and not only 404: the success schemas get checked."""
    from samverka.partnerships.models import Decision
    from tests.factories import BudgetFactory, VersionFactory

    version = VersionFactory(partnership=world.p_mission)
    BudgetFactory(version=version)
    decision = Decision.objects.create(partnership=world.p_mission, version=version,
                                       body=world.mission, title="Beslut om IOP",
                                       date=version.start, points="Att ingå IOP.")
    return {"organisations": world.mission.pk, "partnerships": world.p_mission.pk,
            "agreement-versions": version.pk, "decisions": decision.pk,
            "budgets": version.budget.pk if hasattr(version, "budget")
            else version.budgets.get().pk,
            "referrals": world.anna_referral.pk, "placements": world.anna_placement.pk,
            "statistics": world.p_mission.pk}


def _strategies(operation, ids):
    """Generated requests: positive with random ids, positive with an existing id (and a
    standard period that has data), and negative (input outside the schema)."""
    strategies = [(operation.as_strategy(), EXAMPLES),
                  (operation.as_strategy(GenerationMode.NEGATIVE), NEGATIVE_EXAMPLES)]
    kind = operation.path.split("/")[3]
    pinned = {}
    if "{id}" in operation.path:
        pinned["path_parameters"] = {"id": ids[kind]}
    if kind == "statistics":
        pinned["query"] = {"period": "2024"}
    if pinned:
        strategies.append((operation.as_strategy(**pinned), EXAMPLES))
    return strategies


@pytest.mark.django_db
def test_every_operation_as_every_scope(api_clients, world, connection_kept):
    """One test over all operations, so the personas are made once (a test per operation would
    make them again for each). Every read operation is answered (2xx) for some client."""
    headers = [{}] + [{"Authorization": f"Bearer {who.token}"} for who in api_clients.values()]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25
    ids = _existing_ids(world)
    answered = set()

    def call_as_everyone(case):
        for header in headers:
            response = case.call(headers=header)
            case.validate_response(response, checks=CHECKS, headers=header)
            if response.status_code < 300:
                answered.add(case.operation.label)

    for operation in operations:
        for strategy, examples in _strategies(operation, ids):
            @given(case=strategy)
            @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def run(case):
                call_as_everyone(case)

            run()
    reads = {operation.label for operation in operations if operation.method == "get"}
    assert reads - answered == set()


def _statistics_cases(world):
    portfolio = schema["/api/v1/statistics/portfolio/"]["GET"]
    single = schema["/api/v1/statistics/partnerships/{id}/"]["GET"]
    return [portfolio.Case(query={"period": period}) for period in ("2024", "2024-H1")] + [
        single.Case(path_parameters={"id": world.p_mission.pk}, query={"period": period})
        for period in ("2024", "2024-H1")]


def _withheld(value) -> int:
    if isinstance(value, dict):
        return sum(_withheld(item) for item in value.values())
    if isinstance(value, list):
        return sum(_withheld(item) for item in value)
    return value == ".."


@pytest.mark.django_db
def test_withheld_figures_conform_to_the_statistics_schema(api_clients, world, connection_kept):
    """Generated periods seldom hit the fixture's data: the periods that do, with '..' in the
    answer, checked against the schema (which says a figure may be '..')."""
    header = {"Authorization": f"Bearer {api_clients['site'].token}"}
    withheld = 0
    for case in _statistics_cases(world):
        response = case.call(headers=header)
        assert response.status_code == 200, response.text
        case.validate_response(response, checks=CHECKS, headers=header)
        withheld += _withheld(response.json())
    assert withheld > 10


@pytest.mark.django_db
def test_the_statistics_schema_refuses_a_small_count_or_a_wrong_symbol(api_clients, world,
                                                                      connection_kept,
                                                                      monkeypatch):
    """The check above can fail: a count of 1-4 persons, or any other string than '..', does
    not conform to the published schema."""
    from samverka.followup import publication

    real = publication.partnership
    header = {"Authorization": f"Bearer {api_clients['site'].token}"}
    case = _statistics_cases(world)[-1]
    for path, bad in ((("flow", "participants"), 3), (("flow", "started"), "..."),
                      (("economics", "committee_cost"), "1 000"),
                      (("outcomes", "exits"), -1)):
        def changed(item, period, path=path, bad=bad):
            data = real(item, period)
            data[path[0]][path[1]] = bad
            return data

        monkeypatch.setattr(publication, "partnership", changed)
        response = case.call(headers=header)
        assert response.status_code == 200
        with pytest.raises(FailureGroup):
            case.validate_response(response, checks=CHECKS, headers=header)
