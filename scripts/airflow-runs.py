"""The runs of a catchup, read from Airflow's metadata database through Airflow itself, so that the same lines
come from SQLite (make demo) and PostgreSQL (make demo-celery). Run it with the Airflow virtualenv's python in the
environment of the Airflow it reads (scripts/airflow-env.sh).

  airflow-runs.py wait DAG_ID FIRST LATEST TIMEOUT    a line whenever the runs of dt = FIRST..LATEST progress;
                                                      exit 0 once all succeeded, 1 once all ended and one failed
                                                      (naming the failed tasks' logs) or after TIMEOUT seconds
  airflow-runs.py workers DAG_ID FIRST LATEST NAME... a line per worker: the task instances of those runs whose
                                                      hostname is NAME; exit 1 when one ran none
  airflow-runs.py span DAG_ID FIRST LATEST            the seconds from the first of those runs' start to the last
                                                      one's end
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

from airflow.configuration import conf
from airflow.models import DagRun, TaskInstance
from airflow.utils.session import create_session
from sqlalchemy import func, select

DONE_STATES = ("success", "skipped")
FINISHED_STATES = ("success", "failed")


def say(line: str) -> None:
    print(f"runs: {line}", file=sys.stderr, flush=True)


def days_between(first: str, latest: str) -> set[str]:
    start, end = date.fromisoformat(first), date.fromisoformat(latest)
    return {(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)}


def runs_of(session, dag_id: str, days: set[str]) -> list[DagRun]:
    runs = session.scalars(select(DagRun).where(DagRun.dag_id == dag_id).order_by(DagRun.logical_date))
    return [run for run in runs if run.logical_date and run.logical_date.date().isoformat() in days]


def wait(dag_id: str, first: str, latest: str, timeout: str) -> int:
    days = days_between(first, latest)
    deadline = time.monotonic() + int(timeout)
    last_line = ""
    while time.monotonic() < deadline:
        with create_session() as session:
            runs = runs_of(session, dag_id, days)
            states = session.execute(
                select(TaskInstance.run_id, TaskInstance.state, func.count())
                .where(TaskInstance.dag_id == dag_id, TaskInstance.run_id.in_([run.run_id for run in runs]))
                .group_by(TaskInstance.run_id, TaskInstance.state)
            ).all()
            done = {run.run_id: 0 for run in runs}
            tasks = dict(done)
            for run_id, state, count in states:
                tasks[run_id] += count
                done[run_id] += count if state in DONE_STATES else 0
            line = "  ".join(
                f"{run.logical_date.date()} {run.state} ({done[run.run_id]}/{tasks[run.run_id]} tasks)" for run in runs
            )
            if line != last_line:
                say(f"  {line or 'waiting for the scheduler to create the runs'}")
                last_line = line
            if len(runs) == len(days) and all(run.state in FINISHED_STATES for run in runs):
                failed = [run for run in runs if run.state == "failed"]
                for run in failed:
                    report_failed_tasks(session, run)
                return 1 if failed else 0
        time.sleep(2)
    say(f"the runs did not finish within {timeout} s (DEMO_TIMEOUT)")
    return 1


def report_failed_tasks(session, run: DagRun) -> None:
    logs = conf.get("logging", "base_log_folder")
    failed = session.scalars(
        select(TaskInstance).where(
            TaskInstance.dag_id == run.dag_id, TaskInstance.run_id == run.run_id, TaskInstance.state == "failed"
        )
    )
    for ti in failed:
        say(
            f"dt={run.logical_date.date()}: {ti.task_id} failed; its log: {logs}/dag_id={run.dag_id}/"
            f"run_id={run.run_id}/task_id={ti.task_id}/attempt={ti.try_number}.log"
        )


def workers(dag_id: str, first: str, latest: str, *names: str) -> int:
    with create_session() as session:
        run_ids = [run.run_id for run in runs_of(session, dag_id, days_between(first, latest))]
        counted = dict(
            session.execute(
                select(TaskInstance.hostname, func.count())
                .where(TaskInstance.dag_id == dag_id, TaskInstance.run_id.in_(run_ids))
                .group_by(TaskInstance.hostname)
            ).all()
        )
    for name in names:
        print(f"worker {name}: {counted.get(name, 0)} task instances")
    idle = [name for name in names if not counted.get(name)]
    if idle:
        say(f"worker {', '.join(idle)} ran no task instance; see its log")
    return 1 if idle else 0


def span(dag_id: str, first: str, latest: str) -> int:
    with create_session() as session:
        runs = runs_of(session, dag_id, days_between(first, latest))
    if not runs or any(run.end_date is None for run in runs):
        say("the runs have not all ended")
        return 1
    print(f"{(max(run.end_date for run in runs) - min(run.start_date for run in runs)).total_seconds():.0f}")
    return 0


if __name__ == "__main__":
    commands = {"wait": (wait, 4), "workers": (workers, 4), "span": (span, 3)}
    if len(sys.argv) < 2 or sys.argv[1] not in commands or len(sys.argv) - 2 < commands[sys.argv[1]][1]:
        sys.exit(__doc__)
    command, _ = commands[sys.argv[1]]
    sys.exit(command(*sys.argv[2:]))
