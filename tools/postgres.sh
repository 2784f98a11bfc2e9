#!/usr/bin/env bash
# PostgreSQL for OrleansChat: a throwaway cluster for ./test.sh and a persistent one for ./run.sh.
#
#   tools/postgres.sh start-temp                      -> prints PG_TEMP_DIR=... PG_PORT=...
#   tools/postgres.sh stop-temp DIR
#   tools/postgres.sh start-persistent DATADIR [PORT] -> prints PG_DATA_DIR=... PG_PORT=... PG_STARTED=0|1
#   tools/postgres.sh stop-persistent DATADIR
#   tools/postgres.sh ensure-database PORT NAME
#
# Only shell assignments go to stdout (callers `eval` them); every log line goes to stderr.
# Server binaries come from $PG_BIN, `pg_config --bindir` or the newest /usr/lib/postgresql/*/bin;
# when none exist and we run as root, `apt-get install postgresql` provides them.
# initdb refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

readonly TEMP_MARKER=".orleanschat-temp-postgres"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

# Prints the first directory holding initdb, pg_ctl and postgres.
find_bindir() {
  local candidates=() dir
  [[ -n "${PG_BIN:-}" ]] && candidates+=("$PG_BIN")
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  # Newest major version first.
  while IFS= read -r dir; do candidates+=("$dir"); done \
    < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -V -r)
  for dir in "${candidates[@]}"; do
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}

ensure_bindir() {
  local dir
  if dir=$(find_bindir); then printf '%s\n' "$dir"; return 0; fi
  if [[ $EUID -ne 0 ]]; then
    die "PostgreSQL server binaries not found (looked at \$PG_BIN, pg_config --bindir, /usr/lib/postgresql/*/bin)." \
        "Install them (Debian: sudo apt-get install -y postgresql) or set PG_BIN; automatic install needs root."
  fi
  command -v apt-get >/dev/null 2>&1 \
    || die "PostgreSQL server binaries not found and apt-get is unavailable; install PostgreSQL or set PG_BIN."
  log "PostgreSQL server binaries not found; installing the Debian 'postgresql' package"
  DEBIAN_FRONTEND=noninteractive apt-get update >&2 \
    || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2 \
    || die "apt-get install postgresql failed"
  dir=$(find_bindir) || die "postgresql installed but no server binaries found under /usr/lib/postgresql/*/bin"
  printf '%s\n' "$dir"
}

# Runs a PostgreSQL binary as the server's owner: `postgres` when we are root, else ourselves.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to own the cluster"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

give_to_pg() {
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$@"; fi
}

port_is_free() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]
  else
    # Something accepting a connection means the port is taken.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 1; fi
  fi
}

random_free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$(( ((RANDOM << 15) | RANDOM) % 40001 + 20000 ))
    if port_is_free "$port"; then printf '%s\n' "$port"; return 0; fi
  done
  die "no free TCP port found in 20000-60000 after 50 tries"
}

first_free_port_from() {
  local port
  for port in $(seq "$1" $(( $1 + 100 ))); do
    if port_is_free "$port"; then printf '%s\n' "$port"; return 0; fi
  done
  die "no free TCP port in $1-$(( $1 + 100 ))"
}

# Makes every ancestor of $1 traversable by `postgres` (a clone under /root is mode 700).
# Only the search bit for others is added; nothing becomes readable.
open_path_for_pg() {
  [[ $EUID -eq 0 ]] || return 0
  local path=$1 dir=""
  local -a parts
  IFS=/ read -r -a parts <<< "${path#/}"
  for part in "${parts[@]}"; do
    dir="$dir/$part"
    [[ -d "$dir" ]] || break
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      log "granting search permission on $dir so the postgres user can reach its data directory"
      chmod o+x "$dir"
    fi
  done
}

# Trust auth on 127.0.0.1 only: these clusters are for local tests and development.
run_initdb() {
  local bindir=$1 datadir=$2 output
  shift 2
  output=$(as_pg "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 "$@" 2>&1) \
    || { printf '%s\n' "$output" >&2; die "initdb failed for $datadir"; }
}

pg_running() { as_pg "$1/pg_ctl" -D "$2" status >/dev/null 2>&1; }

# Port from postmaster.pid (line 4) of a running cluster.
running_port() { sed -n 4p "$1/postmaster.pid"; }

cmd_start_temp() {
  # Not local: the EXIT trap below reads them after this function returns.
  bindir="" dir="" started=0
  local port attempt
  bindir=$(ensure_bindir)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/orleanschat-pg.XXXXXX")
  touch "$dir/$TEMP_MARKER"
  give_to_pg "$dir"
  # Remove the half-made cluster if anything below fails.
  trap '[[ $started -eq 1 ]] || { as_pg "$bindir/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true; rm -rf "$dir"; }' EXIT
  cd /   # the postgres user may not be able to read the caller's working directory
  log "creating throwaway cluster in $dir (binaries: $bindir)"
  # --no-sync only skips initdb's final flush: this cluster is deleted after the run.
  run_initdb "$bindir" "$dir/data" --no-sync
  # Another process can take the port between the check and the bind; retry on a new one.
  for attempt in 1 2 3 4 5; do
    port=$(random_free_port)
    if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2; then
      started=1
      break
    fi
    log "start on port $port failed (attempt $attempt); server log:"
    tail -n 20 "$dir/server.log" >&2 || true
  done
  [[ $started -eq 1 ]] || die "could not start the throwaway PostgreSQL"
  as_pg "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30 || die "PostgreSQL on port $port is not accepting connections"
  log "throwaway PostgreSQL ready on 127.0.0.1:$port"
  printf 'PG_TEMP_DIR=%q\nPG_PORT=%q\n' "$dir" "$port"
}

cmd_stop_temp() {
  local dir=${1:-} bindir
  [[ -n "$dir" ]] || usage
  [[ -d "$dir" ]] || { log "$dir does not exist; nothing to stop"; return 0; }
  # Refuse to delete anything start-temp did not create.
  [[ -f "$dir/$TEMP_MARKER" ]] || die "$dir was not created by 'postgres.sh start-temp'; not touching it"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    bindir=$(find_bindir) || die "PostgreSQL binaries not found; cannot stop the cluster in $dir"
    cd /
    as_pg "$bindir/pg_ctl" -D "$dir/data" stop -m fast -w -t 60 >&2 \
      || as_pg "$bindir/pg_ctl" -D "$dir/data" stop -m immediate -w >&2 \
      || log "warning: could not stop the cluster in $dir"
  fi
  rm -rf "$dir"
  log "removed throwaway PostgreSQL $dir"
}

cmd_start_persistent() {
  local datadir=${1:-} want_port=${2:-55432} bindir port parent
  [[ -n "$datadir" ]] || usage
  [[ "$want_port" =~ ^[0-9]+$ ]] || die "port must be a number, got '$want_port'"
  bindir=$(ensure_bindir)
  parent=$(dirname "$datadir")
  mkdir -p "$parent"
  datadir="$(cd "$parent" && pwd -P)/$(basename "$datadir")"
  open_path_for_pg "$datadir"
  cd /
  if pg_running "$bindir" "$datadir"; then
    port=$(running_port "$datadir")
    log "PostgreSQL in $datadir is already running on port $port"
    printf 'PG_DATA_DIR=%q\nPG_PORT=%q\nPG_STARTED=0\n' "$datadir" "$port"
    return 0
  fi
  if [[ ! -f "$datadir/PG_VERSION" ]]; then
    log "creating PostgreSQL cluster in $datadir"
    mkdir -p "$datadir"
    chmod 700 "$datadir"
    give_to_pg "$datadir"
    run_initdb "$bindir" "$datadir"
  fi
  port=$(first_free_port_from "$want_port")
  [[ "$port" == "$want_port" ]] || log "port $want_port is taken; using $port"
  # Unix sockets are off: the repo path may exceed the 107-byte socket path limit, and
  # everything here connects over TCP. Every silo and gateway keeps a connection pool that
  # grows with load (about 25-35 connections each were seen under a small load test), and a
  # rolling restart briefly runs an old and a new silo side by side: the default 100 connections
  # ran out with three silos ("53300: too many clients"), so allow more.
  as_pg "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c max_connections=500" start >&2 \
    || { tail -n 20 "$datadir/server.log" >&2 || true; die "could not start PostgreSQL in $datadir"; }
  log "PostgreSQL ready on 127.0.0.1:$port (data: $datadir, log: $datadir/server.log)"
  printf 'PG_DATA_DIR=%q\nPG_PORT=%q\nPG_STARTED=1\n' "$datadir" "$port"
}

cmd_stop_persistent() {
  local datadir=${1:-} bindir
  [[ -n "$datadir" ]] || usage
  [[ -d "$datadir" ]] || { log "$datadir does not exist; nothing to stop"; return 0; }
  bindir=$(find_bindir) || die "PostgreSQL binaries not found"
  datadir=$(cd "$datadir" && pwd -P)
  cd /
  if pg_running "$bindir" "$datadir"; then
    as_pg "$bindir/pg_ctl" -D "$datadir" stop -m fast -w -t 60 >&2
    log "stopped PostgreSQL in $datadir"
  else
    log "PostgreSQL in $datadir is not running"
  fi
}

cmd_ensure_database() {
  local port=${1:-} name=${2:-} bindir exists
  [[ -n "$port" && -n "$name" ]] || usage
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must match [a-z_][a-z0-9_]*, got '$name'"
  bindir=$(find_bindir) || die "PostgreSQL binaries not found"
  exists=$("$bindir/psql" -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = '$name'") || die "cannot query PostgreSQL on port $port"
  if [[ "$exists" == 1 ]]; then
    log "database $name exists"
  else
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name" || die "createdb $name failed"
    log "created database $name"
  fi
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start-temp) cmd_start_temp "$@" ;;
    stop-temp) cmd_stop_temp "$@" ;;
    start-persistent) cmd_start_persistent "$@" ;;
    stop-persistent) cmd_stop_persistent "$@" ;;
    ensure-database) cmd_ensure_database "$@" ;;
    *) usage ;;
  esac
}

main "$@"
