"""Stock fixtures shared with the inventory tests."""

from tests.inventory.conftest import *  # noqa: F401,F403
