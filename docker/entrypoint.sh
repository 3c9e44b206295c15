#!/bin/sh
# Container entrypoint: one image, several roles. The first argument picks the role:
#   web      validate the environment, wait for the database, migrate, then serve (default)
#   worker   run the BullMQ worker (needs Redis; migrates itself too)
#   migrate  wait for the database and apply pending migrations, then exit
#   cli | patchmon <command> [options]   the operator CLI (see: cli help)
# Anything else is executed as given, e.g. `docker run --rm -it patchmon:latest sh`.
set -eu

# The app root is the folder above this script (/app in the image): server.js, dist/, db/migrations
# and agent-scripts are resolved from the working directory.
cd "$(dirname "$0")/.."

role="${1:-web}"
if [ "$#" -gt 0 ]; then
  shift
fi

case "$role" in
  web)
    # preflight exits non-zero on an invalid environment or an unreachable database, and `set -e`
    # then stops the container instead of serving half-configured. It may wait a minute for the
    # database, so it runs in the background while this shell forwards SIGTERM/SIGINT to it: as PID 1
    # (docker run without --init) sh ignores signals it does not trap, and `docker stop` would wait
    # out its whole grace period.
    preflight=
    stop() {
      if [ -n "$preflight" ]; then
        kill -TERM "$preflight" 2>/dev/null || :
        wait "$preflight" || :
      fi
      exit "$1"
    }
    trap 'stop 143' TERM
    trap 'stop 130' INT
    node dist/cli.mjs preflight &
    preflight=$!
    wait "$preflight"
    trap - TERM INT
    exec node server.js
    ;;
  worker)
    exec node dist/worker.mjs
    ;;
  migrate)
    exec node dist/cli.mjs migrate
    ;;
  cli | patchmon)
    exec node dist/cli.mjs "$@"
    ;;
  *)
    exec "$role" "$@"
    ;;
esac
