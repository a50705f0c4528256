"""factory_boy factories for the main models (tests only: app code never imports this).

Records whose derived fields or audit entries matter are made through their services (the
household's display name and member count, a drive's distribution), so a factory-made object
is the same as one a coordinator creates. Usage:

    household = HouseholdFactory(members=3)           # head + 2 more persons
    drive = DriveFactory(kind="fuel", sites=[site])    # planned, with its distribution
    TargetFactory(drive=drive, item=ItemFactory(unit="t"), quantity=5)
    user = UserFactory(role=roles.COORDINATOR, sites=[site])
"""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from backend.accounts import roles
from backend.accounts.models import Site


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Filia {n}")
    kind = Site.Kind.FIELD_OFFICE
    street = factory.Sequence(lambda n: f"ul. Piotrkowska {n + 1}")
    postal_code = "90-001"
    city = "Łódź"


class UserFactory(factory.django.DjangoModelFactory):
    """UserFactory(role=roles.COORDINATOR, sites=[site]); the password is "secret-pass-123"."""

    class Meta:
        model = get_user_model()

    role = roles.COORDINATOR
    username = factory.LazyAttributeSequence(lambda o, n: f"{o.role}-{n}")
    first_name = factory.LazyAttribute(lambda o: o.role.title())
    sites = ()

    @classmethod
    def _create(cls, model_class, *, role, sites, **fields):
        roles.sync_roles()
        user = model_class.objects.create_user(password="secret-pass-123", **fields)
        user.groups.add(Group.objects.get(name=role))
        if sites:
            user.sites.set(sites)
        return user


class HouseholdFactory(factory.django.DjangoModelFactory):
    """Made by people.services.create_household: `members` is how many persons (the first
    one is the head, with a mobile phone and SMS consent)."""

    class Meta:
        model = "people.Household"

    site = factory.SubFactory(SiteFactory)
    street = "ul. Zgierska"
    building = factory.Sequence(lambda n: str(n + 1))
    apartment = "4"
    postal_code = "91-100"
    city = "Łódź"
    last_name = factory.Sequence(lambda n: f"Nowak{n}")
    members = 1
    actor = None

    @classmethod
    def _create(cls, model_class, *, last_name, members, actor, **data):
        from backend.people import services

        people = [{"first_name": "Jan", "last_name": last_name, "relation": "head",
                   "birth_date": dt.date(1960, 1, 1), "phone": "+48601234567",
                   "sms_consent": True, "sms_consent_source": "paper",
                   "preferred_language": "pl"}]
        people += [{"first_name": f"Osoba{i}", "last_name": last_name, "relation": "other",
                    "birth_date": dt.date(2000, 1, 1 + i % 27), "preferred_language": "pl"}
                   for i in range(1, members)]
        return services.create_household(actor, data, people)


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Donor"

    kind = "person"
    name = factory.Sequence(lambda n: f"Darczyńca {n}")

    @classmethod
    def _create(cls, model_class, **data):
        from backend.people import services

        return services.create_donor(None, data)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inventory.Category"
        django_get_or_create = ("name",)

    name = "Żywność"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inventory.Item"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Towar {n}")
    category = factory.SubFactory(CategoryFactory)
    unit = "kg"


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inventory.Location"

    site = factory.SubFactory(SiteFactory, kind=Site.Kind.WAREHOUSE)
    name = factory.Sequence(lambda n: f"Regał {n}")
    kind = "warehouse"

    @classmethod
    def _create(cls, model_class, *, site, name, kind, parent=None):
        from backend.inventory import services

        return services.create_location(None, site, name, kind, parent)


class DriveFactory(factory.django.DjangoModelFactory):
    """Made by drives.services.create_drive (with its distribution), status planned."""

    class Meta:
        model = "drives.Drive"

    name = factory.Sequence(lambda n: f"Zbiórka {n}")
    kind = "food"
    distribution_start = dt.date(2026, 12, 1)
    sites = ()
    actor = None

    @classmethod
    def _create(cls, model_class, *, actor, sites, **fields):
        from backend.drives import services

        return services.create_drive(actor, sites=sites, **fields)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "drives.Target"

    drive = factory.SubFactory(DriveFactory)
    item = factory.SubFactory(ItemFactory)
    quantity = Decimal("100")
    amount = Decimal("1")

    @classmethod
    def _create(cls, model_class, *, drive, **fields):
        from backend.drives import services
        from backend.drives.models import Target

        return services.save_target(None, drive, Target(**fields))


class DonationFactory(factory.django.DjangoModelFactory):
    """A donation through donations.services.create_donation: `lines` lines of one item."""

    class Meta:
        model = "donations.Donation"

    site = factory.SubFactory(SiteFactory, kind=Site.Kind.WAREHOUSE)
    date = dt.date(2026, 11, 20)
    lines = 1
    donor = None
    actor = None

    @classmethod
    def _create(cls, model_class, *, site, date, lines, donor, actor, **extra):
        from backend.donations import services

        location = LocationFactory(site=site)
        return services.create_donation(actor, site=site, date=date, donor=donor, lines=[
            services.LineInput(item=ItemFactory(), quantity=Decimal("2"), location=location)
            for _line in range(lines)], **extra)
