"""The open-data catalogue of one municipality as DCAT-AP-SE (RDF built with rdflib).

DCAT-AP-SE (docs.dataportal.se/dcat) asks of a catalogue: title, description, publisher and its
datasets; of a dataset: title, description, publisher and contact point (the Swedish profile makes
the contact point mandatory), recommended keyword, theme, temporal coverage and distributions; of
a distribution: access URL (mandatory), recommended format, licence, media type. Each of these is
given below; `MANDATORY` lists what the tests check.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from .documents import LICENSE

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/SWE"
IANA = "https://www.iana.org/assignments/media-types/"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/LocalAuthority"
THEMES = ("GOVE", "SOCI")  # government and public sector; population and society

MANDATORY = {
    DCAT.Catalog: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset),
    DCAT.Dataset: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint),
    DCAT.Distribution: (DCAT.accessURL,),
}
FORMATS = {"json": ("JSON", "application/json"), "csv": ("CSV", "text/csv")}


@dataclass
class Entry:
    """One dataset of the catalogue: what it is, its period and its files by format."""

    key: str
    title: str
    description: str
    keywords: tuple
    start: date | None
    end: date | None
    files: dict  # format ("json", "csv") -> absolute URL
    schema_url: str


def contact_email() -> str:
    return getattr(settings, "OPEN_DATA_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL


def _publisher(graph: Graph, municipality, base: str) -> URIRef:
    publisher = URIRef(f"{base}#utgivare")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(municipality.name, lang="sv")))
    graph.add((publisher, DCTERMS.type, URIRef(PUBLISHER_TYPE)))
    return publisher


def _contact(graph: Graph, municipality) -> BNode:
    contact = BNode()
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(municipality.name, lang="sv")))
    graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email()}")))
    return contact


def _temporal(graph: Graph, entry: Entry) -> BNode:
    period = BNode()
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    for predicate, day in ((DCAT.startDate, entry.start), (DCAT.endDate, entry.end)):
        if day:
            graph.add((period, predicate, Literal(day.isoformat(), datatype=XSD.date)))
    return period


def _distribution(graph: Graph, entry: Entry, fmt: str, url: str) -> URIRef:
    name, media_type = FORMATS[fmt]
    node = URIRef(url)
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(f"{entry.title} ({name})", lang="sv")))
    graph.add((node, DCAT.accessURL, URIRef(url)))
    graph.add((node, DCAT.downloadURL, URIRef(url)))
    graph.add((node, DCTERMS.format, URIRef(EU_FILE_TYPE + name)))
    graph.add((node, DCAT.mediaType, URIRef(IANA + media_type)))
    graph.add((node, DCTERMS.license, URIRef(LICENSE)))
    graph.add((node, DCTERMS.conformsTo, URIRef(entry.schema_url)))
    return node


def _dataset(graph: Graph, entry: Entry, base: str, publisher: URIRef, contact) -> URIRef:
    node = URIRef(f"{base}#{entry.key}")
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.title, Literal(entry.title, lang="sv")))
    graph.add((node, DCTERMS.description, Literal(entry.description, lang="sv")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.license, URIRef(LICENSE)))
    graph.add((node, DCTERMS.language, URIRef(EU_LANGUAGE)))
    graph.add((node, DCTERMS.temporal, _temporal(graph, entry)))
    graph.add((node, DCAT.landingPage, URIRef(base)))
    for keyword in entry.keywords:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="sv")))
    for theme in THEMES:
        graph.add((node, DCAT.theme, URIRef(EU_THEME + theme)))
    for fmt, url in entry.files.items():
        graph.add((node, DCAT.distribution, _distribution(graph, entry, fmt, url)))
    return node


def catalogue(municipality, base: str, entries: list[Entry]) -> Graph:
    """The catalogue of MUNICIPALITY's open data at BASE (the index page's absolute URL)."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)
    node = URIRef(f"{base}#katalog")
    publisher = _publisher(graph, municipality, base)
    contact = _contact(graph, municipality)
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCTERMS.title, Literal(f"Öppna data om partnerskap – {municipality.name}",
                                            lang="sv")))
    graph.add((node, DCTERMS.description, Literal(
        "Kommunens register över idéburna offentliga partnerskap och annan samverkan med "
        "civilsamhället, med publicerad uppföljning. Inga personuppgifter.", lang="sv")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.license, URIRef(LICENSE)))
    graph.add((node, DCTERMS.language, URIRef(EU_LANGUAGE)))
    graph.add((node, FOAF.homepage, URIRef(base)))
    for entry in entries:
        graph.add((node, DCAT.dataset, _dataset(graph, entry, base, publisher, contact)))
    return graph


SERIALISATIONS = {
    "rdf": ("xml", "application/rdf+xml"),
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
}
