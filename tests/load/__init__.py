"""The load test of the example site (``make loadtest``, docs/explanation/load-test.md)."""
