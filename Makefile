# spotify-lake: every entry point. `make help` lists them.
# The scripts under scripts/ do the work; this file only names it.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help jar jar-path build stack-up stack-down stack-status airflow-venv lint test test-unit \
        test-it test-dags demo demo-celery airflow-ui airflow-shell bench bench-fetch bench-flatten bench-repair \
        bench-dynamodb bench-similarity bench-reprocess bench-workers clean

JAR := java-tasks/tasks/target/spotify-lake.jar
JAVA_SOURCES := $(shell find java-tasks sql/athena sql/trino -name '*.java' -o -name 'pom.xml' -o -name '*.sql' -o -path '*/src/main/resources/*' -type f 2>/dev/null)
MVN := mvn -B -q -f java-tasks/pom.xml

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

jar: $(JAR) ## build the task jar (and the dev-only simulator and MySQL launcher)

$(JAR): $(JAVA_SOURCES)
	$(MVN) -DskipTests package
	@touch $(JAR)

jar-path: ## print the task jar's path
	@echo $(CURDIR)/$(JAR)

stack-up: jar ## start MariaDB, s3proxy, Trino, the Spotify simulator and dynalite on 127.0.0.1 (idempotent)
	scripts/stack.sh up

stack-down: ## stop every server that stack-up (or demo-celery) started
	scripts/stack.sh down

stack-status: ## what runs, where, healthy or not
	scripts/stack.sh status

airflow-venv: ## install Airflow 3 into .local/venv from dags/requirements.txt + dags/constraints.txt
	scripts/airflow-venv.sh

lint: ## ruff over the Python (check and format), javac -Xlint:all -Werror over the Java
	scripts/lint.sh

test: jar ## lint, unit tests, integration tests on the local stack, DAG tests (starts the stack if needed)
	scripts/test.sh

demo: jar ## the whole DAG for the last three days on the local stack, then a query of the lake
	scripts/demo.sh

demo-celery: jar ## the same on Airflow's CeleryExecutor: PostgreSQL, Redis and two Celery workers, then each worker's tasks
	scripts/demo.sh --celery

airflow-ui: jar ## Airflow standalone on 127.0.0.1:8080 with the DAG, connections and pool preset
	scripts/airflow-ui.sh

airflow-shell: ## a shell where `airflow` works against the local Airflow (make airflow-ui's home, DAG, connections)
	scripts/airflow-shell.sh

bench: bench-fetch bench-flatten bench-repair bench-dynamodb bench-similarity bench-reprocess bench-workers ## every benchmark; results in docs/benchmarks.md

bench-fetch: jar ## fetch 10,000 artists from the simulator under its rate limits, from Spotify and from ReccoBeats (BENCH_SOURCES)
	scripts/bench-fetch.sh

bench-flatten: jar ## flatten 1,000,000 top-track records, next to the seeds' method and Trino
	scripts/bench-flatten.sh

bench-repair: jar ## register one dt with 1 and 1,000 partitions present, next to a full repair
	scripts/bench-repair.sh

bench-dynamodb: jar ## load 100,000 top tracks into the local DynamoDB, next to boto3's batch_writer and put_item
	scripts/bench-dynamodb.sh

bench-similarity: jar ## exact 10 nearest of 10,000 and 100,000 artists, next to NumPy's brute force
	scripts/bench-similarity.sh

bench-reprocess: jar ## re-process 30 days of 200 artists: one reprocess command against the single-day tasks
	scripts/bench-reprocess.sh

bench-workers: jar ## a week of days backfilled on the CeleryExecutor by 1 worker, then by 2
	scripts/bench-workers.sh

clean: ## remove build output (not the local stack's data: see stack-down)
	$(MVN) clean
