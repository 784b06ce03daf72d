"""Benchmarks: each prints a table of timings with ratios against a baseline measured in the same run.

They live outside the ``cjm`` package (the package is the product); run them from the repository root with
``python -m bench NAME`` (see :mod:`bench.__main__`)."""
