#!/usr/bin/env bash
# SSH test hosts for the remote-execution tests: N (default 3) real sshd, each in a network namespace of its own
# with its own hostname and /tmp, reachable from this machine on a private bridge at 10.77.0.11, .12, .13 ... port 22.
# Idempotent: hosts already up are kept. Needs root. Everything lives under /run/cronium-ssh:
#   keys/id_ed25519            OpenSSH ed25519 key, no passphrase
#   keys/id_rsa_pem            PEM RSA key, passphrase in keys/passphrase
#   keys/id_ecdsa              OpenSSH ECDSA key, no passphrase
#   password                   the password of user cronium-test (password authentication works too)
#   hostN/                     host N's sshd config, host key, pid file
# Usage: start-hosts.sh [N]        start-hosts.sh --stop I       start-hosts.sh --new-host-key I
set -euo pipefail
BASE=/run/cronium-ssh
USER_NAME=cronium-test
BRIDGE=crssh0
NET=10.77.0

# No IPv6 link-local addresses on this machine's side: application servers that list every interface's address
# (Payara Micro, and the Arquillian adapter that reads that list) would otherwise pick an unusable "fe80::...%crs1".
no_ipv6() { sysctl -qw "net.ipv6.conf.$1.disable_ipv6=1" 2>/dev/null || true; }

host_up() { [ -f "$BASE/host$1/sshd.pid" ] && kill -0 "$(cat "$BASE/host$1/sshd.pid")" 2>/dev/null; }

stop_host() {
  if host_up "$1"; then
    kill "$(cat "$BASE/host$1/sshd.pid")"
    for _ in $(seq 1 50); do host_up "$1" || break; sleep 0.1; done
  fi
  rm -f "$BASE/host$1/sshd.pid"
}

start_host() {
  local i=$1 ns=cronium-ssh$1 dir=$BASE/host$1
  mkdir -p "$dir"
  if ! ip netns list | grep -qw "$ns"; then
    ip netns add "$ns"
    ip link add "crs$i" type veth peer name eth0 netns "$ns"
    no_ipv6 "crs$i"
    ip link set "crs$i" master "$BRIDGE" up
    ip -n "$ns" addr add "$NET.1$i/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
  fi
  [ -f "$dir/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$dir/ssh_host_ed25519_key"
  cat >"$dir/sshd_config" <<CONF
ListenAddress $NET.1$i
Port 22
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $BASE/authorized_keys
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin no
AllowUsers $USER_NAME
MaxSessions 50
MaxStartups 50:30:100
Subsystem sftp internal-sftp
CONF
  host_up "$i" && return 0
  # its own hostname and its own /tmp, so runners deployed to /tmp are per host, as on real machines
  ip netns exec "$ns" unshare --uts --mount --propagation private sh -c \
    "hostname host$i && mount -t tmpfs -o mode=1777 tmpfs /tmp && exec /usr/sbin/sshd -D -f $dir/sshd_config" \
    >"$dir/sshd.log" 2>&1 &
  for _ in $(seq 1 50); do host_up "$i" && return 0; sleep 0.1; done
  echo "ssh: host $i did not start; see $dir/sshd.log" >&2
  return 1
}

case "${1:-}" in
  --stop) stop_host "$2"; exit 0 ;;
  --new-host-key) stop_host "$2"; rm -f "$BASE/host$2/ssh_host_ed25519_key"*; start_host "$2"; exit 0 ;;
esac
N=${1:-3}

if ! command -v sshd >/dev/null && [ ! -x /usr/sbin/sshd ]; then
  echo "ssh: installing openssh-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server >/dev/null
fi
mkdir -p /run/sshd "$BASE/keys"
chmod 755 "$BASE"
if ! id "$USER_NAME" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/bash "$USER_NAME"
fi
[ -f "$BASE/password" ] || head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$BASE/password"
echo "$USER_NAME:$(cat "$BASE/password")" | chpasswd
[ -f "$BASE/keys/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C cronium-test-ed25519 -f "$BASE/keys/id_ed25519"
[ -f "$BASE/keys/passphrase" ] || head -c 9 /dev/urandom | base64 | tr -d '/+=' >"$BASE/keys/passphrase"
[ -f "$BASE/keys/id_rsa_pem" ] || ssh-keygen -q -t rsa -b 3072 -m PEM -N "$(cat "$BASE/keys/passphrase")" \
  -C cronium-test-rsa -f "$BASE/keys/id_rsa_pem"
[ -f "$BASE/keys/id_ecdsa" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C cronium-test-ecdsa -f "$BASE/keys/id_ecdsa"
cat "$BASE"/keys/*.pub >"$BASE/authorized_keys"
chmod 644 "$BASE/authorized_keys"

if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
  ip link add "$BRIDGE" type bridge
  no_ipv6 "$BRIDGE"
  ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
fi
for i in $(seq 1 "$N"); do start_host "$i"; done
echo "ssh: $N hosts up at $(seq -s ' ' -f "$NET.1%g" 1 "$N") as user $USER_NAME (keys in $BASE/keys)"
