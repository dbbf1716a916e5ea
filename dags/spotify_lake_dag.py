"""
# spotify_lake

Builds one day of the Spotify data lake: the artists kept in MySQL, their top tracks and the
tracks' audio features, as raw JSON, then Snappy Parquet partitioned by `dt`, registered in
Athena (Trino locally). Each task runs one subcommand of the spotify-lake jar for the run's dt:

```text
extract_artists -> fetch_tracks_raw_json -> fetch_audio_features_raw_json
each of the three -> flatten_to_parquet__<dataset> -> load_s3__<dataset> -> repair_athena_partitions
load_s3__top_tracks -> load_dynamodb__top_tracks (the serving store: DynamoDB table top_tracks)
load_s3__top_tracks + load_s3__audio_features -> compute_artist_similarity
    -> load_s3__artist_similarity -> repair_athena_partitions
```

`compute_artist_similarity` stages the derived table `artist_similarity` (each artist's nearest artists by
the audio features of its top tracks) as flatten stages the others, so the same `load_s3` publishes it.

## Assets

Each task that publishes a curated table declares it as an Airflow Asset (`outlets`), so that your own
DAGs can be scheduled on the lake's tables, e.g. `schedule=[Asset("s3://my-lake/spotify/curated/top_tracks")]`:

| task | Asset name | URI |
|---|---|---|
| `load_s3__artists` | `spotify_lake.curated.artists` | `<LAKE_URI>/curated/artists` |
| `load_s3__top_tracks` | `spotify_lake.curated.top_tracks` | `<LAKE_URI>/curated/top_tracks` |
| `load_s3__audio_features` | `spotify_lake.curated.audio_features` | `<LAKE_URI>/curated/audio_features` |
| `load_s3__artist_similarity` | `spotify_lake.curated.artist_similarity` | `<LAKE_URI>/curated/artist_similarity` |

The URIs are built when the DAG is parsed, from `LAKE_URI` in the DAG processor's environment (default
`s3://spotify-lake`): parsing reads no connection, so set `LAKE_URI` there too when the lake lives elsewhere.
An Asset event is emitted when the task succeeds, i.e. when dt's partition is published.

## Which date lands in which dt

`dt` is the run's logical date (`{{ ds }}`). The schedule is a `CronTriggerTimetable` at 00:00 UTC,
Airflow 3's default for a cron schedule, given explicitly so that `[scheduler]
create_cron_data_intervals` cannot change it: a run's logical date is the moment it is due, and
its data interval is that instant (data_interval_start == data_interval_end == logical date). So
the run due at 2026-11-20T00:00Z writes dt=2026-11-20 with what Spotify answers then, a backfill
from A to B (`airflow backfill create --dag-id spotify_lake --from-date A --to-date B`) writes
dt=A..B, catchup creates one run per day from the start date on, and a manual run writes the UTC
date of the logical date it is given. A manual run without a logical date (Airflow 3 allows it:
`airflow dags trigger` without `--logical-date`, the REST API, or the UI's date field cleared)
has no `ds`: it writes the UTC date of its `run_after`, the moment it was triggered, i.e. today.
A dt after today is refused (exit 2): no answer of today can describe it.

What a run of a past dt can recover: MySQL and Spotify answer with their state of now, so a day whose raw
data is in the lake is re-processed from it (flatten, load, repair, with no call to MySQL or Spotify), and
a day without raw data gets today's answers recorded as that day's, marked late in the raw manifest (`late`,
`late_days`), if it lies at most `MAX_LATE_DAYS` (default 7) back; older days without raw data are skipped
(exit 99): nothing can recover what MySQL and Spotify said then. See docs/operations.md.

## Outcomes

Exit code 0: success, and the task's JSON summary is in XCom (`return_value`). 99: nothing to do
for this dt (e.g. no artists): skipped, and so is what depends on it. 1: failed; retried with
exponential backoff. 2: failed for a reason no retry can fix (configuration, credentials, a 403
from Spotify, a broken contract): failed at once, without retries. `repair_athena_partitions`
runs when no upstream task failed and at least one dataset was loaded, so an optional dataset
that was skipped does not keep the others out of the catalog. When the audio features are skipped
(optional and refused, 99), so are `compute_artist_similarity` and `load_s3__artist_similarity`,
and the run stays green.

## Configuration

- `SPOTIFY_LAKE_START_DATE` (YYYY-MM-DD, UTC; default 2026-11-01): the first dt of catchup.
- `SPOTIFY_LAKE_JAR`, or else the Variable `spotify_lake_jar`: the task jar's path on the workers.
- `SPOTIFY_LAKE_JVM_OPTIONS`: replaces the tasks' JVM options (default in `spotify_lake/jvm.py`: a
  128 MB heap, the parallel collector, a lazier optimizing compiler).
- Connections, mapped into each task's environment when it runs (see `spotify_lake/environment.py` and
  docs/operations.md); an undefined connection leaves the worker's environment as it is
  (`set -a; . .local/stack.env` for the local stack):
  - `aws_default` (or the one `SPOTIFY_LAKE_AWS_CONN_ID` names), of Airflow's type `aws`: keys (login,
    password, extra `aws_session_token`) or, left empty, the worker's role; extras `region_name`,
    `endpoint_url`, `service_config` as the Amazon provider reads them, and the lake's own: `lake_uri`,
    `lake_database`, `query_engine`, `athena_workgroup`, `athena_output_location`, `dynamodb_table`,
    `max_late_days`, and on Trino `trino_url`, `trino_partition_catalog`, `trino_user`;
  - `mysql_default` (or `SPOTIFY_LAKE_MYSQL_CONN_ID`), of type `mysql`: host, port, schema, login, password;
  - `spotify_lake_spotify` (generic): client id and secret, extras `api_url`, `accounts_url`,
    `audio_features_optional`.
  The generic `spotify_lake_aws` and `spotify_lake_mysql` of earlier versions are still read, with a
  deprecation warning in the task log, until the next release.
- `MAX_LATE_DAYS` (or the extra `max_late_days` of the aws connection; default 7): how many days back a run
  without raw data still records today's answers as a late snapshot (extract and fetches); older, it skips.
- `AUDIO_FEATURES_OPTIONAL` (or the extra `audio_features_optional` of `spotify_lake_spotify`; default `true`
  in the DAG): when Spotify refuses the audio features (403), the fetch is skipped and so is the similarity,
  and the run stays green; `false` fails the task instead (exit 2).
- `SPOTIFY_LAKE_RETRY_DELAY_SECONDS` (default 60): the wait before a failed task's first retry;
  tests and demos shorten it.
- Pool `spotify_api` (1 slot): the fetch tasks of all runs take turns, so that Spotify's rate
  limit, counted per app, is shared by one process at a time.
- `load_dynamodb__top_tracks` runs one instance at a time across runs: it reads an artist's stored
  items before it writes them (an older dt never replaces a newer one), and two loads side by side
  could both read before either writes. It creates the table when it is absent.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pendulum
from airflow.sdk import DAG, Asset, CronTriggerTimetable, TriggerRule

from spotify_lake.jar_task import jar_task

DEFAULT_START_DATE = "2026-11-01"
DEFAULT_RETRY_DELAY_SECONDS = 60
SPOTIFY_POOL = "spotify_api"
DEFAULT_LAKE_URI = "s3://spotify-lake"


def _start_date() -> pendulum.DateTime:
    day = date.fromisoformat(os.environ.get("SPOTIFY_LAKE_START_DATE") or DEFAULT_START_DATE)
    return pendulum.datetime(day.year, day.month, day.day, tz="UTC")


def curated_asset(dataset: str) -> Asset:
    """The curated table of a dataset as an Asset: its location under LAKE_URI, read from the environment only."""
    lake_uri = (os.environ.get("LAKE_URI") or DEFAULT_LAKE_URI).rstrip("/")
    return Asset(name=f"spotify_lake.curated.{dataset}", uri=f"{lake_uri}/curated/{dataset}")


def _retry_delay() -> timedelta:
    return timedelta(seconds=int(os.environ.get("SPOTIFY_LAKE_RETRY_DELAY_SECONDS") or DEFAULT_RETRY_DELAY_SECONDS))


with DAG(
    dag_id="spotify_lake",
    description="Spotify artists, top tracks and audio features into an S3 data lake, one dt a day",
    schedule=CronTriggerTimetable("0 0 * * *", timezone="UTC"),
    start_date=_start_date(),
    catchup=True,
    # Two days in flight: one run can flatten and load while the next one fetches.
    max_active_runs=2,
    default_args={
        "owner": "spotify-lake",
        "retries": 4,
        # 1 to 2 min, then 2 to 4, 4 to 8, 8 to 16 (Airflow adds jitter), never more than 30.
        # In Airflow 3 the backoff is a multiplier: True would mean 1, no backoff at all.
        "retry_delay": _retry_delay(),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
    },
    doc_md=__doc__,
    tags=["spotify-lake", "data-lake"],
) as dag:
    extract_artists = jar_task("extract-artists")
    fetch_tracks = jar_task("fetch-tracks-raw-json", pool=SPOTIFY_POOL)
    fetch_audio_features = jar_task("fetch-audio-features-raw-json", pool=SPOTIFY_POOL)
    repair_partitions = jar_task("repair-athena-partitions", trigger_rule=TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS)

    extract_artists >> fetch_tracks >> fetch_audio_features
    raw_by_dataset = {
        "artists": extract_artists,
        "top_tracks": fetch_tracks,
        "audio_features": fetch_audio_features,
    }
    loads = {}
    for dataset, raw in raw_by_dataset.items():
        loads[dataset] = jar_task("load-s3", dataset, outlets=[curated_asset(dataset)])
        raw >> jar_task("flatten-to-parquet", dataset) >> loads[dataset] >> repair_partitions
    loads["top_tracks"] >> jar_task("load-dynamodb", "top_tracks", options=["--create-table"], max_active_tis_per_dag=1)

    # A task of its own and then load-s3, rather than one task that computes and publishes: the same publication
    # (and its safety against kills and retries) as every other table, and a failed publish retried alone.
    compute_similarity = jar_task("compute-artist-similarity")
    load_similarity = jar_task("load-s3", "artist_similarity", outlets=[curated_asset("artist_similarity")])
    [loads["top_tracks"], loads["audio_features"]] >> compute_similarity >> load_similarity >> repair_partitions
