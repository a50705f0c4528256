import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backend.people.models import Household, ImportBatch, Person

GOOD = """gospodarstwo;imie;nazwisko;data_urodzenia;pesel;pokrewienstwo;telefon;zgoda_sms;ulica;nr_domu;nr_mieszkania;kod_pocztowy;miejscowosc;ogrzewanie
A;Jan;Wróbel;14.05.1944;44051401359;głowa;601 234 567;tak;ul. Pomorska;5;1;90-001;Łódź;węgiel
A;Ola;Wróbel;01.02.2016;;dziecko;;;ul. Pomorska;5;1;90-001;Łódź;węgiel
B;Ewa;Mazur;;;;609 111 222;nie;ul. Gdańska;7;;90-002;Łódź;gaz
C;Zła;Osoba;;44051401358;;;;;;;;Łódź;
D;Bez;Miasta;;;;;;;;;;;
E;Zły;Telefon;;;;123;;ul. X;1;;;Łódź;
"""


def _upload(client, site, content, name="lista.csv", encoding="utf-8"):
    return client.post(reverse("people:import_upload"), {
        "file": SimpleUploadedFile(name, content.encode(encoding), content_type="text/csv"),
        "site": site.pk})


@pytest.mark.django_db
def test_preview_reports_each_bad_row_and_saves_nothing(client_for, site):
    client = client_for("coordinator")
    response = _upload(client, site, GOOD)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    preview = client.get(reverse("people:import_preview", args=[batch.pk])).content.decode()
    assert "3" in preview and Household.objects.count() == 0
    errors = {row.line: row.errors for row in batch.rows.all()}
    assert errors[2] == [] and errors[3] == [] and errors[4] == []
    assert errors[5] and errors[6] and errors[7]
    bad = client.get(reverse("people:import_bad_rows", args=[batch.pk])).content.decode("utf-8-sig")
    assert "Osoba" in bad and "Wróbel" not in bad


@pytest.mark.django_db
def test_confirm_imports_valid_rows_grouped_into_households(client_for, site):
    client = client_for("coordinator")
    _upload(client, site, GOOD)
    batch = ImportBatch.objects.get()
    client.post(reverse("people:import_preview", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == "done"
    assert (batch.imported_households, batch.imported_persons) == (2, 3)
    wrobel = Household.objects.get(display_name="Wróbel Jan")
    assert wrobel.member_count == 2 and wrobel.heating_type == "coal"
    assert Person.objects.get(first_name="Ola").relation == "child"
    # confirming twice imports nothing more
    client.post(reverse("people:import_preview", args=[batch.pk]), {"action": "confirm"})
    assert Household.objects.count() == 2


@pytest.mark.django_db
def test_duplicates_of_existing_people_are_reported(client_for, site, make_household):
    make_household("Wróbel", pesel="44051401359")
    client = client_for("coordinator")
    _upload(client, site, GOOD)
    row = ImportBatch.objects.get().rows.get(line=2)
    assert any("duplikat" in e.lower() or "duplicate" in e.lower() for e in row.errors)


@pytest.mark.django_db
def test_windows_1250_and_missing_columns(client_for, site):
    client = client_for("coordinator")
    _upload(client, site, "imie,nazwisko,miejscowosc\nŁucja,Żak,Łódź\n", encoding="cp1250")
    batch = ImportBatch.objects.get()
    assert batch.rows.get().values["last_name"] == "Żak"
    _upload(client, site, "imie;cos\nJan;x\n")
    assert ImportBatch.objects.first().report["fatal"]


@pytest.mark.django_db
def test_import_is_refused_to_social_worker(client_for, site):
    assert client_for("social_worker").get(reverse("people:import_upload")).status_code == 403
