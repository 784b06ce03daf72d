"""Catalogue of events read in place and the Spark engine (CLI messages).

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there). Turkish never hangs a
suffix on a placeholder; Romanian writes ș ț with a comma below.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "engines.no_files": 'No Parquet or CSV files at "{path}". Give a Parquet file, a folder of them or a glob such as '
                        '"lake/events/*.parquet" (CSV works too).',
    "engines.mixed_files": '"{path}" holds both Parquet and CSV files. Point --events at one kind (e.g. a glob ending '
                           'in *.parquet).',
    "engines.unreadable": 'The events at "{path}" cannot be read: {error}',
    "engines.no_pyspark": "--engine spark needs pyspark, which is not installed. Install it with: "
                          "pip install -r requirements-spark.txt (and Java 17: apt-get install openjdk-17-jre-headless).",
    "engines.no_java": "--engine spark needs Java, which was not found (no java on PATH, no JAVA_HOME). Install Java 17, "
                       "e.g. apt-get install openjdk-17-jre-headless.",
    "engines.spark_failed": 'Spark could not start on master "{master}": {error}',
    "engines.unknown_engine": 'Unknown engine "{engine}"; choose one of: {engines}.',
    "engines.duckdb_only": "This runs on the DuckDB engine only: use --engine duckdb.",
    "engines.nps_by": 'NPS in place is given overall or by stage, not by "{by}".',
    "engines.needs_events": "{option} goes with --events PATH (events read in place).",
    "engines.needs_model": "Events read in place need a stage model: add --stage-model NAME (hinge-b2b-4, five-stage, "
                           'coleman-8, questionpro-4) or --stages "a,b,c".',
    "engines.bad_map": '--map needs HEADER=FIELD (e.g. --map "Kod=customer_id"), not "{item}".',
    "engines.whatif_spark": "what-if estimates its model on the DuckDB engine: run it with --engine duckdb (the default) "
                            "over the same files.",
    "engines.no_events": 'No event at "{path}" matches a stage of the stage model "{model}". Check --stage-model or '
                         "--stages, and --map for the stage column.",
    "engines.master_needs_spark": "--master goes with --engine spark (it names the Spark cluster to run on).",
    "engines.query_failed": "The {engine} engine stopped while reading the events: {error}",
    "engines.summary_source": "events read in place: {path} ({kind}, {engine} engine)",
}

TR: dict[str, str] = {
    "engines.no_files": '"{path}" konumunda Parquet veya CSV dosyası yok. Bir Parquet dosyası, bunlardan oluşan bir '
                        'klasör ya da "lake/events/*.parquet" gibi bir kalıp verin (CSV de olur).',
    "engines.mixed_files": '"{path}" içinde hem Parquet hem CSV dosyaları var. --events ile tek bir türü gösterin '
                           '(ör. *.parquet ile biten bir kalıp).',
    "engines.unreadable": '"{path}" konumundaki olaylar okunamıyor: {error}',
    "engines.no_pyspark": "--engine spark için pyspark gerekir, ancak kurulu değil. Şununla kurun: "
                          "pip install -r requirements-spark.txt (ve Java 17: apt-get install openjdk-17-jre-headless).",
    "engines.no_java": "--engine spark için Java gerekir, ancak bulunamadı (PATH içinde java yok, JAVA_HOME yok). "
                       "Java 17 kurun, ör. apt-get install openjdk-17-jre-headless.",
    "engines.spark_failed": 'Spark, "{master}" ana düğümünde başlatılamadı: {error}',
    "engines.unknown_engine": 'Bilinmeyen motor: "{engine}". Şunlardan birini seçin: {engines}.',
    "engines.duckdb_only": "Bu işlem yalnızca DuckDB motorunda çalışır: --engine duckdb kullanın.",
    "engines.nps_by": 'Yerinde okunan olaylarda NPS genel olarak ya da aşamaya göre verilir; "{by}" ölçütüne göre '
                      "verilmez.",
    "engines.needs_events": "{option} seçeneği --events PATH ile birlikte kullanılır (yerinde okunan olaylar).",
    "engines.needs_model": "Yerinde okunan olaylar için bir aşama modeli gerekir: --stage-model NAME (hinge-b2b-4, "
                           'five-stage, coleman-8, questionpro-4) ya da --stages "a,b,c" ekleyin.',
    "engines.bad_map": '--map için HEADER=FIELD biçimi gerekir (ör. --map "Kod=customer_id"); verilen: "{item}".',
    "engines.whatif_spark": "what-if, modelini DuckDB motorunda tahmin eder: aynı dosyalar üzerinde --engine duckdb "
                            "(varsayılan) ile çalıştırın.",
    "engines.no_events": '"{path}" konumundaki hiçbir olay "{model}" aşama modelinin bir aşamasıyla eşleşmiyor. '
                         "--stage-model ya da --stages seçeneğini ve aşama sütunu için --map seçeneğini denetleyin.",
    "engines.master_needs_spark": "--master seçeneği --engine spark ile birlikte kullanılır (üzerinde çalışılacak Spark "
                                  "kümesini belirtir).",
    "engines.query_failed": "{engine} motoru olayları okurken durdu: {error}",
    "engines.summary_source": "yerinde okunan olaylar: {path} ({kind}, {engine} motoru)",
}

RO: dict[str, str] = {
    "engines.no_files": 'Nu există fișiere Parquet sau CSV la „{path}”. Dați un fișier Parquet, un dosar cu astfel de '
                        'fișiere sau un tipar precum „lake/events/*.parquet” (merge și CSV).',
    "engines.mixed_files": '„{path}” conține atât fișiere Parquet, cât și CSV. Indicați cu --events un singur tip '
                           '(de ex. un tipar care se termină în *.parquet).',
    "engines.unreadable": 'Evenimentele de la „{path}” nu pot fi citite: {error}',
    "engines.no_pyspark": "--engine spark are nevoie de pyspark, care nu este instalat. Instalați-l cu: "
                          "pip install -r requirements-spark.txt (și Java 17: apt-get install openjdk-17-jre-headless).",
    "engines.no_java": "--engine spark are nevoie de Java, care nu a fost găsit (niciun java în PATH, nicio variabilă "
                       "JAVA_HOME). Instalați Java 17, de ex. apt-get install openjdk-17-jre-headless.",
    "engines.spark_failed": 'Spark nu a putut porni pe nodul principal „{master}”: {error}',
    "engines.unknown_engine": 'Motor necunoscut: „{engine}”. Alegeți unul dintre: {engines}.',
    "engines.duckdb_only": "Aceasta rulează doar pe motorul DuckDB: folosiți --engine duckdb.",
    "engines.nps_by": 'Pentru evenimentele citite pe loc, NPS se dă în total sau pe etape, nu după „{by}”.',
    "engines.needs_events": "{option} se folosește împreună cu --events PATH (evenimente citite pe loc).",
    "engines.needs_model": "Evenimentele citite pe loc au nevoie de un model de etape: adăugați --stage-model NAME "
                           '(hinge-b2b-4, five-stage, coleman-8, questionpro-4) sau --stages "a,b,c".',
    "engines.bad_map": '--map are nevoie de HEADER=FIELD (de ex. --map "Kod=customer_id"), nu de „{item}”.',
    "engines.whatif_spark": "what-if își estimează modelul pe motorul DuckDB: rulați-l cu --engine duckdb (implicit) "
                            "pe aceleași fișiere.",
    "engines.no_events": 'Niciun eveniment de la „{path}” nu corespunde unei etape a modelului „{model}”. Verificați '
                         "--stage-model sau --stages și --map pentru coloana etapei.",
    "engines.master_needs_spark": "--master se folosește împreună cu --engine spark (numește clusterul Spark pe care "
                                  "se rulează).",
    "engines.query_failed": "Motorul {engine} s-a oprit în timp ce citea evenimentele: {error}",
    "engines.summary_source": "evenimente citite pe loc: {path} ({kind}, motorul {engine})",
}
