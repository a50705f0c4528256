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
