#!/usr/bin/env bash
# Starts a local Docker engine when none answers (machines without systemd start no service by themselves).
# Installs Debian's docker.io first if dockerd is missing. Prints where the engine's socket is.
set -euo pipefail
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=$(command -v docker)

if ! command -v dockerd >/dev/null; then
  echo "docker: installing the engine (Debian docker.io)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  DOCKER=/usr/bin/docker
fi
if ! "$DOCKER" info >/dev/null 2>&1; then
  echo "docker: starting dockerd (log: /var/log/cronium-dockerd.log)"
  nohup dockerd >/var/log/cronium-dockerd.log 2>&1 &
  echo $! >/run/cronium-dockerd.pid
  for _ in $(seq 1 60); do
    "$DOCKER" info >/dev/null 2>&1 && break
    sleep 0.5
  done
  "$DOCKER" info >/dev/null 2>&1 || { echo "docker: dockerd did not answer; see /var/log/cronium-dockerd.log"; exit 1; }
fi
echo "docker: engine $("$DOCKER" version --format '{{.Server.Version}}') at unix:///var/run/docker.sock"
