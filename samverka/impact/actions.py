"""Writes of the impact app: each in one transaction with its audit row (and, for participant
data, an access-log entry). Bad input raises ValidationError with a message on the field and
nothing is saved."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.audit.actions import record
from samverka.participants import selectors as participant_selectors
from samverka.participants.accesslog import Purpose
from samverka.participants.models import AccessLogEntry
from samverka.partnerships.models import Partnership

from . import socioeconomic, sroi
from .models import (
    ActorCostLine,
    Assessment,
    Dimension,
    FinancialProxy,
    Instrument,
    InstrumentVersion,
    QuantitySource,
    ScaleStep,
    Score,
    SocioeconomicAccount,
    SroiCalculation,
    SroiOutcome,
)


def _check(user, permission):
    if not policy.can(user, permission):
        raise PermissionDenied


def _municipality_id(user):
    profile = policy.profile_of(user)
    if profile is None:
        raise PermissionDenied
    return profile.municipality_id


def _partnership(user, partnership_id) -> Partnership:
    partnership = Partnership.objects.filter(
        pk=partnership_id, municipality_id=_municipality_id(user)
    ).first()
    if partnership is None:
        raise Http404
    return partnership


def _decimal(value, field_name) -> Decimal:
    try:
        return Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field_name: _("Ange ett tal.")}) from None


def _percent(value, field_name) -> Decimal:
    number = _decimal(value, field_name)
    if not Decimal(0) <= number <= Decimal(100):
        raise ValidationError({field_name: _("Ange en andel mellan 0 och 100 %.")})
    return number


# --- Instruments ----------------------------------------------------------------------------


@dataclass
class DimensionInput:
    key: str
    name: str
    steps: list[tuple[int, str]]  # (value, label), consecutive values
    description: str = ""


class InstrumentConflict(Exception):
    """Someone else saved a version of the instrument after the form was read: nothing was
    saved. LATEST is that instrument's newest version now."""

    def __init__(self, latest: InstrumentVersion):
        self.latest = latest
        super().__init__(_("Någon annan har sparat en ny version av instrumentet."))


def create_instrument_version(user, instrument_name: str, dimensions: list[DimensionInput], *,
                              description: str = "", change_note: str = "",
                              valid_from: date | None = None,
                              activate: bool = True,
                              based_on_number: int | None = None) -> InstrumentVersion:
    """A new version of the named instrument. Active by default, and then the previous active
    version is retired; with ACTIVATE false a draft, taken into use later with
    activate_instrument_version(). BASED_ON_NUMBER, the version the form was filled from, must
    still be the newest (optimistic locking); otherwise InstrumentConflict."""
    _check(user, policy.MANAGE_IMPACT)
    municipality_id = _municipality_id(user)
    if not dimensions:
        raise ValidationError({"dimensions": _("Ett instrument behöver minst en dimension.")})
    for dimension in dimensions:
        values = sorted(value for value, _label in dimension.steps)
        if len(values) < 2 or values != list(range(values[0], values[0] + len(values))):
            raise ValidationError({"dimensions": _(
                "Dimensionen %(name)s behöver minst två skalsteg i följd."
            ) % {"name": dimension.name}})
    if len({d.key for d in dimensions}) != len(dimensions):
        raise ValidationError({"dimensions": _("Två dimensioner har samma nyckel.")})
    with transaction.atomic():
        instrument, _created = Instrument.objects.get_or_create(
            municipality_id=municipality_id, name=instrument_name,
            defaults={"description": description},
        )
        # Lock the instrument: versions are numbered, and saved, one at a time.
        instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
        latest = instrument.versions.order_by("-number").first()
        if based_on_number is not None and (latest.number if latest else 0) != based_on_number:
            raise InstrumentConflict(latest)
        if activate:
            _retire_active(user, instrument)
        number = (latest.number if latest else 0) + 1
        version = InstrumentVersion.objects.create(
            instrument=instrument, number=number,
            status=InstrumentVersion.Status.ACTIVE if activate else InstrumentVersion.Status.DRAFT,
            valid_from=(valid_from or timezone.localdate()) if activate else valid_from,
            change_note=change_note,
        )
        for order, spec in enumerate(dimensions):
            values = [value for value, _label in spec.steps]
            dimension = Dimension.objects.create(
                version=version, order=order, key=spec.key, name=spec.name,
                description=spec.description, scale_min=min(values), scale_max=max(values),
            )
            ScaleStep.objects.bulk_create(
                ScaleStep(dimension=dimension, value=value, label=label)
                for value, label in spec.steps
            )
        record(user, "impact.instrument_version.create", version,
               {"instrument": instrument.name, "number": number})
    return version


def _retire_active(user, instrument, keep=None) -> None:
    previous = instrument.versions.select_for_update().filter(
        status=InstrumentVersion.Status.ACTIVE)
    if keep is not None:
        previous = previous.exclude(pk=keep.pk)
    for old in previous:
        old.status = InstrumentVersion.Status.RETIRED
        old.save(update_fields=["status"])
        record(user, "impact.instrument_version.retire", old)


def activate_instrument_version(user, version_id) -> InstrumentVersion:
    """Take a draft version into use; the instrument's active version is retired. A retired
    version is not taken back into use: make a new version instead."""
    _check(user, policy.MANAGE_IMPACT)
    with transaction.atomic():
        version = InstrumentVersion.objects.select_for_update().filter(
            pk=version_id, instrument__municipality_id=_municipality_id(user)
        ).select_related("instrument").first()
        if version is None:
            raise Http404
        if version.status != InstrumentVersion.Status.DRAFT:
            raise ValidationError({"version": _(
                "Bara ett utkast kan tas i bruk. Gör en ny version i stället.")})
        _retire_active(user, version.instrument, keep=version)
        version.status = InstrumentVersion.Status.ACTIVE
        version.valid_from = version.valid_from or timezone.localdate()
        version.save(update_fields=["status", "valid_from"])
        record(user, "impact.instrument_version.activate", version)
    return version


def retire_instrument_version(user, version_id) -> InstrumentVersion:
    _check(user, policy.MANAGE_IMPACT)
    with transaction.atomic():
        version = InstrumentVersion.objects.select_for_update().filter(
            pk=version_id, instrument__municipality_id=_municipality_id(user)).first()
        if version is None:
            raise Http404
        version.status = InstrumentVersion.Status.RETIRED
        version.save(update_fields=["status"])
        record(user, "impact.instrument_version.retire", version)
    return version


# --- Assessments ----------------------------------------------------------------------------


@dataclass
class AssessmentInput:
    participant_id: int
    partnership_id: int
    version_id: int
    date: date
    stage: str
    assessor: str
    scores: dict = field(default_factory=dict)  # dimension id -> step value
    comment: str = ""


def record_assessment(user, data: AssessmentInput) -> Assessment:
    """Record an assessment for a participant USER may see, on an active instrument version."""
    _check(user, policy.RECORD_ASSESSMENTS)
    municipality_id = _municipality_id(user)
    errors = {}
    version = InstrumentVersion.objects.filter(
        pk=data.version_id, instrument__municipality_id=municipality_id
    ).select_related("instrument").first()
    if version is None:
        raise ValidationError({"version": _("Välj ett instrument.")})
    if version.status != InstrumentVersion.Status.ACTIVE:
        raise ValidationError({"version": _(
            "Instrumentversion %(number)s av %(name)s är utfasad eller inte beslutad: "
            "nya bedömningar görs i den version som är i bruk."
        ) % {"number": version.number, "name": version.instrument.name}})
    if data.date is None:
        errors["date"] = _("Ange datum som ÅÅÅÅ-MM-DD.")
    elif data.date > timezone.localdate():
        errors["date"] = _("Datumet kan inte ligga i framtiden.")
    if data.stage not in Assessment.Stage.values:
        errors["stage"] = _("Välj tillfälle.")
    if not data.assessor.strip():
        errors["assessor"] = _("Ange vem som gjorde bedömningen tillsammans med deltagaren.")
    dimensions = list(version.dimensions.all())
    scores = {}
    for dimension in dimensions:
        key = f"score_{dimension.pk}"
        raw = data.scores.get(dimension.pk, data.scores.get(str(dimension.pk)))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            errors[key] = _("Ange ett steg för %(name)s.") % {"name": dimension.name}
            continue
        if not dimension.scale_min <= value <= dimension.scale_max:
            errors[key] = _(
                "%(value)s ligger utanför skalan för %(name)s (%(min)s–%(max)s)."
            ) % {"value": value, "name": dimension.name, "min": dimension.scale_min,
                 "max": dimension.scale_max}
            continue
        scores[dimension] = value
    unknown = {str(key) for key in data.scores} - {str(d.pk) for d in dimensions}
    if unknown:
        errors["version"] = _("Skattningar som inte hör till instrumentversionen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        view = participant_selectors.get_participant_for_user(
            user, data.participant_id, Purpose.FOLLOW_UP, action=AccessLogEntry.Action.CREATE)
        placed = participant_selectors.visible_placements(user).filter(
            participant=view.participant, partnership_id=data.partnership_id,
        ).exists()
        if not placed:
            raise ValidationError({"partnership": _(
                "Deltagaren har ingen placering i det partnerskapet som du kan se.")})
        assessment = Assessment.objects.create(
            municipality_id=municipality_id, participant=view.participant,
            partnership_id=data.partnership_id, version=version, date=data.date,
            stage=data.stage, assessed_by=user, assessor=data.assessor.strip(),
            comment=data.comment.strip(),
        )
        Score.objects.bulk_create(
            Score(assessment=assessment, dimension=dimension, value=value)
            for dimension, value in scores.items()
        )
        record(user, "impact.assessment.create", assessment,
               {"participant": view.participant.pk, "partnership": data.partnership_id,
                "version": version.pk, "stage": data.stage, "date": data.date.isoformat()})
    return assessment


# --- Financial proxies, SROI and the socio-economic account ---------------------------------


class EditConflict(Exception):
    """Someone else saved the object (a proxy, an SROI calculation, a socio-economic account)
    after the form was read: nothing was changed. CURRENT is the object as saved now."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("Någon annan har sparat ändringar medan du redigerade."))


ProxyConflict = EditConflict  # the name the proxy form's callers know


def _claim(model, pk, expected_version) -> None:
    """Raise the version of MODEL row PK, if it is still EXPECTED_VERSION (None: not checked);
    otherwise EditConflict with the row as saved now. Inside the caller's transaction."""
    rows = model.objects.filter(pk=pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) != 1:
        raise EditConflict(model.objects.get(pk=pk))



def save_proxy(user, *, name: str, amount, year: int, unit: str, source: str,
               note: str = "", proxy_id=None, expected_version: int | None = None
               ) -> FinancialProxy:
    """Create a proxy, or update the one named NAME; with PROXY_ID update that proxy (its name
    may change but not to another proxy's name). With EXPECTED_VERSION the update is made only
    if nobody has saved the proxy since (optimistic locking); otherwise ProxyConflict."""
    _check(user, policy.MANAGE_IMPACT)
    municipality_id = _municipality_id(user)
    existing = None
    if proxy_id is not None:
        existing = FinancialProxy.objects.filter(pk=proxy_id,
                                                 municipality_id=municipality_id).first()
        if existing is None:
            raise Http404
    errors = {}
    if not name.strip():
        errors["name"] = _("Ange ett namn.")
    try:
        amount = int(amount)
        if amount < 0:
            raise ValueError
    except (TypeError, ValueError):
        errors["amount"] = _("Ange beloppet i hela kronor, 0 eller mer.")
    if not source.strip():
        errors["source"] = _("Ange källan: en proxy utan källa kan inte granskas.")
    try:
        year = int(year)
        if not 1990 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = _("Ange prisåret, t.ex. 2024.")
    if not unit.strip():
        errors["unit"] = _("Ange enheten, t.ex. per person och år.")
    if existing is not None and name.strip() and FinancialProxy.objects.filter(
            municipality_id=municipality_id, name=name.strip()).exclude(pk=existing.pk).exists():
        errors["name"] = _("Det finns redan en proxy med det namnet.")
    if errors:
        raise ValidationError(errors)
    values = {"name": name.strip(), "amount": amount, "year": year, "unit": unit.strip(),
              "source": source.strip(), "note": note.strip()}
    with transaction.atomic():
        if existing is None:
            existing = FinancialProxy.objects.filter(municipality_id=municipality_id,
                                                     name=values["name"]).first()
            expected_version = None  # found by name: the form did not read a version
        created = existing is None
        if created:
            proxy = FinancialProxy.objects.create(municipality_id=municipality_id, **values)
            changes = values
        else:
            _claim(FinancialProxy, existing.pk, expected_version)
            FinancialProxy.objects.filter(pk=existing.pk).update(**values)
            proxy = FinancialProxy.objects.get(pk=existing.pk)
            changes = {name: value for name, value in values.items()
                       if getattr(existing, name) != value}
        record(user, f"impact.proxy.{'create' if created else 'update'}", proxy,
               {**changes, "version": proxy.version})
    return proxy


def _claim_year(model, partnership, year, expected_version) -> None:
    """Claim the lock of PARTNERSHIP's MODEL row for YEAR when there is one (see _claim)."""
    saved = model.objects.filter(partnership=partnership, year=year).first()
    if saved is not None:
        _claim(model, saved.pk, expected_version)


@dataclass
class OutcomeInput:
    stakeholder: str
    name: str
    indicator: str
    proxy_id: int
    duration: object
    quantity: object = None
    quantity_source: str = QuantitySource.MANUAL
    quantity_note: str = ""
    deadweight: object = 0
    displacement: object = 0
    attribution: object = 0
    drop_off: object = 0
    rationale: str = ""


def _outcome_fields(user, index: int, spec: OutcomeInput) -> dict:
    """Validated field values for one outcome; ValidationError keyed 'outcomes-N-field'."""
    prefix = f"outcomes-{index}-"
    values = {}
    for name in sroi.PERCENT_FIELDS:
        values[name] = _percent(getattr(spec, name), prefix + name)
    try:
        duration = int(str(spec.duration))
    except ValueError:
        raise ValidationError(
            {prefix + "duration": _("Ange varaktigheten i hela år.")}) from None
    if duration < 1 or duration > sroi.MAX_DURATION:
        raise ValidationError({prefix + "duration": _(
            "Varaktigheten måste vara mellan 1 och %(max)s år.") % {"max": sroi.MAX_DURATION}})
    values["duration"] = duration
    if spec.quantity_source not in QuantitySource.values:
        raise ValidationError({prefix + "quantity_source": _("Välj varifrån antalet kommer.")})
    quantity = None
    if spec.quantity not in (None, ""):
        quantity = _decimal(spec.quantity, prefix + "quantity")
        if quantity < 0:
            raise ValidationError({prefix + "quantity": _("Antalet kan inte vara negativt.")})
    if spec.quantity_source == QuantitySource.MANUAL and quantity is None:
        raise ValidationError({prefix + "quantity": _(
            "Ange antalet och dess källa, eller hämta det från uppföljningen.")})
    if spec.quantity_source == QuantitySource.MANUAL and not spec.quantity_note.strip():
        raise ValidationError({prefix + "quantity_note": _("Ange källan för antalet.")})
    proxy = FinancialProxy.objects.filter(
        pk=spec.proxy_id, municipality_id=_municipality_id(user)).first()
    if proxy is None:
        raise ValidationError({prefix + "proxy": _("Välj en proxy ur biblioteket.")})
    if not spec.name.strip() or not spec.indicator.strip():
        raise ValidationError({prefix + "name": _("Ange utfallet och dess indikator.")})
    values.update(
        stakeholder=spec.stakeholder.strip(), name=spec.name.strip(),
        indicator=spec.indicator.strip(), proxy=proxy, quantity=quantity,
        quantity_source=spec.quantity_source, quantity_note=spec.quantity_note.strip(),
        rationale=spec.rationale.strip(),
    )
    return values


def save_sroi_calculation(user, partnership_id, year: int, *, discount_rate, index_percent,
                          outcomes: list[OutcomeInput], description: str = "",
                          expected_version: int | None = None) -> SroiCalculation:
    """Create or replace the SROI calculation of a partnership and year, outcomes included.
    EXPECTED_VERSION is the version the form was read with (0: it found no calculation); if
    someone has saved the calculation since, EditConflict and nothing is saved."""
    _check(user, policy.MANAGE_IMPACT)
    partnership = _partnership(user, partnership_id)
    errors = {}

    def collect(function, *args):
        try:
            return function(*args)
        except ValidationError as error:
            errors.update(error.message_dict)
            return None

    rate = collect(_percent, discount_rate, "discount_rate")
    index = collect(_decimal, index_percent, "index_percent")
    if index is not None and not Decimal(-10) <= index <= Decimal(20):
        errors["index_percent"] = [_("Ange en årlig uppräkning mellan −10 och 20 %.")]
    if not outcomes:
        errors["outcomes"] = [_("Ange minst ett utfall.")]
    validated = [collect(_outcome_fields, user, i, spec) for i, spec in enumerate(outcomes)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _claim_year(SroiCalculation, partnership, year, expected_version)
        calculation, created = SroiCalculation.objects.update_or_create(
            partnership=partnership, year=year,
            defaults={"municipality_id": partnership.municipality_id, "discount_rate": rate,
                      "index_percent": index, "description": description},
        )
        calculation.outcomes.all().delete()
        for order, values in enumerate(validated):
            SroiOutcome.objects.create(calculation=calculation, order=order, **values)
        record(user, f"impact.sroi.{'create' if created else 'update'}", calculation, {
            "partnership": partnership.pk, "year": year, "discount_rate": str(rate),
            "index_percent": str(index), "outcomes": len(validated),
        })
    return calculation


def save_socioeconomic_account(user, partnership_id, year: int, *, actors: list[dict],
                               persons_source=QuantitySource.EXITS_WORK_OR_STUDIES,
                               persons=None, persons_note="", discount_rate=0, drop_off=0,
                               source="", expected_version: int | None = None
                               ) -> SocioeconomicAccount:
    """Create or replace the socio-economic account of a partnership and year; locked on
    EXPECTED_VERSION as save_sroi_calculation() is."""
    _check(user, policy.MANAGE_IMPACT)
    partnership = _partnership(user, partnership_id)
    rate = _percent(discount_rate, "discount_rate")
    drop = _percent(drop_off, "drop_off")
    if persons_source not in QuantitySource.values:
        raise ValidationError({"persons_source": _("Välj varifrån antalet kommer.")})
    if persons_source == QuantitySource.MANUAL:
        if persons is None or int(persons) < 0:
            raise ValidationError({"persons": _("Ange antalet personer, 0 eller fler.")})
        if not persons_note.strip():
            raise ValidationError({"persons_note": _("Ange källan för antalet.")})
    if not actors:
        raise ValidationError({"actors": _("Ange minst en aktör.")})
    for i, actor in enumerate(actors):
        try:
            socioeconomic.account([socioeconomic.ActorCost(
                actor["actor"], int(actor["exclusion_cost"]), int(actor.get("after_cost", 0)))],
                persons=0, investment=0)
        except (socioeconomic.AccountInputError, ValueError, TypeError):
            raise ValidationError({f"actors-{i}-exclusion_cost": _(
                "Ange kostnaden i hela kronor, 0 eller mer.")}) from None
    with transaction.atomic():
        _claim_year(SocioeconomicAccount, partnership, year, expected_version)
        account, created = SocioeconomicAccount.objects.update_or_create(
            partnership=partnership, year=year,
            defaults={"municipality_id": partnership.municipality_id,
                      "persons_source": persons_source, "persons": persons,
                      "persons_note": persons_note, "discount_rate": rate, "drop_off": drop,
                      "source": source},
        )
        account.actor_costs.all().delete()
        for order, actor in enumerate(actors):
            ActorCostLine.objects.create(
                account=account, order=order, actor=actor["actor"],
                exclusion_cost=int(actor["exclusion_cost"]),
                after_cost=int(actor.get("after_cost", 0)),
                municipal=bool(actor.get("municipal", False)), source=actor.get("source", ""),
            )
        record(user, f"impact.socioeconomic.{'create' if created else 'update'}", account,
               {"partnership": partnership.pk, "year": year, "actors": len(actors)})
    return account
