#!/usr/bin/env bash
# Runs OrleansChat locally until Ctrl-C.
#
#   ./run.sh [--postgres CONNSTR] [--port P] [--silos N]
#
#   --postgres CONNSTR  use this PostgreSQL (Npgsql connection string) instead of the local one
#   --port P            gateway port (default 5000)
#   --silos N           number of silo processes forming one cluster (default 2)
#
# Without --postgres it starts (or reuses) a PostgreSQL cluster kept in .data/postgres, on port
# 55432 or the next free one, with a database `orleanschat`. Silo i (from 0) listens for silo
# traffic on 11111+i and serves HTTP (/healthz) on 127.0.0.1:8080+i. Logs go to .data/logs/.
# Ctrl-C or SIGTERM stops the silos and the PostgreSQL this script started.
set -euo pipefail
cd "$(dirname "$0")"
readonly ROOT=$PWD
readonly DATA="$ROOT/.data"
readonly LOGS="$DATA/logs"
readonly PG_DATA="$DATA/postgres"
readonly SILO_DIR="$ROOT/src/Silo/bin/Release/net10.0"
readonly GATEWAY_DIR="$ROOT/src/Gateway/bin/Release/net10.0"
readonly HEALTH_TIMEOUT_SECONDS=60

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

connstr=""
gateway_port=5000
silos=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --postgres) [[ $# -ge 2 ]] || die "--postgres needs a connection string"; connstr=$2; shift 2 ;;
    --port) [[ $# -ge 2 ]] || die "--port needs a number"; gateway_port=$2; shift 2 ;;
    --silos) [[ $# -ge 2 ]] || die "--silos needs a number"; silos=$2; shift 2 ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see ./run.sh --help)" ;;
  esac
done
if ! [[ "$gateway_port" =~ ^[0-9]{1,5}$ ]] || (( gateway_port < 1 || gateway_port > 65535 )); then
  die "--port must be a TCP port number, got '$gateway_port'"
fi
if ! [[ "$silos" =~ ^[0-9]{1,2}$ ]] || (( silos < 1 || silos > 16 )); then
  die "--silos must be between 1 and 16, got '$silos'"
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

pids=()
pg_started=0

stop_all() {
  # Finish cleaning up even if Ctrl-C is pressed again.
  trap - EXIT
  trap '' INT TERM
  local pid i
  if [[ ${#pids[@]} -gt 0 ]]; then
    say "stopping ${#pids[@]} silo process(es)"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    # Give each silo up to 30 s to shut down gracefully, then force it.
    for pid in "${pids[@]}"; do
      for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        say "silo pid $pid did not stop within 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
      wait "$pid" 2>/dev/null || true
    done
    pids=()
  fi
  if [[ $pg_started -eq 1 ]]; then
    tools/postgres.sh stop-persistent "$PG_DATA" || true
    pg_started=0
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$LOGS"

# Fail before starting anything if a silo's ports are taken (e.g. by another ./run.sh):
# otherwise /healthz could be answered by someone else's server.
for (( i = 0; i < silos; i++ )); do
  for port in $(( 11111 + i )) $(( 8080 + i )); do
    port_in_use "$port" && die "port $port (silo-$i) is already in use; is another ./run.sh running?"
  done
done
port_in_use "$gateway_port" && die "port $gateway_port (gateway) is already in use; choose another with --port"

# --- PostgreSQL ---
if [[ -z "$connstr" ]]; then
  eval "$(tools/postgres.sh start-persistent "$PG_DATA" 55432)"
  pg_started=$PG_STARTED
  tools/postgres.sh ensure-database "$PG_PORT" orleanschat
  connstr="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=orleanschat"
fi

# --- Silos ---
say "building src/Silo (Release)"
dotnet build src/Silo -c Release --nologo -v quiet >&2 || die "build of src/Silo failed"

# Each silo runs from its output folder so it finds its appsettings*.json.
for (( i = 0; i < silos; i++ )); do
  name="silo-$i"
  (
    cd "$SILO_DIR"
    export ConnectionStrings__Postgres="$connstr" Silo__Name="$name" Silo__Port=$(( 11111 + i )) \
      ASPNETCORE_URLS="http://127.0.0.1:$(( 8080 + i ))"
    exec dotnet OrleansChat.Silo.dll
  ) >"$LOGS/$name.log" 2>&1 </dev/null &
  pids+=("$!")
  say "started $name (pid $!, log .data/logs/$name.log)"
done

# Wait until every silo answers /healthz, or fail fast if one exits.
for (( i = 0; i < silos; i++ )); do
  url="http://127.0.0.1:$(( 8080 + i ))/healthz"
  deadline=$(( SECONDS + HEALTH_TIMEOUT_SECONDS ))
  until curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      tail -n 30 "$LOGS/silo-$i.log" >&2 || true
      die "silo-$i exited during start-up (log: .data/logs/silo-$i.log)"
    fi
    if (( SECONDS >= deadline )); then
      tail -n 30 "$LOGS/silo-$i.log" >&2 || true
      die "silo-$i did not answer $url within ${HEALTH_TIMEOUT_SECONDS} s"
    fi
    sleep 0.25
  done
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
(
  cd "$GATEWAY_DIR"
  export ConnectionStrings__Postgres="$connstr" ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" \
    Gateway__Auth__SigningSecret="$(cat "$secret_file")" \
    Gateway__Http__AllowedOrigins__0="http://127.0.0.1:$gateway_port" \
    Gateway__Http__AllowedOrigins__1="http://localhost:$gateway_port" \
    Gateway__WebRoot="$ROOT/src/WebClient/dist"
  exec dotnet OrleansChat.Gateway.dll
) >"$LOGS/gateway.log" 2>&1 </dev/null &
pids+=("$!")
gateway_pid=$!
say "started gateway (pid $gateway_pid, log .data/logs/gateway.log)"
deadline=$(( SECONDS + HEALTH_TIMEOUT_SECONDS ))
until curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$gateway_port/healthz" 2>/dev/null; do
  if ! kill -0 "$gateway_pid" 2>/dev/null; then
    tail -n 30 "$LOGS/gateway.log" >&2 || true
    die "the gateway exited during start-up (log: .data/logs/gateway.log)"
  fi
  (( SECONDS < deadline )) || die "the gateway did not answer /healthz within ${HEALTH_TIMEOUT_SECONDS} s"
  sleep 0.25
done

echo
echo "OrleansChat is running."
for (( i = 0; i < silos; i++ )); do
  echo "  silo-$i: http://127.0.0.1:$(( 8080 + i ))  (silo port $(( 11111 + i )), health: /healthz)"
done
echo "  gateway: http://127.0.0.1:$gateway_port   <- open this (API under /api, hub at /hubs/chat)"
echo "  PostgreSQL: $(redact "$connstr")"
echo "  logs: $LOGS/"
echo "Press Ctrl-C to stop."

# `wait` (unlike a foreground sleep) returns as soon as a signal arrives, so traps run at once.
# Any silo exiting on its own ends the run.
set +e
wait -n "${pids[@]}"
status=$?
set -e
say "a silo exited on its own (status $status); stopping the rest"
exit 1
