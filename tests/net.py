"""Small network helpers of the tests that start servers on loopback (faults, load test)."""

import socket


def free_port():
    """A loopback TCP port nothing listens on (closed again: connecting is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
