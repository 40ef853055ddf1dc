"""factory_boy factories for the impact app."""

from decimal import Decimal

import factory

from samverka.impact.models import FinancialProxy, SroiCalculation, SroiOutcome


class ProxyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialProxy

    name = factory.Sequence(lambda n: f"Proxy {n}")
    amount = 100_000
    year = 2024
    unit = "per person och år"
    source = "Testkälla"


class CalculationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SroiCalculation

    municipality = factory.SelfAttribute("partnership.municipality")
    year = 2024
    discount_rate = Decimal("0")
    index_percent = Decimal("0")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SroiOutcome

    calculation = factory.SubFactory(CalculationFactory)
    stakeholder = "Kommunen"
    name = factory.Sequence(lambda n: f"Utfall {n}")
    indicator = "Antal"
    quantity = Decimal(10)
    quantity_note = "Testvärde"
    proxy = factory.SubFactory(ProxyFactory,
                               municipality=factory.SelfAttribute("..calculation.municipality"))
    duration = 1
