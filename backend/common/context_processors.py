from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Top navigation by module. A module whose url is None is shown as "coming soon".
MODULES = [
    ("people", _("Households"), "people:household_list", "people.view_household"),
    ("donors", _("Donors"), "people:donor_list", "people.view_donor"),
    ("stock", _("Warehouse"), "inventory:item_list", "inventory.view_balance"),
    ("scan", _("Scan"), "inventory:scan", "inventory.view_lot"),
    ("drives", _("Drives"), "drives:list", "drives.view_drive"),
    ("exchange", _("Equipment exchange"), "exchange:home", "exchange.view_transporttask"),
    ("events", _("Events"), "events:list", "events.view_event"),
    ("camps", _("Camps"), "camps:list", "camps.view_camp"),
    ("foodaid", _("Food aid (FEPŻ)"), "foodaid:list", "foodaid.view_referral"),
    ("partners", _("Partners"), "partners:list", "partners.view_partner"),
    ("my_point", _("My pickup point"), "partners:my_point", "partners.view_own_point"),
    ("volunteers", _("Volunteers"), "volunteers:home", "volunteers.view_shift"),
    ("sms", _("SMS"), "notifications:batch_list", "notifications.view_smsbatch"),
    ("reports", _("Reports"), "reports:report", "reports.view_reports"),
    ("sites", _("Sites"), "accounts:site_list", "accounts.change_site"),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for key, label, url_name, perm in MODULES:
            if perm and not user.has_perm(perm):
                continue
            url = reverse(url_name) if url_name else None
            items.append({"key": key, "label": label, "url": url})
    return {"nav_modules": items, "BASE_URL": settings.BASE_URL}
