import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_bench_stock_prints_figures(capsys):
    call_command("bench", "stock", "--ledger-small", "50", "--ledger-large", "200", "--lots",
                 "10", "--labels", "30", "--repeat", "2", "--in-place")
    lines = {row["benchmark"]: row for row in (
        json.loads(line) for line in capsys.readouterr().out.splitlines()
        if line.startswith("{"))}
    assert {"stock.balance_read", "stock.scan_resolve", "stock.scan_move", "stock.labels_pdf",
            "stock.stock_check"} <= set(lines)
    assert lines["stock.balance_read"]["queries"] == 1
    assert lines["stock.labels_pdf"]["labels"] == 30
    assert lines["stock.stock_check"]["mismatches"] == 0
