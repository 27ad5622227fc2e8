#!/bin/sh
# Cronium runner: runs one payload directory on a remote server and removes it afterwards. Needs a POSIX shell and
# the script's interpreter, nothing else. Deployed once per version to /tmp/cronium-runner-VERSION/runner.sh.
#   runner.sh run DIR          runs DIR/run.sh in a process group of its own; exits with the script's status
#   runner.sh kill DIR [GRACE] SIGTERM to that process group, SIGKILL after GRACE seconds (3); removes DIR
set -u
command=$1
dir=$2
case "$command" in
  run)
    trap 'rm -rf "$dir"' EXIT
    CRONIUM_DIR=$dir
    export CRONIUM_DIR
    # In a non-interactive shell a background child is no group leader, so setsid runs it in place: its pid is
    # the id of a new process group holding everything the script starts.
    if command -v setsid >/dev/null 2>&1; then
      setsid sh "$dir/run.sh" </dev/null &
    else
      set -m
      sh "$dir/run.sh" </dev/null &
      set +m
    fi
    pid=$!
    echo "$pid" >"$dir/pid"
    wait "$pid"
    exit $?
    ;;
  kill)
    pid=$(cat "$dir/pid" 2>/dev/null) || { rm -rf "$dir"; exit 0; }
    kill -TERM -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    ticks=$(( ${3:-3} * 10 ))
    while [ "$ticks" -gt 0 ] && kill -0 -"$pid" 2>/dev/null; do
      sleep 0.1 2>/dev/null || sleep 1
      ticks=$((ticks - 1))
    done
    kill -KILL -"$pid" 2>/dev/null
    rm -rf "$dir"
    ;;
  *)
    echo "cronium runner: unknown command $command" >&2
    exit 2
    ;;
esac
