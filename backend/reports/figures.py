"""The queries behind the reports: a fixed number per report, each an aggregate in the
database (GROUP BY), so the cost does not grow with the rows shown (issue #16 item 7).

Site scope (accounts.scope) and the chosen site narrow every query; the programme picks
the sources: drives (hand-overs of enrolments), exchange (equipment handed over to a
household), events and camps (check-ins of participants: both run on the same Participant
engine, told apart by the owner of the distribution), volunteers (hours).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q, Sum
from django.db.models.functions import Cast, Substr, TruncMonth

from backend.accounts import scope
from backend.camps.models import Camp
from backend.common.collation import polish
from backend.distribution.models import HandOver
from backend.distribution.participant_models import Participant
from backend.donations.models import DonationLine
from backend.events.models import Event
from backend.exchange.models import Match
from backend.inventory.models import Balance, Movement
from backend.notifications import encoding
from backend.notifications.models import OutboxMessage
from backend.people.models import Household, Person
from backend.volunteers.models import ShiftSignup

from .period import Period, years_ago

# Target groups: household flags (people.HouseholdFlag codes); disability is per person.
TARGET_FLAGS = {"homeless": "homeless", "migrants": "refugee", "large_families": "large-family"}
SENT = [OutboxMessage.Status.SENT, OutboxMessage.Status.DELIVERED,
        OutboxMessage.Status.UNDELIVERED, OutboxMessage.Status.UNKNOWN]
K = Movement.Kind
# Programmes whose participants are persons (the one who came counts, not the household),
# each the owner of its distributions.
PARTICIPANT_OWNERS = {"events": Event, "camps": Camp}


@dataclass(frozen=True)
class Scope:
    """Who asks (site scope), for when, about which programme and site."""
    user: object
    span: Period
    programme: str = ""
    site_id: int | None = None

    @property
    def family(self) -> str:
        return self.programme.split(":", 1)[0]

    @property
    def drive_kind(self) -> str:
        return self.programme.split(":", 1)[1] if ":" in self.programme else ""

    def wants(self, family: str) -> bool:
        return self.family in ("", family)

    def sites(self, queryset, *paths: str, include_unsited: bool = False):
        queryset = scope.restrict(queryset, self.user, *paths, include_unsited=include_unsited)
        if self.site_id:
            condition = Q(pk__in=[])
            for path in paths:
                condition |= Q(**{path: self.site_id})
            queryset = queryset.filter(condition)
        return queryset


def _handovers(s: Scope):
    """Hand-overs in the period. Every enrolment belongs to a drive (events and camps use
    participants, docs/decisions/0033), so only a drive kind needs the join; the household
    is read from the hand-over itself (docs/decisions/0145)."""
    qs = HandOver.objects.filter(at__gte=s.span.start_at, at__lt=s.span.end_before)
    if s.drive_kind:
        qs = qs.filter(enrolment__distribution__drive__kind=s.drive_kind)
    return s.sites(qs, "household__site")


def _owned(s: Scope, path: str = "distribution_id") -> Q | None:
    """The participants' programmes asked for: None when none is, an empty Q for all
    (no programme chosen), else the distributions owned by an Event or by a Camp (a
    semi-join on the owner's unique distribution column)."""
    if s.family == "":
        return Q()
    owner = PARTICIPANT_OWNERS.get(s.family)
    if owner is None:
        return None
    return Q(**{f"{path}__in": owner.objects.values("distribution_id")})


def _checkins(s: Scope):
    """Check-ins in the period of the participants' programme asked for (None: not asked)."""
    owned = _owned(s)
    if owned is None:
        return None
    qs = Participant.objects.filter(owned, checked_in_at__gte=s.span.start_at,
                                    checked_in_at__lt=s.span.end_before)
    return s.sites(qs, "household__site", "person__household__site")


def _exchange(s: Scope):
    """Equipment handed over to a household in the period (the match records the day; the
    request is fulfilled with it)."""
    qs = Match.objects.filter(status=Match.Status.COMPLETED, handed_over_at__gte=s.span.start_at,
                              handed_over_at__lt=s.span.end_before)
    return s.sites(qs, "request__household__site")


def _participant_refs(s: Scope):
    """Ids (as the ledger's and the outbox's text refs) of the participants of the chosen
    events or camps: the participant content type is shared by both owners."""
    return Participant.objects.filter(_owned(s)).annotate(
        ref=Cast("pk", CharField())).values("ref")


def _or(parts: list[Q]) -> Q:
    condition = Q(pk__in=[])
    for part in parts:
        condition |= part
    return condition


def reached(s: Scope) -> tuple[dict, dict]:
    """Unique households and persons reached: by a drive's hand-over or the exchange's
    (a household gets the aid, so every member counts), or a check-in at an event or a
    camp (the household it was made for, and the person who came)."""
    whole, parts_h, parts_p = [], [], []
    if s.wants("drives"):
        whole.append(Q(pk__in=_handovers(s).values("household_id")))
    if s.wants("exchange"):
        whole.append(Q(pk__in=_exchange(s).values("request__household_id")))
    checkins = _checkins(s)
    if checkins is not None:
        parts_h.append(Q(pk__in=checkins.filter(household__isnull=False)
                         .values("household_id")))
        parts_p.append(Q(pk__in=checkins.filter(person__isnull=False).values("person_id")))
    if not whole and not parts_h:
        return _household_row(Household.objects.none()), \
            _person_row(Person.objects.none(), s.span)
    households = Household.objects.filter(_or(whole + parts_h))
    if whole:
        parts_p.append(Q(household__in=Household.objects.filter(_or(whole))))
    persons = Person.objects.filter(_or(parts_p))
    return _household_row(households), _person_row(persons, s.span)


def _household_row(households) -> dict:
    """The count and the target groups: one pass over the flags' link table (an EXISTS
    per household and flag was the slowest query of the report)."""
    row = {"households": households.count(), **{key: 0 for key in TARGET_FLAGS}}
    codes = {code: key for key, code in TARGET_FLAGS.items()}
    links = Household.flags.through.objects.filter(
        household_id__in=households.values("pk"), householdflag__code__in=list(codes))
    for code, n in links.values_list("householdflag__code").annotate(
            n=Count("household_id", distinct=True)).order_by():
        row[codes[code]] = n
    return row


def _person_row(persons, span: Period) -> dict:
    young, old = years_ago(span.end, 16), years_ago(span.end, 65)
    # Sex from the PESEL (10th digit: odd a man, even a woman); no PESEL: not known.
    digit = Substr("pesel", 10, 1)
    return persons.annotate(sex_digit=digit).aggregate(
        persons=Count("pk"),
        age_0_15=Count("pk", filter=Q(birth_date__gt=young)),
        age_16_64=Count("pk", filter=Q(birth_date__lte=young, birth_date__gt=old)),
        age_65=Count("pk", filter=Q(birth_date__lte=old)),
        age_unknown=Count("pk", filter=Q(birth_date__isnull=True)),
        women=Count("pk", filter=Q(sex_digit__in=["0", "2", "4", "6", "8"])),
        men=Count("pk", filter=Q(sex_digit__in=["1", "3", "5", "7", "9"])),
        disabled=Count("pk", filter=Q(is_disabled=True)))


def monthly_reach(s: Scope) -> dict:
    """Households reached per month (a household reached twice in a month counts once;
    a household reached by two programmes in the same month counts in each)."""
    sources = []
    if s.wants("drives"):
        sources.append((_handovers(s), "at", "household_id"))
    if s.wants("exchange"):
        sources.append((_exchange(s), "handed_over_at", "request__household_id"))
    checkins = _checkins(s)
    if checkins is not None:
        sources.append((checkins.filter(household__isnull=False), "checked_in_at",
                        "household_id"))
    result: dict = {}
    for qs, when, household in sources:
        for row in qs.annotate(month=TruncMonth(when)).values("month").annotate(
                n=Count(household, distinct=True)).order_by():
            key = row["month"].date() if hasattr(row["month"], "date") else row["month"]
            result[key] = result.get(key, 0) + row["n"]
    return result


def _issue_refs(s: Scope) -> list[int] | None:
    """Content types of the business objects whose issues count as given out by the
    programme. Packing (ref: a lot) moves goods into a parcel and is never counted."""
    models = {"drives": [("distribution", "allocation"), ("distribution", "handover"),
                         ("distribution", "enrolment")],
              "events": [("distribution", "participant")],
              "camps": [("distribution", "participant")],
              "exchange": [("exchange", "match")]}
    if s.family == "volunteers":
        return []
    wanted = [pair for family, pairs in models.items() if s.wants(family) for pair in pairs]
    if not s.family:
        return None
    return [ContentType.objects.get_by_natural_key(a, m).pk for a, m in wanted]


def ledger(s: Scope) -> list[dict]:
    """One scan of the period's ledger: received, issued and written off per month and
    item (rows: kind, month, item, unit, quantity)."""
    qs = Movement.objects.filter(at__gte=s.span.start_at, at__lt=s.span.end_before,
                                 kind__in=[K.RECEIVE, K.ISSUE, K.WRITE_OFF])
    packing = ContentType.objects.get_by_natural_key("inventory", "lot").pk
    qs = qs.exclude(kind=K.ISSUE, ref_type_id=packing)
    refs = _issue_refs(s)
    if refs is not None:
        qs = qs.filter(kind=K.ISSUE, ref_type_id__in=refs)
        if s.family in PARTICIPANT_OWNERS:
            qs = qs.filter(ref_id__in=_participant_refs(s))
    qs = s.sites(qs, "to_location__site", "from_location__site")
    return list(qs.annotate(month=TruncMonth("at")).values(
        "kind", "month", "lot__item_id", "lot__item__name", "lot__item__unit").annotate(
        quantity=Sum("quantity")).order_by())


def stock_left(s: Scope) -> dict[int, dict]:
    """What was left per item at the end of the period: today's balance minus what
    moved in or out since (only the rows after the period are read)."""
    balances = s.sites(Balance.objects.all(), "location__site")
    left = {r["lot__item_id"]: {"name": r["lot__item__name"], "unit": r["lot__item__unit"],
                                "left": r["q"] or Decimal(0)}
            for r in balances.values("lot__item_id", "lot__item__name", "lot__item__unit")
            .annotate(q=Sum("quantity")).order_by()}
    later = Movement.objects.filter(at__gte=s.span.end_before)
    sign_in = later.filter(kind__in=[K.RECEIVE, K.RETURN, K.MOVE, K.ADJUST])
    sign_out = later.filter(kind__in=[K.ISSUE, K.WRITE_OFF, K.MOVE])
    for rows, sign in ((s.sites(sign_in, "to_location__site"), -1),
                       (s.sites(sign_out, "from_location__site"), 1)):
        for r in rows.values("lot__item_id", "lot__item__name", "lot__item__unit").annotate(
                q=Sum("quantity")).order_by():
            entry = left.setdefault(r["lot__item_id"], {
                "name": r["lot__item__name"], "unit": r["lot__item__unit"],
                "left": Decimal(0)})
            entry["left"] += sign * (r["q"] or 0)
    return left


def collected(s: Scope) -> list[dict]:
    """Donations received in the period by donor kind and unit."""
    if s.family not in ("", "drives"):
        return []
    qs = DonationLine.objects.filter(donation__date__gte=s.span.start,
                                     donation__date__lte=s.span.end)
    if s.family == "drives":
        from backend.drives.models import Drive

        drives = Drive.objects.all()
        if s.drive_kind:
            drives = drives.filter(kind=s.drive_kind)
        qs = qs.filter(donation__drive_id__in=drives.values("pk"))
    qs = s.sites(qs, "donation__site")
    return list(qs.values("donation__donor__kind", "item__unit").annotate(
        donations=Count("donation_id", distinct=True), quantity=Sum("quantity")).order_by())


def sms(s: Scope) -> dict:
    qs = OutboxMessage.objects.filter(sent_at__gte=s.span.start_at,
                                      sent_at__lt=s.span.end_before, status__in=SENT)
    participant = Q(content_type__app_label="distribution", content_type__model="participant")
    apps = {"drives": Q(content_type__app_label__in=["distribution", "drives"])
            & ~Q(content_type__model="participant"),
            "events": Q(content_type__app_label="events"),
            "camps": Q(content_type__app_label="camps"),
            "exchange": Q(content_type__app_label="exchange"),
            "volunteers": Q(content_type__app_label="volunteers")}
    if s.family in PARTICIPANT_OWNERS:  # the notices about a participant: by its owner
        qs = qs.filter(apps[s.family] | (participant
                                         & Q(object_id__in=_participant_refs(s))))
    elif s.family:
        qs = qs.filter(apps[s.family])
    qs = s.sites(qs, "person__household__site")
    monthly = {}
    for row in qs.annotate(month=TruncMonth("sent_at")).values("month").annotate(
            n=Count("pk"), segments=Sum("segments")).order_by():
        key = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        monthly[key] = (row["n"], row["segments"] or 0)
    price = encoding.price_per_segment()
    return {"monthly": monthly, "price": price}


def volunteer_hours(s: Scope) -> list[dict]:
    qs = ShiftSignup.objects.filter(shift__starts_at__gte=s.span.start_at,
                                    shift__starts_at__lt=s.span.end_before,
                                    minutes__isnull=False)
    if s.family == "drives":
        qs = qs.filter(shift__drive__isnull=False)
        if s.drive_kind:
            qs = qs.filter(shift__drive__kind=s.drive_kind)
    elif s.family in PARTICIPANT_OWNERS:
        qs = qs.filter(shift__content_type__app_label=s.family)
    elif s.family == "exchange":
        return []
    qs = s.sites(qs, "shift__site", include_unsited=True)
    return list(qs.values("shift__site__name").annotate(
        minutes=Sum("minutes"), people=Count("volunteer_id", distinct=True),
        shifts=Count("shift_id", distinct=True)).order_by(polish("shift__site__name")))
