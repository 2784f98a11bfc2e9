#!/usr/bin/env bash
# Replaces every silo of a running ./run.sh cluster, one at a time, while it serves traffic.
#
#   tools/rolling-restart.sh [--timeout SECONDS]
#
#   --timeout SECONDS  how long one silo may take to stop, and its replacement to become ready (default 60)
#
# For each silo recorded in .data/run/ (by ./run.sh): SIGTERM, the graceful stop (it refuses new
# calls so callers re-route, deactivates its grains so their state is written, marks itself Dead in
# the membership); wait until the process is gone and its ports are free; start it again with the
# recorded command (same name, ports and settings, a new generation); wait until its /readyz says
# ready (Active in the membership) and its /cluster shows every recorded silo Active; then the
# next. Exits 0 when every silo was replaced; 1 at the first one that does not stop or come back.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly ROOT=$PWD
source "$ROOT/tools/run-state.sh"
readonly RUN_DIR=$(run_state_dir)

say() { printf 'rolling-restart: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

timeout=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --timeout) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "--timeout needs a number of seconds"; timeout=$2; shift 2 ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

run_alive() { [[ -f "$RUN_DIR/run.pid" ]] && kill -0 "$(cat "$RUN_DIR/run.pid")" 2>/dev/null; }
run_alive || die "no ./run.sh is running from this checkout (nothing in .data/run/)"

silos=()
for file in "$RUN_DIR"/silo-*.env; do
  [[ -e "$file" ]] && silos+=("$(basename "$file" .env)")
done
(( ${#silos[@]} > 0 )) || die "the running ./run.sh has no silo processes (--single runs the grains in the gateway)"
# The same order ./run.sh started them in (silo-10 after silo-9).
mapfile -t silos < <(printf '%s\n' "${silos[@]}" | sort -t- -k2,2n)

port_free() { [[ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

# until_true SECONDS WHAT COMMAND...: runs COMMAND every 0.25 s until it succeeds.
until_true() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$(( SECONDS + seconds ))
  until "$@"; do
    (( SECONDS < deadline )) || die "$what: not within $seconds s"
    run_alive || die "./run.sh stopped meanwhile"
    sleep 0.25
  done
}

ports_free() { port_free "$1" && port_free "$2"; }
# alive_and_ready PID HTTP_PORT: the process runs and its /readyz answers 200 (Active in the membership).
alive_and_ready() { kill -0 "$1" 2>/dev/null && curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$2/readyz" 2>/dev/null; }
# The silo's own view lists every recorded silo as Active (each name once with that status).
sees_all_active() {
  local view
  view=$(curl -fsS --max-time 2 "http://127.0.0.1:$1/cluster" 2>/dev/null) || return 1
  local name
  for name in "${silos[@]}"; do
    grep -Eq "\"name\":\"$name\",[^}]*\"status\":\"Active\"" <<< "$view" || return 1
  done
}

started=$SECONDS
for name in "${silos[@]}"; do
  # shellcheck disable=SC1090
  source "$RUN_DIR/$name.env"
  old_pid=$pid
  say "$name: stopping pid $old_pid (graceful)"
  t0=$SECONDS
  stop_pid "$old_pid" "$name" "$timeout"
  until_true 10 "$name: ports $silo_port and $http_port free" ports_free "$silo_port" "$http_port"
  say "$name: stopped after $(( SECONDS - t0 )) s; starting it again"
  start_recorded "$name" "$workdir" "$log" 1 "${env[@]}" -- "${command[@]}"
  record_extra "$name" silo_port "$silo_port"
  record_extra "$name" http_port "$http_port"
  new_pid=$STARTED_PID
  until_true "$timeout" "$name (pid $new_pid) ready" alive_and_ready "$new_pid" "$http_port"
  until_true "$timeout" "$name sees every silo Active" sees_all_active "$http_port"
  say "$name: replaced (pid $old_pid -> $new_pid) in $(( SECONDS - t0 )) s"
done
say "all ${#silos[@]} silos replaced in $(( SECONDS - started )) s"
