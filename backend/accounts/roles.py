"""Roles are groups with explicit permissions, synced after every migrate.

Adding a module means adding its permissions here: one table to read to know
who may do what (privacy by role, DESIGN §3).
"""

from django.utils.translation import gettext_lazy as _

ADMINISTRATOR = "administrator"
COORDINATOR = "coordinator"
SOCIAL_WORKER = "social_worker"
WAREHOUSE_VOLUNTEER = "warehouse_volunteer"
VOLUNTEER = "volunteer"
VIEWER = "viewer"
PARTNER = "partner"

ROLE_LABELS = {
    ADMINISTRATOR: _("Administrator"),
    COORDINATOR: _("Coordinator"),
    SOCIAL_WORKER: _("Social worker"),
    WAREHOUSE_VOLUNTEER: _("Warehouse volunteer"),
    VOLUNTEER: _("Volunteer"),
    VIEWER: _("Viewer"),
    PARTNER: _("Partner organisation"),
}


def crud(app_label: str, model: str, *verbs: str) -> list[str]:
    verbs = verbs or ("view", "add", "change", "delete")
    return [f"{app_label}.{verb}_{model}" for verb in verbs]


# Stock (inventory, donations): see docs/decisions/0010-stock-ledger.md.
STOCK_MODELS = [("inventory", m) for m in ("category", "item", "itembarcode", "location", "lot",
                                          "qrtag", "balance", "movement", "scanlog", "stocktake",
                                          "lotphoto")]
STOCK_VIEW = [*(p for app, m in STOCK_MODELS if m != "scanlog" for p in crud(app, m, "view")),
              *crud("donations", "donation", "view")]
STOCK_VERBS = ["inventory.receive_stock", "inventory.move_stock", "inventory.issue_stock",
               "inventory.count_stock"]
STOCK_WAREHOUSE = [*STOCK_VIEW, *STOCK_VERBS, "inventory.add_itembarcode",
                   "inventory.add_lotphoto",
                   *crud("donations", "donation", "view", "add")]
STOCK_VOLUNTEER = [*crud("inventory", "item", "view"), *crud("inventory", "lot", "view"),
                   *crud("inventory", "location", "view")]
STOCK_ALL = [*(p for app, m in STOCK_MODELS for p in crud(app, m)), *STOCK_VERBS,
             "inventory.adjust_stock", "inventory.reserve_stock", *crud("donations", "donation")]

# Drives and the distribution engine (docs/decisions/0030-distribution-engine.md).
DRIVES_ALL = [*crud("drives", "drive"), *crud("drives", "target"),
              *(p for m in ("distribution", "enrolment", "allocation", "pickupslot", "handover")
                for p in crud("distribution", m)), "distribution.hand_over"]
DRIVES_HAND_OVER = [*crud("drives", "drive", "view"), "distribution.hand_over"]
# Equipment exchange: drivers see only their own tasks (selectors.visible_tasks).
EXCHANGE_ALL = [*crud("exchange", "offer"), *crud("exchange", "equipmentrequest"),
                *crud("exchange", "match"), *crud("exchange", "transporttask"),
                "exchange.manage_exchange", "exchange.view_all_transport"]
EXCHANGE_SOCIAL = [*crud("exchange", "equipmentrequest", "view", "add", "change"),
                   *crud("exchange", "offer", "view"), *crud("exchange", "match", "view"),
                   *crud("exchange", "transporttask", "view")]  # own tasks only: none
EXCHANGE_DRIVER = [*crud("exchange", "transporttask", "view")]
# Volunteers: coordinators run shifts and vetting; the intervention log is theirs alone.
# A volunteer's own pages need only view_shift (selectors show them their own rows).
VOLUNTEERS_ALL = [*crud("volunteers", "volunteerprofile"), *crud("volunteers", "shift"),
                  *crud("volunteers", "shiftrole"), *crud("volunteers", "shiftsignup"),
                  *crud("volunteers", "childsafetycheck"),
                  *crud("volunteers", "intervention", "view", "add"),
                  *crud("volunteers", "protectionstandards", "view", "add"),
                  "volunteers.manage_volunteers", "volunteers.vet_volunteers"]
VOLUNTEERS_SELF = [*crud("volunteers", "shift", "view")]

# Events on the engine's participants (docs/decisions/0033): volunteers check in at the
# door and see first name + code only (events.views.CheckIn*).
EVENTS_ALL = [*(p for m in ("event", "session", "giftband", "invitation", "wish", "pledge")
                for p in crud("events", m)), "events.manage_pledges",
              *(p for m in ("participant", "participantgift", "checkin")
                for p in crud("distribution", m)), "distribution.check_in"]
EVENTS_CHECK_IN = [*crud("events", "event", "view"), "distribution.check_in"]

# Camps (docs/decisions/0090): health data (camps.*_healthcard) is the coordinator's
# alone; social workers file and verify applications; volunteers check children onto the
# bus (first name + code) and see no application, no health, no phone.
CAMPS_ALL = [*(p for m in ("camp", "campsession", "application", "healthcard",
                           "qualificationrun") for p in crud("camps", m)),
             *(p for m in ("participant", "checkin") for p in crud("distribution", m)),
             "distribution.check_in"]
CAMPS_SOCIAL = [*crud("camps", "camp", "view"), *crud("camps", "campsession", "view"),
                *crud("camps", "application", "view", "add", "change")]
CAMPS_CHECK_IN = [*crud("camps", "camp", "view"), *crud("camps", "campsession", "view"),
                  "distribution.check_in"]
# FEPŻ food aid (docs/decisions/0105): referrals hold income, so social workers and
# coordinators only; accepting above the threshold is a coordinator's call.
FOODAID_ALL = [*(p for m in ("subprogramme", "criterion", "rationarticle", "foodaiddrive",
                             "referral", "rationentry", "workshop")
                 for p in crud("foodaid", m)),
               "foodaid.override_eligibility", "foodaid.view_rations"]
FOODAID_SOCIAL = [*crud("foodaid", "referral", "view", "add", "change"),
                  *crud("foodaid", "subprogramme", "view"), *crud("foodaid", "rationentry", "view"),
                  "foodaid.view_rations"]

# Partner organisations (docs/decisions/0107): the centre's side, and a partner's log-in,
# which sees its own pickup point only, cut to what is shared (partners.selectors).
PARTNERS_ALL = [*crud("partners", "partner"), *crud("partners", "share", "view"),
                *crud("partners", "transfer", "view"), "partners.share_with_partner",
                "partners.transfer_to_partner"]
PARTNER_OWN = ["partners.view_own_point", *DRIVES_HAND_OVER]

# Permissions by role. "administrator" gets every permission (see sync_roles).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    COORDINATOR: [
        *crud("accounts", "site", "view", "add", "change"),
        *crud("people", "household"),
        *crud("people", "person"),
        *crud("people", "donor"),
        "people.view_sensitive_data",
        "people.import_households",
        "people.export_households",
        "people.anonymise_household",
        "people.view_all_households",
        "people.view_privacy_register",
        "accounts.view_auditentry",
        *STOCK_ALL,
        *crud("notifications", "smstemplate"),
        *crud("notifications", "smsbatch"),
        *crud("notifications", "outboxmessage", "view"),
        *crud("notifications", "optout"),
        *crud("notifications", "inboundmessage", "view", "change"),
        "notifications.send_sms",
        "notifications.view_sms_timeline",
        *DRIVES_ALL,
        *EXCHANGE_ALL,
        *VOLUNTEERS_ALL,
        *EVENTS_ALL,
        *CAMPS_ALL,
        "reports.view_reports",
        *FOODAID_ALL,
        *PARTNERS_ALL,
    ],
    SOCIAL_WORKER: [
        *crud("accounts", "site", "view"),
        *crud("people", "household", "view", "add", "change"),
        *crud("people", "person", "view", "add", "change"),
        "people.view_sensitive_data",
        "accounts.view_auditentry",
        "notifications.view_sms_timeline",
        *crud("drives", "drive", "view"),
        *crud("distribution", "enrolment", "view", "add"),
        *EXCHANGE_SOCIAL,
        *crud("events", "event", "view"),
        *crud("distribution", "participant", "view", "add"),
        *CAMPS_SOCIAL,
        "reports.view_reports",
        *FOODAID_SOCIAL,
    ],
    WAREHOUSE_VOLUNTEER: [
        *crud("accounts", "site", "view"),
        *crud("people", "donor", "view", "add"),
        *STOCK_WAREHOUSE,
        *DRIVES_HAND_OVER,
        *EXCHANGE_DRIVER,
        *VOLUNTEERS_SELF,
        *EVENTS_CHECK_IN,
        "events.manage_pledges",
        *CAMPS_CHECK_IN,
    ],
    VOLUNTEER: [
        *crud("accounts", "site", "view"),
        *STOCK_VOLUNTEER,
        *DRIVES_HAND_OVER,
        *EXCHANGE_DRIVER,
        *VOLUNTEERS_SELF,
        *EVENTS_CHECK_IN,
        *CAMPS_CHECK_IN,
    ],
    PARTNER: [*PARTNER_OWN],
    VIEWER: [
        *crud("accounts", "site", "view"),
        *STOCK_VIEW,
        *crud("drives", "drive", "view"),
        *crud("events", "event", "view"),
        *crud("camps", "camp", "view"),
        "reports.view_reports",
    ],
}


def role_label(name: str) -> str:
    return str(ROLE_LABELS.get(name, name))


def sync_roles(stdout=None) -> None:
    from django.contrib.auth.models import Group, Permission

    for role in ROLE_LABELS:
        group, _created = Group.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            group.permissions.set(Permission.objects.all())
            continue
        wanted = []
        for dotted in ROLE_PERMISSIONS.get(role, []):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                # The app may not be migrated yet in this post_migrate round.
                continue
            wanted.append(perm)
        group.permissions.set(wanted)


def sync_roles_after_migrate(sender, **kwargs) -> None:
    # Run once, after the last app: permissions of every app exist by then.
    from django.apps import apps

    if sender.name != list(apps.get_app_configs())[-1].name:
        return
    sync_roles()
