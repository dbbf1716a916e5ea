"""The hostname a Celery worker of make demo-celery (and of the Celery end-to-end test) records for the task
instances it runs: $SPOTIFY_LAKE_WORKER_NAME, the name it was started with (--celery-hostname).

Two workers on one machine share its hostname, yet Airflow's records must tell them apart as they would tell two
machines. Each such worker runs with this folder on PYTHONPATH and [core] hostname_callable =
worker_name.worker_name; a worker of its own machine needs neither.
"""

import os


def worker_name() -> str:
    return os.environ["SPOTIFY_LAKE_WORKER_NAME"]
