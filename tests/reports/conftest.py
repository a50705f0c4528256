from .data import bound_coordinator, head_office_user, year_data  # noqa: F401 - fixtures
