"""gunicorn settings of the fault tests' site: a worker dumps its threads' stacks on SIGUSR2
(faulthandler), so that a request that hangs can be seen."""


def post_worker_init(worker):
    import faulthandler
    import signal
    import sys

    faulthandler.register(signal.SIGUSR2, file=sys.stderr, all_threads=True)
