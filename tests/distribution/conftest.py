from tests.drives.conftest import drive, households, store  # noqa: F401 - shared fixtures
