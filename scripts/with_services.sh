#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server and a throwaway Redis, both on free
# loopback ports, then stops both. Usage: scripts/with_services.sh COMMAND [ARGS...]
# PostgreSQL is Debian's (initdb and pg_ctl as the postgres user, in a temporary data directory
# that user owns): the same server production runs, not a mock.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server not installed (see debian-packages.txt)" >&2; exit 1; }

free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

workdir=$(mktemp -d /tmp/inmprep-services.XXXXXX)
chmod 755 "$workdir"
datadir="$workdir/pgdata"
mkdir -p "$datadir"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir" "$workdir"
pg_port=$(free_port)
redis_port=$(free_port)

cleanup() {
  status=$?
  as_postgres "$pg_bin/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null 2>&1 || true
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 50); do
    pgrep -f "redis-server 127.0.0.1:$redis_port" >/dev/null || break
    sleep 0.1
  done
  rm -rf "$workdir" 2>/dev/null || { sleep 1; rm -rf "$workdir" || true; }
  exit "$status"
}
trap cleanup EXIT

as_postgres "$pg_bin/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$datadir" -l "$workdir/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $workdir -c fsync=off -c full_page_writes=off" start >/dev/null
as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres inmprep

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log" --dir "$workdir"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/inmprep"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
"$@"
