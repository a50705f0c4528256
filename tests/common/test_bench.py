import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_bench_people_prints_json_figures(capsys):
    call_command("bench", "people", "--households", "300", "--repeat", "3", "--in-place")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()
             if line.startswith("{")]
    names = {line["benchmark"] for line in lines}
    assert {"people.household_list", "people.search"} <= names
    for line in lines:
        assert line["households"] == 300
        assert line["queries"]["25"] == line["queries"]["100"]
        assert line["median_ms"]["25"] > 0


@pytest.mark.django_db
def test_demo_data_of_every_module_loads_twice_without_duplicates():
    from django.apps import apps

    from backend.common.demo import load_all

    def counts():
        return {m._meta.label: m.objects.count() for m in apps.get_models()
                if m.__module__.startswith("backend.") and m._meta.managed  # tables only
                and m._meta.label not in ("accounts.AuditEntry",)}

    load_all()
    first = counts()
    load_all()
    assert counts() == first
    assert first["people.Household"] > 0 and first["inventory.Item"] > 0
