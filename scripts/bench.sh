#!/usr/bin/env bash
# The JMH suite: builds the benchmarks jar when sources changed, runs every benchmark (or those
# matching the given JMH regexes) with -prof gc, writes the JMH JSON and a markdown summary
# table under benchmarks/results/, and (for a full run) rewrites BENCHMARKS.md.
#   scripts/bench.sh [--quick] [--no-build] [--report] [JMH args, e.g. a regex or -p containers=1000]
#     --quick     one fork, 1 warm-up + 2 measured 1 s iterations, 1,000 containers only: a few minutes;
#                 writes jmh-quick.json / jmh-quick.md and leaves BENCHMARKS.md alone
#     --no-build  use the jar as it is
#     --report    only rewrite BENCHMARKS.md from the result files
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

QUICK=0
BUILD=1
REPORT_ONLY=0
ARGS=()
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --report) REPORT_ONLY=1 ;;
    *) ARGS+=("$a") ;;
  esac
done

cd "$ROOT"
[[ $BUILD == 1 ]] && bench_build
mkdir -p benchmarks/results
# shellcheck disable=SC2046
JAVA=(java $(bench_jvm_flags) -cp "$BENCH_JAR")

if [[ $REPORT_ONLY == 1 ]]; then
  exec "${JAVA[@]}" dev.hindsight.bench.report.ReportMain benchmarks/results BENCHMARKS.md
fi

if [[ $QUICK == 1 ]]; then
  JSON=benchmarks/results/jmh-quick.json
  SUMMARY=benchmarks/results/jmh-quick.md
  OPTS=(-f 1 -wi 1 -i 2 -w 1s -r 1s -p containers=1000)
else
  JSON=benchmarks/results/jmh.json
  SUMMARY=benchmarks/results/jmh-summary.md
  OPTS=()
fi

java -jar "$BENCH_JAR" -prof gc -rf json -rff "$JSON" "${OPTS[@]}" "${ARGS[@]}"
"${JAVA[@]}" dev.hindsight.bench.report.JmhSummary "$JSON" "$SUMMARY" > /dev/null
echo "bench: wrote $JSON and $SUMMARY" >&2
cat "$SUMMARY"
if [[ $QUICK == 0 ]]; then
  "${JAVA[@]}" dev.hindsight.bench.report.ReportMain benchmarks/results BENCHMARKS.md
fi
