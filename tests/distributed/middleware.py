"""Says which worker process answered a request (the shared-cache test tells workers apart)."""

import os


def worker_pid(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Worker-Pid"] = str(os.getpid())
        return response

    return middleware
