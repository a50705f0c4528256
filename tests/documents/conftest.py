"""Drive fixtures: the drives' own (a warehouse, rice and coal, a drive with a rice target)."""

from tests.drives.conftest import drive, households, store  # noqa: F401 - pytest fixtures
