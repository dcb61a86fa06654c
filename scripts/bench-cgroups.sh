#!/usr/bin/env bash
# Collector overhead on real cgroups: creates N cgroup v1 groups (default 1000), each with
# one sleeping process, runs the agent on them at a 1 s interval for D seconds (default 60),
# and reports the agent's CPU (per container per tick) and RSS. Needs root. Cleans up.
#   scripts/bench-cgroups.sh [N] [DURATION_S] [WARMUP_S]
# The warm-up (default 60 s) keeps start-up JIT compilation out of the steady-state figure.
# It runs the agent of the checkout the script is in, through its launcher (built first if stale).
# Environment:
#   HINDSIGHT_JAVA_OPTS        extra JVM flags for the agent (e.g. -XX:NativeMemoryTracking=summary),
#                              passed on by the ./hindsight launcher that starts it
#   HINDSIGHT_BENCH_DIAG=DIR   after the measurement, save diagnostics to DIR: a 30 s JFR
#                              recording (CPU samples), heap and native memory summaries, the
#                              mappings that make up the RSS, the per-thread CPU, and (with
#                              perf installed) 20 s of the collector thread's kernel and
#                              native profile (collector-perf.txt)
set -euo pipefail

N="${1:-1000}"
DURATION="${2:-60}"
WARMUP="${3:-60}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="hindsight-bench-$$"
CTRLS=(cpu cpuacct memory pids blkio)
WORK="$(mktemp -d)"
AGENT_PID=""

cleanup() {
  [[ -n "$AGENT_PID" ]] && kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null || true
  for ctrl in "${CTRLS[@]}"; do
    base="/sys/fs/cgroup/$ctrl/$PREFIX"
    [[ -d "$base" ]] || continue
    for d in "$base"/c*; do
      [[ -d "$d" ]] || continue
      if [[ $ctrl == memory ]]; then
        while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$d/cgroup.procs"
      fi
    done
  done
  sleep 1
  for ctrl in "${CTRLS[@]}"; do
    base="/sys/fs/cgroup/$ctrl/$PREFIX"
    [[ -d "$base" ]] || continue
    find "$base" -mindepth 1 -maxdepth 1 -type d -exec rmdir {} + 2>/dev/null || true
    rmdir "$base" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

[[ $(id -u) -eq 0 ]] || { echo "needs root" >&2; exit 1; }
# build now if sources changed (the launcher would otherwise build during the warm-up)
"$ROOT/hindsight" config --data "$WORK/data" >/dev/null

echo "creating $N cgroups with one process each..." >&2
for ctrl in "${CTRLS[@]}"; do mkdir -p "/sys/fs/cgroup/$ctrl/$PREFIX"; done
for i in $(seq 1 "$N"); do
  for ctrl in "${CTRLS[@]}"; do mkdir -p "/sys/fs/cgroup/$ctrl/$PREFIX/c$i"; done
  sh -c "for c in ${CTRLS[*]}; do echo \$\$ > /sys/fs/cgroup/\$c/$PREFIX/c$i/cgroup.procs; done; exec sleep 100000" &
  disown
done
sleep 2

cat > "$WORK/hindsight.yaml" <<YAML
interval: 1s
data_dir: $WORK/data
collector:
  include_prefixes: [/$PREFIX]
  docker_socket: /nonexistent
YAML

cd "$WORK"
# through the launcher, with the JVM flags a user gets (it execs java: $! is the agent)
"$ROOT/hindsight" run --config "$WORK/hindsight.yaml" > "$WORK/agent.log" 2>&1 &
AGENT_PID=$!
sleep "$WARMUP"   # start-up, JIT and the first full scan are not the steady state
ticks() { awk '{print $14+$15}' "/proc/$AGENT_PID/stat"; }
systicks() { awk '{print $15}' "/proc/$AGENT_PID/stat"; }
hz=$(getconf CLK_TCK)
# utime + stime of each thread: fields 14 and 15 of stat, counted after the ")" that ends the
# name (thread names such as "C2 CompilerThread0" hold spaces)
thread_ticks() {
  for t in /proc/"$AGENT_PID"/task/*; do
    echo "$(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}') $(cat "$t/comm")"
  done
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
thread_ticks > "$WORK/threads0"
t0=$(ticks); k0=$(systicks); s0=$(date +%s.%N)
sleep "$DURATION"
t1=$(ticks); k1=$(systicks); s1=$(date +%s.%N)
thread_ticks > "$WORK/threads1"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$AGENT_PID/status")
containers=$((N + 1))
python3 - "$t0" "$t1" "$s0" "$s1" "$hz" "$containers" "$rss_kb" "$k0" "$k1" <<'PY'
import sys
t0, t1, s0, s1, hz, n, rss, k0, k1 = map(float, sys.argv[1:])
cpu_s = (t1 - t0) / hz
wall = s1 - s0
share = cpu_s / wall
per = cpu_s / (wall * n) * 1e6   # µs of CPU per container per 1 s tick
print(f"containers={int(n)} wall={wall:.1f}s agent_cpu={cpu_s:.2f}s ({share*100:.2f}% of one core) "
      f"per_container_tick={per:.1f}us rss={rss/1024:.0f}MB")
print(f"of which in the kernel: {(k1 - k0) / hz:.2f}s ({(k1 - k0) / max(t1 - t0, 1) * 100:.0f}%)")
PY
echo "CPU seconds by thread in the measured window (user + kernel):" >&2
# threads of the same name (the JVM has two named java) are summed
awk -v hz="$hz" '{u = $1; k = $2; $1 = ""; $2 = ""; name = substr($0, 3)}
     NR == FNR {bu[name] += u; bk[name] += k; next} {cu[name] += u; ck[name] += k}
     END {for (n in cu) {du = cu[n] - bu[n]; dk = ck[n] - bk[n]
            if (du + dk > 0) printf "%.2f %s (user %.2f, kernel %.2f)\n", (du + dk) / hz, n, du / hz, dk / hz}}' \
  "$WORK/threads0" "$WORK/threads1" | sort -rn | head -8 >&2
grep -E "ERROR|WARN" "$WORK/agent.log" | head -5 || true

if [[ -n "${HINDSIGHT_BENCH_DIAG:-}" ]]; then
  d="$HINDSIGHT_BENCH_DIAG"
  mkdir -p "$d"
  echo "diagnostics to $d (30 s more)..." >&2
  for t in /proc/"$AGENT_PID"/task/*; do  # user and system seconds since start
    echo "$(sed 's/.*) //' "$t/stat" | awk '{printf "%.2f %.2f", $12/'"$hz"', $13/'"$hz"'}') $(cat "$t/comm")"
  done | sort -rn > "$d/threads.txt"
  jcmd "$AGENT_PID" JFR.start name=diag settings=profile duration=30s filename="$d/agent.jfr" > /dev/null || true
  # kernel and native frames of the collector thread, which JFR does not see
  tid=$(grep -l '^hindsight-colle' /proc/"$AGENT_PID"/task/*/comm 2>/dev/null | head -1 | cut -d/ -f5)
  if command -v perf > /dev/null && [[ -n "$tid" ]]; then
    perf record -q -F 499 -g -t "$tid" -o "$d/collector.perf" -- sleep 20 > /dev/null 2>&1 || true
    perf report -i "$d/collector.perf" --stdio --no-children --sort sym 2>/dev/null \
      | grep -E '^ +[0-9.]+%' | head -40 > "$d/collector-perf.txt" || true
  fi
  sleep 12
  cat "/proc/$AGENT_PID/smaps_rollup" > "$d/smaps_rollup.txt" 2>/dev/null || true
  # RSS by mapping: file name, or [heap]/[anon] for anonymous memory
  awk '/^[0-9a-f]+-[0-9a-f]+ / {name = ($6 == "" ? "[anon]" : $6)} /^Rss:/ {rss[name] += $2}
       END {for (n in rss) if (rss[n] > 0) printf "%8d kB %s\n", rss[n], n}' "/proc/$AGENT_PID/smaps" \
    | sort -rn | head -40 > "$d/rss-by-mapping.txt" || true
  jcmd "$AGENT_PID" GC.heap_info > "$d/heap-info.txt" 2>&1 || true
  jcmd "$AGENT_PID" VM.native_memory summary > "$d/native-memory.txt" 2>&1 || true
  jcmd "$AGENT_PID" GC.class_histogram 2>/dev/null | head -40 > "$d/class-histogram.txt" || true
  cp "$WORK/agent.log" "$d/agent.log"
  du -sh "$WORK/data" > "$d/data-size.txt" 2>&1 || true
fi
