"""A tiny SMTP server for the fault tests: it accepts every message and keeps it in a list.

It runs aiosmtpd's ``Controller`` (its own thread and event loop) on a loopback port, so the
site under test talks real SMTP to it through Django's ``smtp.EmailBackend``. Until it is
started, the port is closed: connecting to it is refused, as with a mail server that is down.
"""

import email
import email.policy
import threading

from aiosmtpd.controller import Controller

from tests.net import free_port  # noqa: F401  (imported from here by the fault tests)


class _Collector:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append({"to": list(envelope.rcpt_tos),
                                  "subject": str(message["Subject"]).strip(),
                                  "body": message.get_body(("plain",)).get_content()})
        return "250 Message accepted"


class SMTPSink:
    """``with SMTPSink(port) as sink: ...``; ``sink.messages`` holds what was received."""

    def __init__(self, port):
        self.port = port
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname="127.0.0.1", port=port)

    @property
    def messages(self):
        with self._collector.lock:
            return list(self._collector.messages)

    def to(self, address):
        return [m for m in self.messages if address in m["to"]]

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
