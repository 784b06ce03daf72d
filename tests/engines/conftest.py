"""One SparkSession (``local[2]``) for every Spark test of the session; the Spark tests are skipped when pyspark or
Java is missing, unless ``CJM_REQUIRE_SPARK=1`` (set by ``.ci/run``), where that is a failure."""

from __future__ import annotations

import os
import shutil

import pytest


@pytest.fixture(scope="session")
def spark():
    from cjm.engines.inplace import spark_session
    from cjm.errors import CJMError

    try:
        import pyspark
    except ImportError:
        pyspark = None
    if pyspark is None or not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        if os.environ.get("CJM_REQUIRE_SPARK") == "1":
            pytest.fail("pyspark and Java 17 are required here (CJM_REQUIRE_SPARK=1): "
                        "pip install -r requirements-spark.txt; apt-get install openjdk-17-jre-headless")
        pytest.skip("pyspark or Java not installed (pip install -r requirements-spark.txt)")
    try:
        # two cores, small files: two shuffle partitions (the default of 8 only adds tasks here)
        session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2"})
    except CJMError as exc:  # pragma: no cover - a broken Java
        pytest.fail(str(exc))
    yield session
    session.stop()
