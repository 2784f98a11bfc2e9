#!/usr/bin/env bash
# Runs OrleansChat locally until Ctrl-C.
#
#   ./run.sh [--postgres CONNSTR] [--port P] [--silos N | --single] [--silo-port P] [--silo-http-port P]
#
#   --postgres CONNSTR  use this PostgreSQL (Npgsql connection string) instead of the local one
#   --port P            gateway port (default 5000)
#   --silos N           number of silo processes forming one cluster (default 2)
#   --single            one process: the gateway hosts the grains itself (quick start)
#   --silo-port P       silo messaging port of silo 0; silo i uses P+i (default 11111)
#   --silo-http-port P  HTTP port of silo 0 (/healthz /readyz /cluster /metrics); silo i uses P+i (default 8080)
#
# Without --postgres it starts (or reuses) a PostgreSQL cluster kept in .data/postgres, on port
# 55432 or the next free one, with a database `orleanschat`. Logs go to .data/logs/. Every process
# started is recorded in .data/run/ (pid, ports, command), so tools/rolling-restart.sh can replace
# the silos one by one. A silo that exits (crash, kill, restart) leaves the others running; the
# gateway exiting ends the run. Ctrl-C or SIGTERM stops every recorded process and the PostgreSQL
# this script started.
set -euo pipefail
cd "$(dirname "$0")"
readonly ROOT=$PWD
readonly DATA="$ROOT/.data"
readonly LOGS="$DATA/logs"
readonly PG_DATA="$DATA/postgres"
readonly SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
readonly GATEWAY_DIR="$ROOT/src/Gateway/bin/Release/net10.0"
readonly HEALTH_TIMEOUT_SECONDS=60
# A silo deactivates its grains and leaves the membership within Silo:ShutdownTimeout (30 s).
readonly STOP_TIMEOUT_SECONDS=40
source "$ROOT/tools/run-state.sh"
readonly RUN_DIR=$(run_state_dir)

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

connstr=""
gateway_port=5000
silos=2
single=0
silo_port=11111
silo_http_port=8080
while [[ $# -gt 0 ]]; do
  case "$1" in
    --postgres) [[ $# -ge 2 ]] || die "--postgres needs a connection string"; connstr=$2; shift 2 ;;
    --port) [[ $# -ge 2 ]] || die "--port needs a number"; gateway_port=$2; shift 2 ;;
    --silos) [[ $# -ge 2 ]] || die "--silos needs a number"; silos=$2; shift 2 ;;
    --single) single=1; shift ;;
    --silo-port) [[ $# -ge 2 ]] || die "--silo-port needs a number"; silo_port=$2; shift 2 ;;
    --silo-http-port) [[ $# -ge 2 ]] || die "--silo-http-port needs a number"; silo_http_port=$2; shift 2 ;;
    -h|--help) sed -n '2,18s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see ./run.sh --help)" ;;
  esac
done
is_port() { [[ "$1" =~ ^[0-9]{1,5}$ ]] && (( $1 >= 1 && $1 <= 65535 )); }
is_port "$gateway_port" || die "--port must be a TCP port number, got '$gateway_port'"
is_port "$silo_port" || die "--silo-port must be a TCP port number, got '$silo_port'"
is_port "$silo_http_port" || die "--silo-http-port must be a TCP port number, got '$silo_http_port'"
if ! [[ "$silos" =~ ^[0-9]{1,2}$ ]] || (( silos < 1 || silos > 16 )); then
  die "--silos must be between 1 and 16, got '$silos'"
fi
if [[ $single -eq 1 ]]; then
  silos=0
fi

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Connection string for display, without its password.
redact() { sed -E 's/((^|;)[[:space:]]*(password|pwd)[[:space:]]*=)[^;]*/\1***/Ig' <<< "$1"; }

# One ./run.sh per checkout: .data/run/ describes the processes of exactly one run.
if [[ -f "$RUN_DIR/run.pid" ]] && kill -0 "$(cat "$RUN_DIR/run.pid")" 2>/dev/null; then
  die "./run.sh (pid $(cat "$RUN_DIR/run.pid")) is already running from this checkout"
fi
rm -rf "$RUN_DIR"
( umask 077; mkdir -p "$RUN_DIR" )
echo $$ > "$RUN_DIR/run.pid"

pg_started=0
stopping=0

# Every process recorded in .data/run/, gateway first (it stops taking traffic), then the silos.
recorded_names() {
  [[ -f "$RUN_DIR/gateway.env" ]] && echo gateway
  local file
  for file in "$RUN_DIR"/silo-*.env; do
    [[ -e "$file" ]] && basename "$file" .env
  done
  return 0
}

stop_all() {
  # Finish cleaning up even if Ctrl-C is pressed again.
  trap - EXIT
  trap '' INT TERM
  stopping=1
  local name pid
  for name in $(recorded_names); do
    pid=$(record_pid "$name")
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      say "stopping $name (pid $pid)"
      stop_pid "$pid" "$name" "$STOP_TIMEOUT_SECONDS"
    fi
  done
  wait 2>/dev/null || true
  if [[ $pg_started -eq 1 ]]; then
    tools/postgres.sh stop-persistent "$PG_DATA" || true
    pg_started=0
  fi
  rm -rf "$RUN_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$LOGS"

# Fail before starting anything if a port is taken (e.g. by another ./run.sh): otherwise
# /healthz could be answered by someone else's server.
for (( i = 0; i < silos; i++ )); do
  for port in $(( silo_port + i )) $(( silo_http_port + i )); do
    port_in_use "$port" && die "port $port (silo-$i) is already in use; is another ./run.sh running? (see --silo-port, --silo-http-port)"
  done
done
if [[ $single -eq 1 ]]; then
  port_in_use "$silo_port" && die "port $silo_port (the co-hosted silo) is already in use; choose another with --silo-port"
fi
port_in_use "$gateway_port" && die "port $gateway_port (gateway) is already in use; choose another with --port"

# --- PostgreSQL ---
if [[ -z "$connstr" ]]; then
  eval "$(tools/postgres.sh start-persistent "$PG_DATA" 55432)"
  pg_started=$PG_STARTED
  tools/postgres.sh ensure-database "$PG_PORT" orleanschat
  connstr="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=orleanschat"
fi

# wait_healthy NAME PID URL: until URL answers 2xx; fails fast if PID exits.
wait_healthy() {
  local name=$1 pid=$2 url=$3 deadline=$(( SECONDS + HEALTH_TIMEOUT_SECONDS ))
  until curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOGS/$name.log" >&2 || true
      die "$name exited during start-up (log: .data/logs/$name.log)"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$LOGS/$name.log" >&2 || true
      die "$name did not answer $url within ${HEALTH_TIMEOUT_SECONDS} s"
    fi
    sleep 0.25
  done
}

# --- Silos ---
if (( silos > 0 )); then
  say "building src/Silo (Release)"
  dotnet build src/Silo -c Release --nologo -v quiet >&2 || die "build of src/Silo failed"
fi

# Each silo runs from its output folder so it finds its appsettings*.json.
for (( i = 0; i < silos; i++ )); do
  name="silo-$i"
  : > "$LOGS/$name.log"
  start_recorded "$name" "$SILO_DIR" "$LOGS/$name.log" 0 \
    "ConnectionStrings__Postgres=$connstr" "Silo__Name=$name" "Silo__Port=$(( silo_port + i ))" \
    "ASPNETCORE_URLS=http://127.0.0.1:$(( silo_http_port + i ))" -- dotnet OrleansChat.Silo.dll
  record_extra "$name" silo_port $(( silo_port + i ))
  record_extra "$name" http_port $(( silo_http_port + i ))
  say "started $name (pid $STARTED_PID, log .data/logs/$name.log)"
done
for (( i = 0; i < silos; i++ )); do
  wait_healthy "silo-$i" "$(record_pid "silo-$i")" "http://127.0.0.1:$(( silo_http_port + i ))/healthz"
done

# --- Gateway ---
if [[ -f src/WebClient/package.json ]]; then
  say "building the web client (src/WebClient)"
  ( cd src/WebClient && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; } && npm run build ) >&2 \
    || die "build of src/WebClient failed"
fi
say "building src/Gateway (Release)"
dotnet build src/Gateway -c Release --nologo -v quiet >&2 || die "build of src/Gateway failed"

# The token-signing secret is generated once and kept with the local data, never printed.
secret_file="$ROOT/.data/gateway-signing-secret"
if [[ ! -s "$secret_file" ]]; then
  ( umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n' > "$secret_file" )
fi
gateway_env=(
  "ConnectionStrings__Postgres=$connstr" "ASPNETCORE_URLS=http://127.0.0.1:$gateway_port"
  "Gateway__Auth__SigningSecret=$(cat "$secret_file")"
  "Gateway__Http__AllowedOrigins__0=http://127.0.0.1:$gateway_port"
  "Gateway__Http__AllowedOrigins__1=http://localhost:$gateway_port"
  "Gateway__WebRoot=$ROOT/src/WebClient/dist"
)
if [[ $single -eq 1 ]]; then
  # The gateway is the cluster's only silo: grain calls stay in the process.
  gateway_env+=("Gateway__Cluster__Mode=CoHosted" "Silo__Name=single" "Silo__Port=$silo_port")
fi
: > "$LOGS/gateway.log"
start_recorded gateway "$GATEWAY_DIR" "$LOGS/gateway.log" 0 "${gateway_env[@]}" -- dotnet OrleansChat.Gateway.dll
gateway_pid=$STARTED_PID
record_extra gateway http_port "$gateway_port"
say "started gateway (pid $gateway_pid, log .data/logs/gateway.log)"
wait_healthy gateway "$gateway_pid" "http://127.0.0.1:$gateway_port/healthz"

echo
if [[ $single -eq 1 ]]; then
  echo "OrleansChat is running in one process (gateway and silo, pid $gateway_pid)."
  echo "  gateway: http://127.0.0.1:$gateway_port   <- open this (API under /api, hub at /hubs/chat, /cluster, /metrics)"
  echo "  silo port: $silo_port"
else
  echo "OrleansChat is running."
  for (( i = 0; i < silos; i++ )); do
    echo "  silo-$i: http://127.0.0.1:$(( silo_http_port + i ))  (pid $(record_pid "silo-$i"), silo port $(( silo_port + i )), /healthz /readyz /cluster /metrics)"
  done
  echo "  gateway: http://127.0.0.1:$gateway_port   <- open this (API under /api, hub at /hubs/chat)  (pid $gateway_pid)"
fi
echo "  PostgreSQL: $(redact "$connstr")"
echo "  logs: $LOGS/   processes: $RUN_DIR/"
echo "Press Ctrl-C to stop."

# Watch the recorded processes. `wait` (unlike a foreground sleep) returns as soon as a signal
# arrives, so the traps run at once. A silo that exits is reported and the rest keep running
# (tools/rolling-restart.sh records its replacement; chaos tests kill silos on purpose).
declare -A reported=()
set +e
while true; do
  sleep 1 &
  finished=""
  wait -n -p finished "$gateway_pid" $! 2>/dev/null
  status=$?
  if [[ "$finished" == "$gateway_pid" ]] || ! kill -0 "$gateway_pid" 2>/dev/null; then
    say "the gateway exited on its own (status $status); stopping the rest"
    exit 1
  fi
  for name in $(recorded_names); do
    [[ "$name" == gateway ]] && continue
    pid=$(record_pid "$name")
    if [[ -n "$pid" && -z "${reported[$name:$pid]:-}" ]] && ! kill -0 "$pid" 2>/dev/null; then
      reported[$name:$pid]=1
      say "$name (pid $pid) exited; the others keep running (log: .data/logs/$name.log)"
    fi
  done
done
