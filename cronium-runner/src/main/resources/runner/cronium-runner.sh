#!/bin/sh
# Cronium runner: runs one payload directory on a remote server and removes it afterwards. Needs a POSIX shell and
# the script's interpreter, nothing else. Deployed once per version to /tmp/cronium-runner-VERSION/runner.sh.
#   runner.sh run DIR          runs the payload in DIR (env.sh, command, the script, work/) in a process group of
#                              its own; exits with the script's status
#   runner.sh kill DIR [GRACE] SIGTERM to that process group, SIGKILL after GRACE seconds (3); removes DIR;
#                              prints "stopped" if the group was still there, "none" if not
# Every step is a shell builtin where one exists: each process costs milliseconds on a small server.
set -u
__cronium_command=$1
__cronium_dir=$2
case "$__cronium_command" in
  run)
    trap 'rm -rf "$__cronium_dir"' EXIT
    CRONIUM_DIR=$__cronium_dir
    export CRONIUM_DIR
    . "$__cronium_dir/env.sh"
    if [ -n "${CRONIUM_HELPERS:-}" ]; then
      PATH="$CRONIUM_HELPERS/bin:$PATH"
      export PATH
    fi
    cd "$__cronium_dir/work" || exit 125
    read -r __cronium_line <"$__cronium_dir/command"
    # In a non-interactive shell a background child is no group leader, so setsid runs it in place: its pid is
    # the id of a new process group holding everything the script starts. The line is split into words on purpose.
    if command -v setsid >/dev/null 2>&1; then
      setsid $__cronium_line </dev/null &
    else
      set -m
      $__cronium_line </dev/null &
      set +m
    fi
    __cronium_pid=$!
    echo "$__cronium_pid" >"$__cronium_dir/pid"
    # hung up (the connection is gone): the script must not live on unseen, a re-run may start elsewhere
    trap 'kill -KILL -"$__cronium_pid" 2>/dev/null; exit 129' HUP
    wait "$__cronium_pid"
    exit $?
    ;;
  kill)
    __cronium_pid=$(cat "$__cronium_dir/pid" 2>/dev/null) || { rm -rf "$__cronium_dir"; echo none; exit 0; }
    if kill -TERM -"$__cronium_pid" 2>/dev/null || kill -TERM "$__cronium_pid" 2>/dev/null; then
      echo stopped
    else
      echo none
    fi
    __cronium_ticks=$(( ${3:-3} * 10 ))
    while [ "$__cronium_ticks" -gt 0 ] && kill -0 -"$__cronium_pid" 2>/dev/null; do
      sleep 0.1 2>/dev/null || sleep 1
      __cronium_ticks=$((__cronium_ticks - 1))
    done
    kill -KILL -"$__cronium_pid" 2>/dev/null
    rm -rf "$__cronium_dir"
    ;;
  *)
    echo "cronium runner: unknown command $__cronium_command" >&2
    exit 2
    ;;
esac
