"""SMS API: templates, batches, opt-outs; messages and inbound read-only."""

from rest_framework import serializers, viewsets

from backend.accounts import scope
from backend.common.phones import parse_phone

from . import encoding, texts
from .filters import (
    OptOutFilterSet,
    OutboxMessageFilterSet,
    SmsBatchFilterSet,
    SmsTemplateFilterSet,
)
from .models import OptOut, OutboxMessage, SmsBatch, SmsTemplate


class SmsTemplateSerializer(serializers.ModelSerializer):
    segments = serializers.SerializerMethodField()
    encoding = serializers.SerializerMethodField()

    class Meta:
        model = SmsTemplate
        fields = ["id", "code", "name", "language", "body", "transliterate", "segments",
                  "encoding"]

    def _info(self, obj):
        text = encoding.transliterate(obj.body) if obj.transliterate else obj.body
        return encoding.analyse(text)

    def get_segments(self, obj) -> int:
        return self._info(obj).segments

    def get_encoding(self, obj) -> str:
        return self._info(obj).encoding


class SmsBatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = SmsBatch
        fields = ["id", "name", "template", "body", "status", "created_at"]
        read_only_fields = ["body", "status", "created_at"]


class OutboxMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutboxMessage
        fields = ["id", "purpose", "phone", "person", "content_type", "object_id", "version",
                  "batch", "body", "encoding", "segments", "status", "attempts",
                  "next_attempt_at", "sent_at", "expires_at", "provider_message_id",
                  "error_code", "error_text", "reply", "created_at"]


class OptOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = OptOut
        fields = ["id", "phone", "source", "created_at"]
        read_only_fields = ["created_at"]

    def validate_phone(self, value):
        from django.core.exceptions import ValidationError as DjangoValidationError

        try:
            return parse_phone(value).e164
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages)


class SmsTemplateViewSet(viewsets.ModelViewSet):
    """Writes go through notifications.texts (audited), as on the page."""

    queryset = SmsTemplate.objects.all()
    serializer_class = SmsTemplateSerializer
    filterset_class = SmsTemplateFilterSet

    def perform_create(self, serializer):
        serializer.instance = texts.save_template(self.request.user,
                                                  SmsTemplate(**serializer.validated_data))

    def perform_update(self, serializer):
        for key, value in serializer.validated_data.items():
            setattr(serializer.instance, key, value)
        texts.save_template(self.request.user, serializer.instance)

    def perform_destroy(self, instance):
        texts.delete_template(self.request.user, instance)


class SmsBatchViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = SmsBatch.objects.all()
    serializer_class = SmsBatchSerializer
    filterset_class = SmsBatchFilterSet


class OutboxMessageViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = OutboxMessage.objects.all()

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = OutboxMessageSerializer
    filterset_class = OutboxMessageFilterSet


class OptOutViewSet(viewsets.ModelViewSet):
    queryset = OptOut.objects.all()
    serializer_class = OptOutSerializer
    filterset_class = OptOutFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]
