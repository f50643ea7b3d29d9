#!/bin/sh
# Starts one app of the image, chosen by the first argument:
#   auth | rooms | gateway | standalone | web-host     the apps (dist/apps/<app>/src/main.js)
#   rotate-keys                                         a new signing key for the standalone data folder
#   healthcheck                                         exits 0 when this container's /readyz answers 200
#   anything else                                       run as given (a shell, say)
#
# Node does not size its heap from the container's memory limit, so a limited container would be
# OOM-killed before V8 collects garbage. The heap is capped at NODE_HEAP_PERCENT (default 75) of the
# cgroup memory limit, leaving the rest for buffers, sockets and native memory (argon2 hashes).
# An explicit --max-old-space-size in NODE_OPTIONS wins.
set -eu

cgroup_root="${CGROUP_ROOT:-/sys/fs/cgroup}"

# Prints the container's memory limit in bytes, or nothing when there is none.
memory_limit() {
  limit=""
  if [ -r "$cgroup_root/memory.max" ]; then
    limit="$(cat "$cgroup_root/memory.max")" # cgroup v2
  elif [ -r "$cgroup_root/memory/memory.limit_in_bytes" ]; then
    limit="$(cat "$cgroup_root/memory/memory.limit_in_bytes")" # cgroup v1
  fi
  case "$limit" in
    '' | max | *[!0-9]*) return 0 ;;
  esac
  # cgroup v1 reports "unlimited" as a number near 2^63.
  if [ "${#limit}" -ge 19 ]; then return 0; fi
  echo "$limit"
}

case "${NODE_OPTIONS:-}" in
  *--max-old-space-size*) ;;
  *)
    limit="$(memory_limit)"
    if [ -n "$limit" ]; then
      heap_mb=$((limit / 1048576 * ${NODE_HEAP_PERCENT:-75} / 100))
      export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=$heap_mb"
    fi
    ;;
esac

app="${1:-standalone}"
[ "$#" -gt 0 ] && shift
case "$app" in
  auth | rooms | gateway | standalone | web-host)
    exec node "/app/dist/apps/$app/src/main.js" "$@"
    ;;
  rotate-keys)
    exec node /app/dist/apps/standalone/src/rotate-keys.js "$@"
    ;;
  healthcheck)
    # The image has no curl; Node's fetch does. PORT is the one the app was started with.
    exec node -e '
      const url = `http://127.0.0.1:${process.env.PORT ?? 8080}/readyz`;
      fetch(url, { signal: AbortSignal.timeout(3000) })
        .then((response) => process.exit(response.ok ? 0 : 1))
        .catch(() => process.exit(1));
    '
    ;;
  *)
    exec "$app" "$@"
    ;;
esac
