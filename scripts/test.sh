#!/usr/bin/env bash
# Runs every test: installs the packages they need, starts a private Docker daemon, runs
# the Maven build with all tests, and stops the daemon again, whatever happens.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

"$ROOT/scripts/test-deps.sh"

if [[ $(id -u) -eq 0 ]] && command -v dockerd >/dev/null; then
  trap '"$ROOT/scripts/docker-test-daemon.sh" down || true' EXIT
  HINDSIGHT_TEST_DOCKER_SOCKET="$("$ROOT/scripts/docker-test-daemon.sh" up)"
  export HINDSIGHT_TEST_DOCKER_SOCKET
  echo "test: docker daemon for tests at $HINDSIGHT_TEST_DOCKER_SOCKET" >&2
else
  echo "test: not root or no dockerd: Docker tests will be skipped (never in CI)" >&2
fi

mvn -B -f "$ROOT/pom.xml" verify "$@"
