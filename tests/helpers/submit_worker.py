"""Run by test_request_concurrency in separate processes: submits requests through the public
form page, as browsers would.

Usage: python -m tests.helpers.submit_worker START_AT PAGE_URL COUNT WORKER_NUMBER
Waits until the wall-clock START_AT so all workers hit the database together.
"""

import os
import sys
import time


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agency.settings")
    import django

    django.setup()
    from django.test import Client, override_settings

    from tests.factories import request_data

    start_at, url, count, worker = float(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with override_settings(WAGTAIL_DISCLOSURE={"SUBMIT_RATE_LIMIT": None},
                           EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                           ALLOWED_HOSTS=["*"],
                           # as tests/conftest.py: the slow hasher is tested on its own
                           PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        client = Client()
        client.get(url)
        time.sleep(max(0.0, start_at - time.time()))
        numbers = []
        for n in range(count):
            response = client.post(url, request_data(
                description=f"并发提交的申请 {worker}-{n}"))
            if response.status_code != 302:
                print("failed", response.status_code, response.content[:2000], file=sys.stderr)
                sys.exit(1)
            numbers.append(client.session["wagtail_disclosure_submitted"]["tracking_number"])
    print("ok", " ".join(numbers))


if __name__ == "__main__":
    main()
