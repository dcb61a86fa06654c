#!/usr/bin/env bash
# Side by side with real peers: installs Debian's prometheus and victoria-metrics when missing,
# builds the benchmarks jar when sources changed, then runs the comparison harness
# (dev.hindsight.bench.compare.CompareMain): one synthetic dataset loaded into Hindsight,
# Prometheus and VictoriaMetrics on loopback (data under benchmarks/target/compare/), the
# dashboard queries timed against each, answers checked, and BENCHMARKS.md, 
# benchmarks/results/compare.json and benchmarks/results/query-latency.png written.
# --month: 30 days of 5 containers instead (benchmarks/target/compare-30d/, compare-30d.json,
# query-latency-30d.png), queried over 24 h and 30 days.
# Exits 1 when the stores' answers disagree.
#   scripts/compare.sh [--no-build] [--month] [--containers 100] [--hours 24] [--interval-seconds 10]
#                      [--runs 20] [--warmup 30] [--heap 2g]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

BUILD=1
ARGS=()
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    *) ARGS+=("$a") ;;
  esac
done

need=()
command -v prometheus >/dev/null || need+=(prometheus)
command -v promtool >/dev/null || need+=(prometheus)
command -v victoria-metrics >/dev/null || need+=(victoria-metrics)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "compare: installing ${need[*]} (Debian packages)" >&2
  apt-get -o DPkg::Lock::Timeout=300 install -y "${need[@]}" >&2 || {
    apt-get -o DPkg::Lock::Timeout=300 update >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y "${need[@]}" >&2
  }
fi

cd "$ROOT"
[[ $BUILD == 1 ]] && bench_build
# shellcheck disable=SC2046
exec java $(bench_jvm_flags) -Xmx4g -cp "$BENCH_JAR" dev.hindsight.bench.compare.CompareMain "${ARGS[@]}"
