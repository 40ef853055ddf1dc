"""The DCAT-AP-SE catalogue parses as RDF and has every mandatory property."""

from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, RDF

from samverka.opendata import datasets
from samverka.opendata.dcat import MANDATORY


def _graph(client, suffix="rdf", fmt="xml"):
    response = client.get(f"/oppna-data/dcat.{suffix}")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=fmt)


def _missing(graph):
    """(node, property) pairs where a mandatory property is absent."""
    return [(node, prop) for cls, props in MANDATORY.items()
            for node in graph.subjects(RDF.type, cls) for prop in props
            if graph.value(node, prop) is None]


def test_catalogue_parses_and_has_every_mandatory_property(client, demo):
    graph = _graph(client)
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    dataset_nodes = list(graph.subjects(RDF.type, DCAT.Dataset))
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    years = datasets.statistics_years(demo)
    assert len(catalogues) == 1
    assert len(dataset_nodes) == len(datasets.REGISTER_SETS) + len(years)
    assert len(distributions) == 2 * len(dataset_nodes)
    assert _missing(graph) == []
    for node in dataset_nodes:  # the brief's recommended properties too
        for prop in (DCTERMS.license, DCTERMS.temporal, DCAT.keyword, DCAT.theme,
                     DCAT.distribution):
            assert graph.value(node, prop) is not None, (node, prop)
    for node in distributions:
        for prop in (DCTERMS.format, DCTERMS.license, DCAT.mediaType):
            assert graph.value(node, prop) is not None, (node, prop)
    every_url = {str(url) for url in graph.objects(None, DCAT.accessURL)}
    for url in every_url:
        assert client.get(url.replace("http://testserver", "")).status_code == 200, url


def test_sparql_finds_each_dataset_with_publisher_and_contact(client, demo):
    graph = _graph(client, "ttl", "turtle")
    rows = graph.query("""
        PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
        SELECT ?title ?publisher ?email ?start WHERE {
          ?catalog a dcat:Catalog ; dcat:dataset ?dataset .
          ?dataset dct:title ?title ; dct:publisher/foaf:name ?publisher ;
                   dcat:contactPoint/vcard:hasEmail ?email ;
                   dct:temporal/dcat:startDate ?start .
        }""")
    found = {str(row.title): str(row.publisher) for row in rows}
    assert found["Partnerskap"] == demo.name
    assert len(found) == len(list(graph.subjects(RDF.type, DCAT.Dataset)))


def test_a_missing_property_is_noticed(client, demo):
    graph = _graph(client, "jsonld", "json-ld")
    node = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((node, DCAT.contactPoint, None))
    assert _missing(graph) == [(node, DCAT.contactPoint)]
