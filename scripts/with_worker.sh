#!/usr/bin/env bash
# Runs the web server with the task worker beside it, and stops both together: make run, make
# serve and make serve-local. Usage: scripts/with_worker.sh COMMAND [ARGS...]
# The worker renders packet PDFs before they are asked for (procedures/tasks.py); if it stops,
# the server goes on (a download renders its PDF itself) and this says so.
set -uo pipefail
cd "$(dirname "$0")/.."

# Both in the background, so that a TERM to this script (not only Ctrl-C, which reaches the whole
# process group) stops them: bash runs a trap only between commands, never during a foreground one.
.venv/bin/python manage.py db_worker --interval "${WORKER_INTERVAL:-0.5}" &
worker=$!
"$@" &
server=$!

stop() {
  trap - INT TERM
  kill -TERM "$server" "$worker" 2>/dev/null
}
trap stop INT TERM

# Wait for the first to stop (or a signal). A worker that stops leaves the server serving.
wait -n "$server" "$worker"
if ! kill -0 "$worker" 2>/dev/null && kill -0 "$server" 2>/dev/null; then
  echo "The task worker stopped; the site goes on, and each PDF renders when it is downloaded." >&2
fi
while :; do
  wait "$server"
  status=$?
  kill -0 "$server" 2>/dev/null || break  # a signal interrupted the wait: the server is stopping
done
kill -TERM "$worker" 2>/dev/null
wait "$worker" 2>/dev/null
exit "$status"
