#!/usr/bin/env bash
# Starts (up) or stops (down) a private Docker daemon for the tests, as DESIGN.md describes:
# (stop and start: the daemon alone, keeping its state and containers, for restart tests)
# overlay2, no iptables, cgroupfs driver, its own data root, and a busybox image imported
# from Debian's busybox-static (no registry needed). Prints the socket path on "up".
set -euo pipefail

STATE="${HINDSIGHT_DOCKER_STATE:-/tmp/hindsight-test-docker}"
SOCK="$STATE/docker.sock"
PIDFILE="$STATE/dockerd.pid"
IMAGE="hindsight-test/busybox:1"

up() {
  mkdir -p "$STATE"
  if [[ -S "$SOCK" ]] && docker -H "unix://$SOCK" info >/dev/null 2>&1; then
    echo "$SOCK"; return
  fi
  dockerd --host "unix://$SOCK" --storage-driver=overlay2 --iptables=false --ip6tables=false \
    --ip-forward=false --ip-masq=false --exec-opt native.cgroupdriver=cgroupfs \
    --data-root "$STATE/data" --exec-root "$STATE/exec" --pidfile "$PIDFILE" \
    >"$STATE/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker -H "unix://$SOCK" info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker -H "unix://$SOCK" info >/dev/null 2>&1 || { echo "dockerd did not start; see $STATE/dockerd.log" >&2; tail -20 "$STATE/dockerd.log" >&2; exit 1; }
  if ! docker -H "unix://$SOCK" image inspect "$IMAGE" >/dev/null 2>&1; then
    rootfs="$(mktemp -d)"
    mkdir -p "$rootfs/bin"
    cp /bin/busybox "$rootfs/bin/busybox"
    for app in sh sleep cat dd yes head true; do ln -sf busybox "$rootfs/bin/$app"; done
    tar -C "$rootfs" -c . | docker -H "unix://$SOCK" import - "$IMAGE" >/dev/null
    rm -rf "$rootfs"
  fi
  echo "$SOCK"
}

down() {
  if [[ -S "$SOCK" ]]; then
    ids="$(docker -H "unix://$SOCK" ps -aq 2>/dev/null || true)"
    [[ -n "$ids" ]] && docker -H "unix://$SOCK" rm -f $ids >/dev/null 2>&1 || true
  fi
  if [[ -f "$PIDFILE" ]]; then
    # the pid read once: dockerd removes its pid file as it exits
    local pid
    pid="$(cat "$PIDFILE")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$STATE"
}

# Stops the daemon only: its data root, images and containers stay for "start".
stop() {
  if [[ -f "$PIDFILE" ]]; then
    pid="$(cat "$PIDFILE")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$SOCK"
}

case "${1:-up}" in
  up|start) up ;;
  down) down ;;
  stop) stop ;;
  *) echo "usage: $0 up|down|stop|start" >&2; exit 2 ;;
esac
