"""The household import as background tasks (issue #9 §8): chunks, progress, one bad line
reported by its number, the uploaded file deleted once imported. Tasks run on the
immediate backend here (behaviour); `manage.py bench people --import-rows 50000` times it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backend.people import imports
from backend.people.models import Household, ImportBatch, ImportRow, Person

HEADER = "gospodarstwo;imie;nazwisko;pesel;telefon;ulica;nr_domu;miejscowosc\n"


def _csv(n: int, start: int = 0) -> str:
    return HEADER + "".join(
        f"H{i};Jan;Kowal{i};;;ul. Długa;{i};Łódź\n" for i in range(start, start + n))


def _upload(client, site, content, name="lista.csv"):
    return client.post(reverse("people:import_upload"), {
        "file": SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv"),
        "site": site.pk})


@pytest.mark.django_db
def test_one_irregular_line_is_reported_by_number_and_the_rest_imports(client_for, site,
                                                                      monkeypatch):
    monkeypatch.setattr(imports, "CHECK_CHUNK", 7)  # several chunks
    monkeypatch.setattr(imports, "IMPORT_CHUNK", 3)
    lines = _csv(30).splitlines(keepends=True)
    # line 12 of the file: a separator too many inside the address (wrong column count);
    # a comma-separated sniffer used to misread such files as a single column.
    lines[11] = "H10;Jan;Kowal10;;;ul. Długa; 5, m. 3;10;Łódź\n"
    client = client_for("coordinator")
    assert _upload(client, site, "".join(lines)).status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.status == "preview" and not batch.report["fatal"]
    assert (batch.valid_rows, batch.error_rows) == (29, 1)
    bad = batch.rows.get(ok=False)
    assert bad.line == 12 and "12" in bad.errors[0] and "9" in bad.errors[0]
    page = client.get(reverse("people:import_preview", args=[batch.pk])).content.decode()
    assert "Kowal10" in page and "29" in page

    response = client.post(reverse("people:import_preview", args=[batch.pk]),
                           {"action": "confirm"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "done"
    assert (batch.imported_households, batch.imported_persons) == (29, 29)
    assert Household.objects.count() == 29 and not Person.objects.filter(last_name="Kowal10")
    # the uploaded file is deleted; imported rows keep only their line and household
    assert batch.content == "" and batch.file_deleted_at is not None
    assert not ImportRow.objects.filter(household__isnull=False).exclude(raw=[])
    assert ImportRow.objects.filter(household__isnull=False).count() == 29
    # the bad line stays downloadable, with its number
    bad_csv = client.get(reverse("people:import_bad_rows", args=[batch.pk])).content.decode(
        "utf-8-sig")
    assert "Kowal10" in bad_csv and "12" in bad_csv and "Kowal11" not in bad_csv


@pytest.mark.django_db
def test_progress_is_polled_while_running_and_reloads_when_done(client_for, site, coordinator):
    batch = ImportBatch.objects.create(created_by=coordinator, site=site, file_name="x.csv",
                                       content=_csv(10), status="parsing", total_rows=10,
                                       checked_rows=4)
    client = client_for("coordinator")
    client.force_login(coordinator)
    page = client.get(reverse("people:import_preview", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="40"' in page
    partial = client.get(reverse("people:import_progress", args=[batch.pk]))
    assert partial.status_code == 200 and "HX-Refresh" not in partial
    imports.check(batch.pk)
    partial = client.get(reverse("people:import_progress", args=[batch.pk]))
    assert partial["HX-Refresh"] == "true"
    # another coordinator's batch is not theirs to watch
    other = client_for("coordinator")
    assert other.get(reverse("people:import_progress", args=[batch.pk])).status_code == 404


@pytest.mark.django_db
def test_a_retried_task_imports_nothing_twice(site, coordinator, monkeypatch):
    monkeypatch.setattr(imports, "IMPORT_CHUNK", 4)
    batch = imports.create_batch(coordinator, file_name="x.csv", content=_csv(10), site=site)
    imports.check(batch.pk)  # a second delivery of the check task: nothing changes
    batch.refresh_from_db()
    assert batch.rows.count() == 10 and batch.status == "preview"
    assert imports.start_import(coordinator, batch)
    assert not imports.start_import(coordinator, batch)  # a double click queues nothing
    imports.run(batch.pk)
    assert Household.objects.count() == 10

    # A worker died after the first chunk: the run resumes where the links stop.
    again = imports.create_batch(coordinator, file_name="y.csv", content=_csv(10, start=100),
                                 site=site)
    ImportBatch.objects.filter(pk=again.pk).update(status="importing", confirmed_by=coordinator)
    again.refresh_from_db()
    rows = imports.DuplicateIndex.build()
    groups = [[pk] for pk in again.rows.order_by("line").values_list("pk", flat=True)]
    imports._import_chunk(again, groups[:4], rows)
    assert Household.objects.count() == 14
    imports.run(again.pk)
    imports.run(again.pk)
    again.refresh_from_db()
    assert Household.objects.count() == 20 and again.status == "done"
    assert again.imported_persons == 10


@pytest.mark.django_db
def test_duplicates_created_after_the_preview_are_skipped(site, coordinator, make_household):
    batch = imports.create_batch(
        coordinator, file_name="x.csv", site=site,
        content="imie;nazwisko;pesel;miejscowosc\nJan;Wróbel;44051401359;Łódź\n"
                "Ewa;Mazur;;Łódź\n")
    make_household("Wróbel", pesel="44051401359")  # entered by hand meanwhile
    imports.start_import(coordinator, batch)
    batch.refresh_from_db()
    assert batch.status == "done" and batch.imported_persons == 1
    assert batch.rows.get(line=2).ok is False and Person.objects.filter(
        pesel="44051401359").count() == 1


@pytest.mark.django_db
def test_cancel_deletes_the_file_and_its_rows(client_for, site):
    client = client_for("coordinator")
    _upload(client, site, _csv(3))
    batch = ImportBatch.objects.get()
    client.post(reverse("people:import_preview", args=[batch.pk]), {"action": "cancel"})
    batch.refresh_from_db()
    assert batch.status == "cancelled" and batch.content == "" and not batch.rows.exists()
    assert not imports.start_import(None, batch)


@pytest.mark.django_db
def test_a_file_that_is_not_csv_fails_with_a_message(site, coordinator):
    batch = imports.create_batch(coordinator, file_name="x.csv", site=site,
                                 content='imie;nazwisko;miejscowosc\n"Jan' + "x" * 200_000)
    batch.refresh_from_db()
    assert batch.status == "failed" and batch.report["fatal"]


@pytest.mark.django_db
def test_a_pesel_taken_between_check_and_chunk_is_refused_for_that_row_only(
        site, coordinator, make_household, monkeypatch):
    batch = imports.create_batch(
        coordinator, file_name="x.csv", site=site,
        content="imie;nazwisko;pesel;miejscowosc\nJan;Inny;44051401359;Łódź\n"
                "Ewa;Mazur;;Łódź\n")
    make_household("Wróbel", pesel="44051401359")
    # the duplicate index was read before that household existed
    monkeypatch.setattr(imports.DuplicateIndex, "build", classmethod(lambda cls: cls()))
    imports.start_import(coordinator, batch)
    batch.refresh_from_db()
    assert batch.status == "done" and batch.imported_persons == 1
    assert batch.rows.get(line=2).errors == ["Ten PESEL jest już w rejestrze."]
