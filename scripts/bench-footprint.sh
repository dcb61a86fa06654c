#!/usr/bin/env bash
# The store's memory with a fleet in it (issue 3's RSS target): replays a synthetic fleet's raw
# log (default 1,000 containers at 1 s for 80 minutes, past the 70-minute head window) into a
# store under the default retention, in a JVM with the agent's flags, and prints the heap in use
# and the resident set after a full GC. About 3 minutes at the defaults; the log (about 4 GB)
# goes to a temp directory and is deleted at the end.
#
# With raw-keep-minutes, the log is instead written an hour at a time while the store reads
# it and retention runs (raw samples kept that long), printing the RSS after each hour: the
# store as the agent runs it, and a day at 1,000 containers (30 GB of raw log) in 5 GB of disk.
#
#   scripts/bench-footprint.sh [containers] [minutes] [interval-ms] [raw-keep-minutes]
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bench-common.sh"
bench_build
# shellcheck disable=SC2046,SC2086
exec java $(bench_jvm_flags) ${HINDSIGHT_AGENT_JVM_FLAGS:-} -cp "$BENCH_JAR" \
  dev.hindsight.bench.StoreFootprintMain "$@"
