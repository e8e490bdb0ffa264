"""Hypothesis settings profiles for the property tests and the API fuzz test.

* ``ci`` (the default): a bounded number of examples, derandomised (the same examples on
  every run, so a CI failure reproduces) and no example database (nothing is written to disk).
* ``fuzz``: many more examples, random each run, examples that fail kept in ``.hypothesis/``
  so they are tried first next time. ``make fuzz`` selects it (``HYPOTHESIS_PROFILE=fuzz``).

Every test module that uses Hypothesis imports this module, which loads the profile named by
the ``HYPOTHESIS_PROFILE`` environment variable. See docs/explanation/fuzzing.md.
"""

import os

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz", max_examples=1000, deadline=None, derandomize=False,
    suppress_health_check=[HealthCheck.too_slow],
)

PROFILE = os.environ.get(PROFILE_VARIABLE) or "ci"
settings.load_profile(PROFILE)


def fuzzing():
    """Whether the large ``fuzz`` profile is in force (``make fuzz``)."""
    return PROFILE == "fuzz"
