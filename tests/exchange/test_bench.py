import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_bench_exchange_prints_json_figures(capsys):
    call_command("bench", "exchange", "--requests", "200", "--repeat", "2", "--in-place")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()
             if line.startswith("{")]
    assert {line["benchmark"] for line in lines} == {
        "exchange.offer_suggestions", "exchange.waiting_list", "exchange.demand"}
    assert all(line["requests"] == 200 and line["median_ms"] > 0 for line in lines)
