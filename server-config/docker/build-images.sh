#!/usr/bin/env bash
# Builds the images Cronium runs scripts in, with no registry: a Debian base made by debootstrap and imported,
# then one image per script type. Images that already exist with the same packages are kept (pass --force to rebuild).
#   cronium/base:1    Debian 12 minbase, user "runner" (uid 1000)
#   cronium/bash:1    bash, coreutils and curl (the cronium helper command reaches the helper API with it when the
#                     run has a network of its own)
#   cronium/python:1  python3 (3.11)
#   cronium/node:1    nodejs (18)
# With registry access, public images work instead: bash:5, python:3.12-slim, node:20-slim (see README).
set -euo pipefail
cd "$(dirname "$0")"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=$(command -v docker)
TAG=1
FORCE=${1:-}

have() { [ -z "$FORCE" ] && "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

mirror() {
  local uri
  uri=$(grep -h -m1 '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $2}' || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if ! have cronium/base:$TAG; then
  command -v debootstrap >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  }
  ROOTFS=$(mktemp -d /var/tmp/cronium-rootfs.XXXXXX)
  trap 'rm -rf "$ROOTFS"' EXIT
  echo "images: debootstrap bookworm from $(mirror) (about a minute)"
  debootstrap --variant=minbase bookworm "$ROOTFS" "$(mirror)" >/var/tmp/cronium-debootstrap.log 2>&1 \
    || { tail -20 /var/tmp/cronium-debootstrap.log; exit 1; }
  chroot "$ROOTFS" useradd --uid 1000 --user-group --home-dir /work --no-create-home --shell /bin/bash runner
  echo "deb $(mirror) bookworm main" >"$ROOTFS/etc/apt/sources.list"
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* \
         "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/locale/*
  tar -C "$ROOTFS" -c . | "$DOCKER" import --change 'ENV LANG=C.UTF-8' - cronium/base:$TAG >/dev/null
  rm -rf "$ROOTFS"
  trap - EXIT
fi

build() { # name, packages
  local name=$1 packages=$2 install="RUN true"
  if have cronium/$name:$TAG && [ "$("$DOCKER" image inspect -f '{{index .Config.Labels "io.cronium.packages"}}' \
      cronium/$name:$TAG)" = "$packages" ]; then
    return 0
  fi
  echo "images: building cronium/$name:$TAG"
  [ -z "$packages" ] || install="RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /usr/share/doc/* /usr/share/man/*"
  "$DOCKER" build --network host -q -t cronium/$name:$TAG - >/dev/null <<DOCKERFILE
FROM cronium/base:$TAG
$install
LABEL io.cronium.image=$name io.cronium.packages="$packages"
USER 1000:1000
WORKDIR /work
ENV HOME=/work LANG=C.UTF-8
DOCKERFILE
}

build bash "curl ca-certificates"
build python "python3"
build node "nodejs"
"$DOCKER" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^cronium/' | sed 's/^/images: /'
