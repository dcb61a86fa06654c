#!/usr/bin/env bash
# Records an AppCDS archive of the agent's classes: one short run of the agent on a scratch data
# directory (start, first 200 from /healthz, one query, one /metrics, SIGTERM) with
# -XX:ArchiveClassesAtExit. Later launches map the archive instead of loading and verifying
# those ~5,000 classes again, which roughly halves the agent's start-up CPU.
#
# usage: scripts/cds-archive.sh ARCHIVE   (exit 0 with the archive written, else 1)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bench-common.sh"
JAR="$ROOT/server/target/hindsight.jar"
OPTS="$ROOT/server/target/jvm.options"
ARCHIVE="$1"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hindsight-cds.XXXXXX")"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2> /dev/null; then
    kill -KILL "$PID" 2> /dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

scratch_agent_config "$WORK"

rm -f "$ARCHIVE" "$ARCHIVE.tmp"
# shellcheck disable=SC2046
java $(cat "$OPTS") -XX:ArchiveClassesAtExit="$ARCHIVE.tmp" -Djna.tmpdir="${TMPDIR:-/tmp}/hindsight-jna" \
  -jar "$JAR" run --config "$WORK/hindsight.yaml" > "$WORK/agent.log" 2>&1 &
PID=$!

deadline=$(( $(date +%s) + 120 ))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" 2> /dev/null)" == 200 ]]; do
  if ! kill -0 "$PID" 2> /dev/null || (( $(date +%s) > deadline )); then
    echo "cds-archive: the training run did not become ready; agent log:" >&2
    cat "$WORK/agent.log" >&2
    exit 1
  fi
  sleep 0.05
done
curl -s -o /dev/null "$BASE/api/v1/query?query=sum(rate(container_cpu_usage_seconds_total%5B1m%5D))" || true
curl -s -o /dev/null "$BASE/api/v1/labels" || true
curl -s -o /dev/null "$BASE/metrics" || true

kill -TERM "$PID"
for _ in $(seq 1 600); do
  kill -0 "$PID" 2> /dev/null || break
  sleep 0.1
done
wait "$PID" 2> /dev/null || true
PID=""
if [[ ! -s "$ARCHIVE.tmp" ]]; then
  echo "cds-archive: no archive written; agent log:" >&2
  cat "$WORK/agent.log" >&2
  exit 1
fi
mv "$ARCHIVE.tmp" "$ARCHIVE"
