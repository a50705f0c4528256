"""SMS: enqueue 10,000 notices; dispatch them through the fake Twilio server
(the real twilio client over HTTP to 127.0.0.1), pacing off, one worker."""

import time

from django.db import transaction
from django.test.utils import override_settings

from . import dispatch, services
from .models import OutboxMessage

SUITE = "sms"


def add_arguments(parser) -> None:
    parser.add_argument("--messages", type=int, default=10_000)


def run(options, emit) -> None:
    from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio

    count = options["messages"]
    OutboxMessage.objects.filter(purpose__startswith="bench").delete()
    items = [{"purpose": "bench-pickup", "phone": f"+48601{i:06d}",
              "text": f"Paczka do odbioru w sobote, godz. 10-12. Kod {i:06d}."}
             for i in range(count)]
    single = min(1000, count)
    start = time.perf_counter()
    with transaction.atomic():
        for i in range(single):
            services.enqueue(purpose="bench-single", phone=f"+48602{i:06d}", body="Kod 1234")
    single_s = time.perf_counter() - start
    OutboxMessage.objects.filter(purpose="bench-single").delete()
    start = time.perf_counter()
    with transaction.atomic():
        services.enqueue_many(items, wake_worker=False)
    bulk_s = time.perf_counter() - start
    emit({"benchmark": "sms.enqueue", "messages": count, "seconds": round(bulk_s, 3),
          "per_second": round(count / bulk_s), "single_enqueue_calls": single,
          "single_seconds": round(single_s, 3), "single_per_second": round(single / single_s)})

    fake = FakeTwilio().start()
    try:
        with override_settings(SMS_BACKEND="twilio", TWILIO_API_BASE=fake.base_url,
                               TWILIO_ACCOUNT_SID=ACCOUNT_SID, TWILIO_AUTH_TOKEN=AUTH_TOKEN,
                               TWILIO_FROM="+48500000000", TWILIO_MESSAGING_SERVICE_SID="",
                               SMS_RATE_PER_SECOND=0, SMS_QUIET_HOURS=""):
            start = time.perf_counter()
            result = dispatch.dispatch_pass()
            elapsed = time.perf_counter() - start
    finally:
        fake.stop()
    duplicates = fake.duplicates()
    assert not duplicates, f"{len(duplicates)} messages were sent twice"
    assert len(fake.received) == count, (len(fake.received), count)
    emit({"benchmark": "sms.dispatch", "messages": result.sent,
          "seconds": round(elapsed, 3), "messages_per_second": round(result.sent / elapsed),
          "received_by_fake_twilio": len(fake.received), "duplicates": len(duplicates),
          "workers": 1, "pacing": "off"})
