import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_bench_drives_prints_figures(capsys):
    call_command("bench", "drives", "--households", "120", "--pdf-rows", "40", "--in-place")
    lines = {row["benchmark"]: row for row in (
        json.loads(line) for line in capsys.readouterr().out.splitlines()
        if line.startswith("{"))}
    assert lines["drives.allocate"]["allocations"] == 120
    assert lines["drives.assign_and_notify"]["assigned"] == 120
    assert lines["drives.distribution_list_pdf"]["rows"] == 40
