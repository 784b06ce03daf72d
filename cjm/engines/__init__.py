"""The journey analyses over events *in place* (Parquet or CSV, never imported) on DuckDB or Apache Spark.

An analyst whose events sit in a lake (a Parquet file, a folder of them, a glob; CSV too) gets the same funnel,
flows, times, stuck and backward customers, channels and gaps, emotion curve, NPS and pain points without copying
the data into a workspace (:mod:`cjm.engines.inplace` reads the files with the column mapping of an import and a
stage model), and past one machine on Spark (``--engine spark --master spark://host:7077``).

**One definition, two engines.** Each calculation (:mod:`cjm.engines.portable`) is written once, as SQL text in
DuckDB's dialect restricted to what both engines have (window functions, ``FILTER`` aggregates, ``VALUES``
relations; medians and percentiles from a histogram and its running sums, exact and out of core:
:func:`cjm.engines.portable.quantiles_sql`), with every value a ``?`` parameter and every name through
:func:`cjm.core.sql.ident`. DuckDB runs that text as it is; for Spark it is transpiled with SQLGlot
(:func:`cjm.engines.inplace.to_spark`, pinned in ``requirements.txt``), which also fixes what differs (``NULLS
LAST`` is DuckDB's default and Spark's opposite, ``epoch_us`` is ``unix_micros``, ``quantile_cont`` is
``percentile``), and run with Spark's own positional parameters. What a query returns is turned into the same
columns and types on both (:func:`cjm.engines.portable.typed`); the few formulas applied to a handful of
aggregated numbers afterwards (conversion ratios, the t-interval of a mean) are plain Python shared by both.

*Why SQLGlot rather than ibis.* The project's calculations already are SQL (STYLE.md: "calculations are SQL over
DuckDB relations ... that lets the engine change later"), so the portable definitions read like the workspace's
fast paths they are checked against, line by line; a reviewer compares two SQL texts, not SQL with an expression
tree. SQLGlot is one pure-Python package with no dependencies, light enough for the base install (the DuckDB
path needs nothing more), whereas ibis brings its own dependency tree, a backend layer per engine and a second
way of writing every analysis, and its pyspark backend follows Spark releases with a lag (Spark 4.3 is new).
The price: what SQLGlot does not map has to be spelled in the portable subset, which
:func:`~cjm.engines.inplace.to_spark` keeps small and tests cover analysis by analysis.

**Journey order without an import.** The workspace stores events in journey order at import
(:mod:`cjm.store.order`); in place the order each analysis needs is a window partitioned by customer and
ordered by ``ts NULLS LAST, tie NULLS LAST, fseq`` (:data:`cjm.engines.portable.ORDER_SQL`): the timestamp; for
equal timestamps the stage order (the workspace's default tie order, :data:`cjm.store.order.TIE_ORDERS`); then
file order (``fseq``: the file's rank among the files read and the row number in it).

**The workspace's fast paths stay**: the app and ``python -m cjm report`` on a workspace use :mod:`cjm.analyses`
unchanged; ``tests/engines`` checks that both give the same numbers as :mod:`cjm.engines.portable` on the
samples and on BPIC 2012.

Use::

    from cjm.engines import open_events, portable
    src = open_events("lake/events/*.parquet", model=preset("five-stage"), mapping={"Kod": "customer_id"})
    portable.funnel(src, model=src.model)          # a pandas DataFrame, the columns of cjm.analyses.funnel
    src.close()

Limits (also in ``docs/engines.md``): values are read as typed (a Parquet timestamp, number or text column; CSV
text is cast: ISO dates, numbers with a dot); ``emotion`` is taken as the canonical −2..+2 score (numbers outside
it are left out; no emotion words, no 1–5 rescaling as at import); ``nps`` as a whole number 0..10. The what-if
estimate runs on DuckDB only.
"""

from __future__ import annotations

from cjm.engines.inplace import ENGINES, InPlace, open_events

__all__ = ["ENGINES", "InPlace", "open_events"]
