"""A report as tables (issue #16 items 4-6, 12): each table is what the page shows,
what CSV/XLSX export and what the API answers, so the three never disagree."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backend.inventory.models import Item
from backend.people.models import Donor

from . import figures
from .figures import Scope

TABLES = {
    "reach": gettext_lazy("Households and persons reached"),
    "monthly": gettext_lazy("Month by month"),
    "distributed": gettext_lazy("Distributed, collected and written off per item"),
    "donors": gettext_lazy("Collected by donor type"),
    "sms": gettext_lazy("SMS sent and their cost"),
    "volunteers": gettext_lazy("Volunteer hours"),
}


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Stable names of the rows where the first cell is a translated label (API clients).
    row_keys: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "columns": self.columns,
                "rows": [[_plain(v) for v in row] for row in self.rows],
                "row_keys": self.row_keys}


def _plain(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def _unit(code: str) -> str:
    return str(dict(Item.Unit.choices).get(code, code))


def reach_table(s: Scope) -> Table:
    h, p = figures.reached(s)
    keys = ["households", "persons", "age_0_15", "age_16_64", "age_65", "age_unknown",
            "women", "men", "sex_unknown", "homeless", "disabled", "migrants",
            "large_families"]
    rows = [[_("households"), h["households"]],
            [_("persons"), p["persons"]],
            [_("aged 15 or less"), p["age_0_15"]],
            [_("aged 16 to 64"), p["age_16_64"]],
            [_("aged 65 or more"), p["age_65"]],
            [_("age not known"), p["age_unknown"]],
            [_("women"), p["women"]],
            [_("men"), p["men"]],
            [_("sex not known (no PESEL)"), p["persons"] - p["women"] - p["men"]],
            [_("households in homelessness"), h["homeless"]],
            [_("persons with disability"), p["disabled"]],
            [_("migrant households"), h["migrants"]],
            [_("large families"), h["large_families"]]]
    return Table("reach", str(TABLES["reach"]), [_("Group"), _("How many")], rows, keys)


def build(s: Scope, only: str | None = None) -> dict[str, Table]:
    """Every table of the report (or only one), each from a fixed number of queries."""
    wanted = [only] if only else list(TABLES)
    tables: dict[str, Table] = {}
    ledger = figures.ledger(s) if {"monthly", "distributed"} & set(wanted) else []
    sms = figures.sms(s) if {"monthly", "sms"} & set(wanted) else None
    if "reach" in wanted:
        tables["reach"] = reach_table(s)
    if "monthly" in wanted:
        tables["monthly"] = monthly_table(s, ledger, sms)
    if "distributed" in wanted:
        tables["distributed"] = items_table(s, ledger)
    if "donors" in wanted:
        tables["donors"] = donors_table(s)
    if "sms" in wanted:
        tables["sms"] = sms_table(s, sms)
    if "volunteers" in wanted:
        tables["volunteers"] = volunteers_table(s)
    return tables


def monthly_table(s: Scope, ledger: list[dict], sms: dict) -> Table:
    reach = figures.monthly_reach(s)
    kg_in: dict = {}
    kg_out: dict = {}
    for row in ledger:
        if row["lot__item__unit"] != Item.Unit.KG:
            continue
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        target = kg_in if row["kind"] == figures.K.RECEIVE else \
            kg_out if row["kind"] == figures.K.ISSUE else None
        if target is not None:
            target[month] = target.get(month, 0) + row["quantity"]
    rows = []
    for month in s.span.months():
        count, segments = sms["monthly"].get(month, (0, 0))
        rows.append([f"{month:%m.%Y}", reach.get(month, 0), kg_in.get(month, Decimal(0)),
                     kg_out.get(month, Decimal(0)), count,
                     (sms["price"] * segments).quantize(Decimal("0.01"))])
    return Table("monthly", str(TABLES["monthly"]),
                 [_("Month"), _("Households reached"), _("Collected (kg)"),
                  _("Distributed (kg)"), _("SMS sent"), _("SMS cost (PLN)")], rows)


def items_table(s: Scope, ledger: list[dict]) -> Table:
    per_item: dict[int, dict] = {}
    for row in ledger:
        entry = per_item.setdefault(row["lot__item_id"], {
            "name": row["lot__item__name"], "unit": row["lot__item__unit"],
            figures.K.RECEIVE: Decimal(0), figures.K.ISSUE: Decimal(0),
            figures.K.WRITE_OFF: Decimal(0)})
        entry[row["kind"]] += row["quantity"]
    left = figures.stock_left(s) if s.family in ("", "drives") else {}
    for item_id, info in left.items():
        if item_id not in per_item and info["left"]:
            per_item[item_id] = {"name": info["name"], "unit": info["unit"],
                                 figures.K.RECEIVE: Decimal(0), figures.K.ISSUE: Decimal(0),
                                 figures.K.WRITE_OFF: Decimal(0)}
    rows = sorted(([e["name"], _unit(e["unit"]), e[figures.K.RECEIVE], e[figures.K.ISSUE],
                    e[figures.K.WRITE_OFF],
                    left[i]["left"] if i in left else "—"]
                   for i, e in per_item.items()), key=lambda r: r[0])
    return Table("distributed", str(TABLES["distributed"]),
                 [_("Item"), _("Unit"), _("Collected"), _("Distributed"), _("Written off"),
                  _("Left at the end")], rows)


def donors_table(s: Scope) -> Table:
    kinds = dict(Donor.Kind.choices)
    rows = [[str(kinds.get(r["donation__donor__kind"], _("anonymous"))),
             _unit(r["item__unit"]), r["donations"], r["quantity"]]
            for r in figures.collected(s)]
    rows.sort(key=lambda r: (r[0], r[1]))
    return Table("donors", str(TABLES["donors"]),
                 [_("Donor type"), _("Unit"), _("Donations"), _("Quantity")], rows)


def sms_table(s: Scope, sms: dict) -> Table:
    count = sum(n for n, _seg in sms["monthly"].values())
    segments = sum(seg for _n, seg in sms["monthly"].values())
    cost = (sms["price"] * segments).quantize(Decimal("0.01"))
    return Table("sms", str(TABLES["sms"]), [_("Figure"), _("Value")],
                 [[_("messages sent"), count], [_("segments"), segments],
                  [_("price per segment (PLN)"), sms["price"]], [_("cost (PLN)"), cost]],
                 ["messages", "segments", "price", "cost"])


def volunteers_table(s: Scope) -> Table:
    rows = [[r["shift__site__name"] or _("whole centre"), r["people"], r["shifts"],
             (Decimal(r["minutes"]) / 60).quantize(Decimal("0.1"))]
            for r in figures.volunteer_hours(s)]
    return Table("volunteers", str(TABLES["volunteers"]),
                 [_("Site"), _("Volunteers"), _("Shifts"), _("Hours")], rows)
