#!/usr/bin/env bash
# HTTP figures for the server's targets, on a real agent over loopback:
#   1. /api/v1/query throughput: wrk on a small instant query (default 2 threads, 32
#      connections, 20 s, after a 5 s warm-up), requests/s and latency percentiles;
#   2. cold start: process launch to the first 200 from /healthz, on the data directory the
#      first part filled, several runs, median.
# The load average is printed with each figure: on a shared machine it says how much to trust it.
# The agent first collects for --collect seconds (default 310): until the data is older than the
# query's 5-minute lookback, each query also reads the raw log on disk (the store's raw path for
# the part before the head starts), which is the young-store case, not the steady state.
#
#   scripts/bench-http.sh [--duration 20s] [--connections 32] [--threads 2] [--collect 10]
#                         [--starts 5] [--query 'PROMQL'] [--no-build] [--skip-wrk] [--skip-start]
#                         [--java-opts '...']   extra JVM options for the agent
#                         [--cds]   also time cold starts with an AppCDS archive of the agent's classes
#                                   (server/target/hindsight.jsa, made by one run with -XX:ArchiveClassesAtExit)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bench-common.sh"
JAR="$ROOT/server/target/hindsight.jar"
OPTS="$ROOT/server/target/jvm.options"

DURATION=20s
CONNECTIONS=32
THREADS=2
COLLECT=310
STARTS=5
QUERY='container_memory_usage_bytes{id="/"}'
BUILD=1
WRK=1
START=1
JAVA_OPTS=""
CDS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --collect) COLLECT="$2"; shift 2 ;;
    --starts) STARTS="$2"; shift 2 ;;
    --query) QUERY="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --skip-wrk) WRK=0; shift ;;
    --skip-start) START=0; shift ;;
    --java-opts) JAVA_OPTS="$2"; shift 2 ;;
    --cds) CDS=1; shift ;;
    -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench-http: unknown option '$1'" >&2; exit 2 ;;
  esac
done

for tool in curl python3; do
  command -v "$tool" > /dev/null || { echo "bench-http: needs $tool" >&2; exit 2; }
done
if [[ $WRK == 1 ]] && ! command -v wrk > /dev/null; then
  echo "bench-http: wrk not found; apt-get -o DPkg::Lock::Timeout=300 install -y wrk" >&2
  exit 2
fi

if [[ $BUILD == 1 ]] && { [[ ! -f "$JAR" || ! -f "$OPTS" ]] || [[ -n "$(find "$ROOT" -path "$ROOT/data" -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$JAR" -print -quit)" ]]; }; then
  echo "bench-http: building (mvn package)..." >&2
  mvn -B -q -f "$ROOT/pom.xml" -pl server -am -DskipTests package >&2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/hindsight-bench-http.XXXXXX")"
scratch_agent_config "$WORK"

AGENT_PID=""
stop_agent() {
  if [[ -n "$AGENT_PID" ]] && kill -0 "$AGENT_PID" 2> /dev/null; then
    kill -TERM "$AGENT_PID" 2> /dev/null || true
    for _ in $(seq 1 200); do
      kill -0 "$AGENT_PID" 2> /dev/null || break
      sleep 0.05
    done
    kill -KILL "$AGENT_PID" 2> /dev/null || true
    wait "$AGENT_PID" 2> /dev/null || true
  fi
  AGENT_PID=""
}
cleanup() {
  stop_agent
  rm -rf "$WORK"
}
trap cleanup EXIT

# start_agent LOGFILE: launches the agent in the background (sets AGENT_PID)
start_agent() {
  # shellcheck disable=SC2046,SC2086
  java $(cat "$OPTS") $JAVA_OPTS -Djna.tmpdir="${TMPDIR:-/tmp}/hindsight-jna" -jar "$JAR" \
    run --config "$WORK/hindsight.yaml" > "$1" 2>&1 &
  AGENT_PID=$!
}

# wait_healthy TIMEOUT_S: polls /healthz every 10 ms until 200
wait_healthy() {
  local deadline=$(( $(date +%s) + $1 ))
  while (( $(date +%s) < deadline )); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" 2> /dev/null)" == 200 ]]; then
      return 0
    fi
    kill -0 "$AGENT_PID" 2> /dev/null || { echo "bench-http: the agent exited" >&2; return 1; }
    sleep 0.01
  done
  echo "bench-http: no 200 from /healthz within $1 s" >&2
  return 1
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "bench-http: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(loadavg)"

start_agent "$WORK/agent.log"
wait_healthy 60 || { cat "$WORK/agent.log" >&2; exit 1; }
echo "bench-http: agent up on $BASE; collecting for ${COLLECT}s"
sleep "$COLLECT"

if [[ $WRK == 1 ]]; then
  ENCODED="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$QUERY")"
  URL="$BASE/api/v1/query?query=$ENCODED"
  BODY="$(curl -s "$URL")"
  echo "bench-http: $QUERY -> ${BODY:0:200}"
  [[ "$BODY" == *'"status":"success"'* ]] || { echo "bench-http: the query failed" >&2; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$URL" > /dev/null
  echo "bench-http: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (load average before: $(loadavg))"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$URL" | tee "$WORK/wrk.txt"
  echo "bench-http: RESULT query requests/s $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")," \
    "p50 $(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt"), p99 $(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")," \
    "non-2xx $(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt" | grep . || echo 0), load average after $(loadavg)"
fi
stop_agent

# cold_starts LABEL EXTRA_JVM_OPTS: STARTS launches on the data directory, median time to the first 200
cold_starts() {
  local label="$1" extra="$2" saved="$JAVA_OPTS"
  JAVA_OPTS="$JAVA_OPTS $extra"
  echo "bench-http: cold start ($label) on $(du -sh "$WORK/data" | cut -f1) of data, $STARTS runs (load average $(loadavg))"
  local times=() cpus=() i t0 t1 ms cpu
  for i in $(seq 1 "$STARTS"); do
    t0=$(date +%s%N)
    start_agent "$WORK/start-$label-$i.log"
    wait_healthy 60 || { cat "$WORK/start-$label-$i.log" >&2; exit 1; }
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    cpu=$(( $(awk '{print $14 + $15}' "/proc/$AGENT_PID/stat") * 1000 / $(getconf CLK_TCK) ))
    times+=("$ms")
    cpus+=("$cpu")
    echo "bench-http:   run $i: ${ms} ms to the first 200 from /healthz (agent CPU time by then ${cpu} ms)"
    stop_agent
  done
  local median cpu_median
  median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  cpu_median="$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  echo "bench-http: RESULT cold start ($label) median ${median} ms (runs: ${times[*]}), agent CPU median" \
    "${cpu_median} ms, load average $(loadavg)"
  JAVA_OPTS="$saved"
}

if [[ $START == 1 ]]; then
  cold_starts plain ""
  if [[ $CDS == 1 ]]; then
    JSA="$ROOT/server/target/hindsight.jsa"
    # the archive is checked against the class path: make it again when the jar or a library changed
    if [[ ! -f "$JSA" || "$JAR" -nt "$JSA" ]]; then
      echo "bench-http: recording the AppCDS archive $JSA"
      "$ROOT/scripts/cds-archive.sh" "$JSA"
    fi
    cold_starts appcds "-XX:SharedArchiveFile=$JSA"
  fi
fi
