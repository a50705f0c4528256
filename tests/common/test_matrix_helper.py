"""tests/matrix.py fails loudly, naming every role whose answer differs from the table."""

import pytest
from django.urls import reverse

from tests.matrix import A, C, api, assert_api_matrix, assert_ui_matrix, ui


@pytest.mark.django_db
def test_a_wrong_row_names_each_mismatching_role(users):
    with pytest.raises(AssertionError) as failed:
        assert_ui_matrix(users, [ui("home", lambda o: reverse("home"), {A})], {})
    message = str(failed.value)
    assert "GET home as coordinator: 200, expected 403" in message
    assert "as administrator" not in message and "as anonymous" not in message
    with pytest.raises(AssertionError, match="write rows need fresh objects"):
        assert_api_matrix(users, [api("me", lambda o: "/api/v1/me/", {A, C},
                                      method="delete")], {})
