"""People API: thin serializers and viewsets; writes go through services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from backend.common.phones import parse_phone

from . import selectors, services
from .filters import DonorFilterSet, HouseholdFilterSet, PersonFilterSet
from .models import Donor, Household, Person
from .validators import validate_nip, validate_pesel


def _can_see_sensitive(context) -> bool:
    """Asked once per request, not once per person of a 25-household page."""
    request = context.get("request")
    if request is None:
        return False
    if not hasattr(request, "_can_see_sensitive"):
        request._can_see_sensitive = request.user.has_perm("people.view_sensitive_data")
    return request._can_see_sensitive


def _checked(clean, value: str) -> str:
    """Run one of the model-level cleaners and answer in DRF's error format."""
    try:
        return clean(value) if value else ""
    except DjangoValidationError as exc:
        raise ValidationError(exc.messages)


def _phone(value: str) -> str:
    return parse_phone(value).e164


def _pesel(value: str) -> str:
    validate_pesel(value)
    return value


def _nip(value: str) -> str:
    value = value.replace("-", "").replace(" ", "")
    if value:
        validate_nip(value)
    return value


class PersonSerializer(serializers.ModelSerializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all())
    age = serializers.IntegerField(read_only=True, allow_null=True)
    is_child = serializers.BooleanField(read_only=True)
    is_senior = serializers.BooleanField(read_only=True)
    confirm_not_duplicate = serializers.BooleanField(
        write_only=True, required=False, default=False,
        help_text="Save a person similar to one registered (never one with the same PESEL).")

    class Meta:
        model = Person
        fields = ["id", "household", "first_name", "last_name", "birth_date", "age", "pesel",
                  "relation", "is_disabled", "is_child", "is_senior", "phone",
                  "phone_is_mobile", "sms_consent", "sms_consent_at", "sms_consent_source",
                  "preferred_language", "confirm_not_duplicate"]
        read_only_fields = ["phone_is_mobile", "sms_consent_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and "household" in fields:
            fields["household"].queryset = selectors.visible_households(request.user)
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not _can_see_sensitive(self.context) and data.get("pesel"):
            data["pesel"] = "•" * 7 + data["pesel"][-4:]
        return data

    def validate_pesel(self, value):
        return _checked(_pesel, value)

    def validate_phone(self, value):
        return _checked(_phone, value)

    def validate(self, attrs):
        """The same rules as the page (people.services.person_errors), on the person as it
        will be after a partial update."""
        current = {f: getattr(self.instance, f) for f in services.PERSON_FIELDS} \
            if self.instance is not None else {}
        merged = current | attrs
        errors = services.person_errors(merged)
        if errors:
            raise ValidationError(errors)
        if merged.get("birth_date") and "birth_date" not in attrs and "pesel" in attrs:
            attrs["birth_date"] = merged["birth_date"]
        return attrs

    def create(self, validated_data):
        """A possible duplicate is refused (409 `duplicate`) unless the request says
        `confirm_not_duplicate: true`; the same PESEL always is (`duplicate_pesel`)."""
        household = validated_data.pop("household")
        confirm = validated_data.pop("confirm_not_duplicate", False)
        return services.add_member(self.context["request"].user, household, validated_data,
                                   confirm_not_duplicate=confirm)

    def update(self, instance, validated_data):
        validated_data.pop("household", None)
        validated_data.pop("confirm_not_duplicate", None)
        return services.update_person(self.context["request"].user, instance, validated_data)


class MemberSerializer(PersonSerializer):
    class Meta(PersonSerializer.Meta):
        fields = [f for f in PersonSerializer.Meta.fields if f != "household"]


class HouseholdSerializer(serializers.ModelSerializer):
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = Household
        fields = ["id", "display_name", "member_count", "site", "street", "building",
                  "apartment", "postal_code", "city", "status", "heating_type",
                  "referral_number", "referral_date", "social_worker", "monthly_income",
                  "notes", "flags", "members", "created_at", "updated_at"]
        read_only_fields = ["display_name", "member_count", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and "site" in fields:
            fields["site"].queryset = services.allowed_sites(request.user)
        return fields

    def create(self, validated_data):
        return services.create_household(self.context["request"].user, validated_data, [])

    def update(self, instance, validated_data):
        return services.update_household(self.context["request"].user, instance,
                                         validated_data)


class HouseholdViewSet(viewsets.ModelViewSet):
    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilterSet
    ordering_fields = ["display_name", "city", "member_count", "created_at"]

    def get_queryset(self):
        return selectors.visible_households(self.request.user).prefetch_related("members",
                                                                                 "flags")

    def perform_destroy(self, instance):
        services.delete_household(self.request.user, instance)


class PersonViewSet(viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["last_name", "birth_date"]

    def get_queryset(self):
        return selectors.visible_persons(self.request.user)

    def perform_destroy(self, instance):
        services.delete_person(self.request.user, instance)


class DonorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Donor
        fields = ["id", "kind", "name", "nip", "contact_person", "email", "phone", "address",
                  "contact_consent", "contact_consent_at", "notes", "created_at"]
        read_only_fields = ["contact_consent_at", "created_at"]

    def validate_nip(self, value):
        return _checked(_nip, value)

    def validate_phone(self, value):
        return _checked(_phone, value)

    def create(self, validated_data):
        return services.create_donor(self.context["request"].user, validated_data)

    def update(self, instance, validated_data):
        return services.update_donor(self.context["request"].user, instance, validated_data)


class DonorViewSet(viewsets.ModelViewSet):
    queryset = Donor.objects.all()
    serializer_class = DonorSerializer
    filterset_class = DonorFilterSet
    ordering_fields = ["name", "created_at"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
