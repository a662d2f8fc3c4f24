#!/usr/bin/env bash
# Throwaway PostgreSQL server for the storage plugin tests.
#
#   eval "$(.ci/postgres.sh start)"   # prints export lines for DYNAMO_TEST_POSTGRES(_DIR)
#   .ci/postgres.sh stop              # stops the server and removes its folder
#
# The cluster lives in a fresh temporary folder, listens only on 127.0.0.1 on a free port and
# runs as an unprivileged user (PostgreSQL refuses to run as root). Everything but the export
# lines goes to stderr so that the output can be eval'ed.
set -euo pipefail

STATE_FILE="${TMPDIR:-/tmp}/dynamo-postgres.current"
DB_USER=dynamo
DB_PASSWORD=dynamo
DB_NAME=dynamo_test

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local initdb
  initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$initdb" ]] && command -v initdb >/dev/null 2>&1; then
    initdb=$(readlink -f "$(command -v initdb)")
  fi
  [[ -n "$initdb" ]] && dirname "$initdb"
}

ensure_installed() {
  local bindir
  bindir=$(find_bindir || true)
  if [[ -z "$bindir" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      log "initdb not found and not root: install PostgreSQL (apt-get install -y postgresql) first"
      exit 1
    fi
    log "installing PostgreSQL"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
    bindir=$(find_bindir)
  fi
  echo "$bindir"
}

# As root, run the server as the postgres system user (created by the package) or a user of our own.
server_user() {
  if [[ $(id -u) -ne 0 ]]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    id dynamopg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin dynamopg
    echo dynamopg
  fi
}

as_user() {
  local user=$1; shift
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for port in $(shuf -i 20000-45000 -n 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  log "no free port found"
  exit 1
}

start() {
  local bindir user dir port
  bindir=$(ensure_installed)
  user=$(server_user)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/dynamo-postgres.XXXXXX")
  chmod 700 "$dir"
  [[ $(id -u) -eq 0 ]] && chown "$user" "$dir"
  printf '%s\n' "$DB_PASSWORD" >"$dir/password"
  [[ $(id -u) -eq 0 ]] && chown "$user" "$dir/password"
  log "initdb in $dir as $user ($bindir)"
  as_user "$user" "$bindir/initdb" -D "$dir/data" -U "$DB_USER" --pwfile="$dir/password" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(free_port)
  log "starting on 127.0.0.1:$port"
  as_user "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_user "$user" "$bindir/createdb" -h "$dir" -p "$port" -U "$DB_USER" "$DB_NAME"
  echo "$dir" >"$STATE_FILE"
  echo "export DYNAMO_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=$DB_USER;Password=$DB_PASSWORD;Database=$DB_NAME'"
  echo "export DYNAMO_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir bindir user
  dir="${1:-${DYNAMO_TEST_POSTGRES_DIR:-}}"
  if [[ -z "$dir" && -f "$STATE_FILE" ]]; then
    dir=$(cat "$STATE_FILE")
  fi
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    log "no running test server found"
    return 0
  fi
  bindir=$(find_bindir)
  user=$(stat -c %U "$dir")
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_user "$user" "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || true
  fi
  rm -rf "$dir"
  [[ -f "$STATE_FILE" && "$(cat "$STATE_FILE")" == "$dir" ]] && rm -f "$STATE_FILE"
  log "stopped and removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [dir]" >&2; exit 2 ;;
esac
