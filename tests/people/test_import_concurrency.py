"""Two workers run the same import at once (a task delivered twice, a retry while the
first still runs): every row becomes exactly one person, every group one household."""

import threading

import pytest
from django.db import connection, connections

from backend.people import imports
from backend.people.models import Household, ImportBatch, Person


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_import_the_same_batch_once(site, coordinator, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")
    monkeypatch.setattr(imports, "IMPORT_CHUNK", 5)
    content = "gospodarstwo;imie;nazwisko;miejscowosc\n" + "".join(
        f"G{i // 2};Jan;Kowal{i // 2};Łódź\n" for i in range(60))
    batch = ImportBatch.objects.create(created_by=coordinator, site=site, file_name="x.csv",
                                       content=content, status="parsing")
    imports.check(batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(status="importing",
                                                   confirmed_by=coordinator)
    barrier, errors = threading.Barrier(3), []

    def worker():
        try:
            barrier.wait()
            imports.run(batch.pk)
        except Exception as err:  # noqa: BLE001 - reported in the assertion
            errors.append(repr(err))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    batch.refresh_from_db()
    assert batch.status == "done"
    assert Household.objects.count() == 30 and Person.objects.count() == 60
    assert (batch.imported_households, batch.imported_persons) == (30, 60)
