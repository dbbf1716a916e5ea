# Airflow 3 (the official image, the version pinned in dags/requirements.txt) with a JRE and the task jar.
# Build the jar first: make jar.
ARG AIRFLOW_VERSION=3.3.2
FROM apache/airflow:${AIRFLOW_VERSION}-python3.11
USER root
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*
COPY java-tasks/tasks/target/spotify-lake.jar /opt/spotify-lake/spotify-lake.jar
USER airflow
ENV SPOTIFY_LAKE_JAR=/opt/spotify-lake/spotify-lake.jar
