# Sourced by .ci/run: starts a throwaway PostgreSQL on loopback so the database tests also run
# against a real server (TEST_DATABASE_URL), not only PGlite. Best effort: without it those tests
# are reported as skipped, never silently passed.
start_test_postgres() {
  [ -n "${TEST_DATABASE_URL:-}" ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends postgresql >/dev/null || return 1
  fi
  local bin data
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  data=$(mktemp -d /tmp/comptoir-pg-XXXXXX)
  # initdb refuses to run as root; the Debian package creates a postgres user.
  local as=""
  [ "$(id -u)" -eq 0 ] && { chown postgres "$data"; as="runuser -u postgres --"; }
  $as "$bin/initdb" -D "$data" -A trust -U comptoir >/dev/null || return 1
  # The first free port from 55432: another PostgreSQL left on it must not skip the tests.
  local port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); [ "$port" -gt 55450 ] && return 1; done
  $as "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-h 127.0.0.1 -p $port -k $data" -w start >/dev/null || return 1
  export TEST_DATABASE_URL="postgres://comptoir@127.0.0.1:$port/postgres"
  trap "$as '$bin/pg_ctl' -D '$data' -m fast stop >/dev/null 2>&1; rm -rf '$data'" EXIT
}
