#!/usr/bin/env bash
# Shared by scripts/bench.sh and scripts/compare.sh (sourced): where the benchmarks jar is,
# building it when a source or pom is newer, and the JVM flags it needs.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"

bench_needs_build() {
  [[ ! -f "$BENCH_JAR" ]] && return 0
  [[ -n "$(find "$ROOT" -path "$ROOT/data" -prune -o -path "$ROOT/benchmarks/target" -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -newer "$BENCH_JAR" -print -quit)" ]]
}

# bench_build [force]: (re)builds the jar with the modules it depends on.
bench_build() {
  if [[ "${1:-}" == force ]] || bench_needs_build; then
    echo "hindsight: building the benchmarks jar (mvn package)..." >&2
    mvn -B -q -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests package >&2
  fi
}

# The Chronicle flags the build filtered into the jar.
bench_jvm_flags() {
  unzip -p "$BENCH_JAR" hindsight-jvm.options
}
