"""Log in -> create a household with a child -> search without diacritics."""

import pytest

from backend.people.models import Household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_coordinator_creates_household_and_finds_it_without_diacritics(
        desktop_page, live_server, users, site):
    page = desktop_page
    login(page, live_server, "coordinator")
    assert page.locator("html").get_attribute("lang") == "pl"
    page.goto(f"{live_server.url}/households/new/")
    page.select_option("select[name=site]", str(site.pk))
    page.fill("input[name=street]", "ul. Piotrkowska")
    page.fill("input[name=building]", "10")
    page.fill("input[name=city]", "Łódź")
    page.fill("input[name=members-0-first_name]", "Stanisław")
    page.fill("input[name=members-0-last_name]", "Żółkiewski")
    page.fill("input[name=members-0-birth_date]", "14.05.1944")
    page.fill("input[name=members-0-phone]", "601 234 567")
    page.fill("input[name=members-1-first_name]", "Zuzia")
    page.fill("input[name=members-1-last_name]", "Żółkiewska")
    page.fill("input[name=members-1-birth_date]", "01.02.2016")
    page.select_option("select[name=members-1-relation]", "child")
    page.click("text=Zapisz gospodarstwo")
    page.wait_for_url("**/households/*/")
    assert page.locator("text=Zapisano gospodarstwo.").is_visible()
    assert page.locator("tr[data-person]").count() == 2
    assert page.locator("text=dziecko").first.is_visible()

    page.goto(f"{live_server.url}/households/")
    page.fill("input[name=q]", "zolkiewski")  # htmx search-as-you-type swaps #results
    page.wait_for_url("**q=zolkiewski**", timeout=10000)  # no eval: the CSP forbids it
    results = page.locator("#results")
    assert "Żółkiewski Stanisław" in results.inner_text()
    assert Household.objects.count() == 1


def test_volunteer_gets_no_access_to_households(desktop_page, live_server, users,
                                                make_household):
    household = make_household("Żółkiewski")
    page = desktop_page
    login(page, live_server, "volunteer")
    response = page.goto(f"{live_server.url}/households/{household.pk}/")
    assert response.status == 403
    assert "Żółkiewski" not in page.content()
    api = page.goto(f"{live_server.url}/api/v1/households/{household.pk}/")
    assert api.status == 403
