"""Collective referral lists from CSV: all rows or none; each row checked like a referral
typed by hand; the statement date recorded."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backend.foodaid import imports
from backend.foodaid.models import Referral

HEADER = ("nr skierowania;pesel;data;kobiety;mężczyźni;do 15;65+;dochód na osobę;przyczyny;"
          "grupy;oświadczenie\n")


def _people(make_household, pesel):
    return [make_household(f"Nowak{i}", "Anna", pesel=pesel(dt.date(1960, 1, 1 + i)))
            for i in range(3)]


def test_a_list_with_one_bad_row_imports_nothing_and_says_why(make_household, pesel,
                                                              coordinator, programmes):
    people = _people(make_household, pesel)
    day = dt.date.today().strftime("%d.%m.%Y")
    p = [h.members.first().pesel for h in people]
    text = HEADER + (f"L/1;{p[0]};{day};1;1;0;0;1200,00;ubóstwo, bezrobocie;;{day}\n"
                     f"L/2;{p[1]};{day};1;0;0;1;3000,00;choroba;bezdomni;\n"
                     f"L/3;99999999999;{day};1;0;0;0;100;ubóstwo;;\n")
    report = imports.run(coordinator, text, programmes["new"], "MOPS Łódź")
    assert report.imported == 0 and not Referral.objects.exists()
    errors = {row.line: row.errors for row in report.errors}
    assert set(errors) == {3, 4}
    assert "2\xa0676,50 zł" in errors[3][0]  # alone: 1010 zł × 265 %
    assert "PESEL" in errors[4][0]


def test_a_correct_list_is_imported_with_statements(client, make_household, pesel,
                                                    coordinator, programmes):
    people = _people(make_household, pesel)
    day = dt.date.today()
    p = [h.members.first().pesel for h in people]
    text = HEADER + "".join(
        f"Z/{i};{p[i]};{day:%d.%m.%Y};2;1;1;0;900;ubóstwo|wielodzietność;wielodzietni;"
        f"{day:%d.%m.%Y}\n" for i in range(3))
    client.force_login(coordinator)
    response = client.post(reverse("foodaid:import"), {
        "subprogramme": programmes["new"].pk, "issuing_centre": "MOPS Łódź",
        "file": SimpleUploadedFile("lista.csv", text.encode("cp1250"))})
    assert response.status_code == 302
    rows = list(Referral.objects.order_by("number"))
    assert [r.number for r in rows] == ["Z/0", "Z/1", "Z/2"]
    assert all(r.statement_on == day and r.persons == 3 and r.eligible for r in rows)
    assert rows[0].reasons == ["maternity", "poverty"]
    assert rows[0].target_groups == ["large_family"]
    assert rows[0].valid_until == programmes["new"].ends_on


@pytest.mark.parametrize(("content", "encoding", "says"), [
    (HEADER + "L/1;1234\x00;01.01.2026;1;1;0;0;100;ubóstwo;;\n", "utf-8", "PESEL"),
    (HEADER + "L/1;1234;01.01.2026;1;1;0;0;100;ubóstwo;;\n", "utf-16",
     "PESEL"),
    (HEADER + "L/1;" + "x" * (130 * 1024) + ";01.01.2026;1;1;0;0;100;ubóstwo;;\n", "utf-8",
     "Wiersza 2 nie"),
    ("\x00\x00\x00", "utf-8", ""),
])
def test_odd_files_get_a_message_never_a_500(client, coordinator, programmes, content,
                                             encoding, says):
    """Issue 9 §5 for the second CSV import: NUL bytes, UTF-16, a field over 128 KiB."""
    client.force_login(coordinator)
    client.raise_request_exception = False
    response = client.post(reverse("foodaid:import"), {
        "subprogramme": programmes["new"].pk, "issuing_centre": "MOPS Łódź",
        "file": SimpleUploadedFile("lista.csv", content.encode(encoding))})
    assert response.status_code == 200, response.status_code
    assert says in response.content.decode()
    assert not Referral.objects.exists()
