#!/bin/sh
# GENERATED from io.upshift.schemas.Topics by io.upshift.schemas.TopicDefinitions — do not edit.
# Regenerate: ./mvnw -q -pl schemas test -Dtest=TopicDefinitionsTest -Dupshift.regenerate=true
# Creates every Upshift topic and its dead-letter topic; safe to run again.
set -eu
: "${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS, e.g. kafka:9092}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

create() {
  topic="$1"; partitions="$2"; shift 2
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" "$@"
}

create upshift.upgrade-commands.v1 12 --config retention.ms=604800000
create upshift.upgrade-commands.v1.DLT 1 --config retention.ms=2592000000
create upshift.upgrade-outcomes.v1 12 --config retention.ms=2592000000
create upshift.upgrade-outcomes.v1.DLT 1 --config retention.ms=2592000000
create upshift.campaign-events.v1 3 --config cleanup.policy=compact,delete --config retention.ms=2592000000
create upshift.campaign-events.v1.DLT 1 --config retention.ms=2592000000
create upshift.subscriber-notices.v1 6 --config retention.ms=2592000000
create upshift.subscriber-notices.v1.DLT 1 --config retention.ms=2592000000
create upshift.subscriber-requests.v1 3 --config retention.ms=2592000000
create upshift.subscriber-requests.v1.DLT 1 --config retention.ms=2592000000
echo "upshift: topics ready on $BOOTSTRAP_SERVERS"
