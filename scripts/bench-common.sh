#!/usr/bin/env bash
# Shared by scripts/bench.sh, compare.sh, bench-http.sh and cds-archive.sh (sourced): where the
# benchmarks jar is, building it when a source or pom is newer, the JVM flags it needs, and a
# scratch agent config on a free port.
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

# scratch_agent_config DIR: picks a free loopback port and writes DIR/hindsight.yaml for an
# agent at 1 s with its data under DIR; sets PORT and BASE.
scratch_agent_config() {
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  BASE="http://127.0.0.1:$PORT"
  cat > "$1/hindsight.yaml" <<YAML
interval: 1s
data_dir: $1/data
listen: 127.0.0.1:$PORT
YAML
}
