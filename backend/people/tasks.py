"""Background work (django-tasks): the household CSV import, checked and imported in
chunks so that 50,000 rows never hold a request open (backend.people.imports)."""

from django_tasks import task

from . import imports


@task()
def check_import(batch_id: int) -> dict:
    batch = imports.check(batch_id)
    return {"status": batch.status, "valid": batch.valid_rows, "errors": batch.error_rows}


@task()
def run_import(batch_id: int) -> dict:
    batch = imports.run(batch_id)
    return {"status": batch.status, "households": batch.imported_households,
            "persons": batch.imported_persons}
