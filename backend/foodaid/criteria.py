"""The social-assistance income criteria in force (rozporządzenia Rady Ministrów): statutory,
so seeded by migration 0002 — and re-seeded where a flushed database lost them (tests that
flush tables, a demo on an emptied database)."""

from decimal import Decimal

CRITERIA = [("2018-10-01", "701", "528"), ("2022-01-01", "776", "600"),
            ("2025-01-01", "1010", "823")]


def seed(criterion_model) -> None:
    for day, single, per_person in CRITERIA:
        criterion_model.objects.get_or_create(effective_from=day, defaults={
            "single": Decimal(single), "per_person": Decimal(per_person)})
