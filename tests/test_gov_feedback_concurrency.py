"""Feedback sent at the same moment gets unique references (PostgreSQL: real concurrency)."""

import threading

import pytest
from django.db import connection, connections

from wagtail_disclosure.governance import feedback
from wagtail_disclosure.governance.models import Feedback

THREADS, PER_THREAD = 6, 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_messages_get_unique_references():
    assert connection.vendor == "postgresql", "run with DATABASE_URL pointing at PostgreSQL"
    barrier = threading.Barrier(THREADS)
    failures = []

    def send(worker):
        try:
            barrier.wait()
            for n in range(PER_THREAD):
                feedback.submit({"category": "other", "subject": f"并发{worker}-{n}",
                                 "message": "m"})
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(w,)) for w in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    references = list(Feedback.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == THREADS * PER_THREAD
    serials = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert serials == list(range(1, THREADS * PER_THREAD + 1))
