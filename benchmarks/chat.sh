#!/usr/bin/env bash
# Chat load benchmarks (issue 8): the full system next to its baselines, measured in the same run.
#
#   benchmarks/chat.sh --out DIR --postgres CONNSTR [--quick] [--base-port P] [--no-gateway]
#
#   --out DIR          result files (JSON, fixed names) and chat.md go here (emptied first)
#   --postgres CONNSTR PostgreSQL (no database named): the INSERT baseline's scratch table, and a
#                      fresh database for the cluster this script starts
#   --quick            smaller and shorter (a smoke run, not for docs/benchmarks.md)
#   --base-port P      the cluster's ports: gateway P+30, silos P+31 and P+32, their HTTP P+101
#                      and P+102 (default 49050)
#   --no-gateway       measure the baselines only
#
# Baselines: `loadtest baseline-hub` (bare single-process SignalR hub, its own process, server GC
# like the gateway) driven by the same client engine and scenarios; raw batched INSERTs into a
# copy of the message table. Full system: two silo processes and the gateway (Release builds,
# server GC), started by this script and stopped at the end; the chaos run SIGKILLs silo-1 by PID
# and checks every acknowledged message in that cluster's PostgreSQL database.
# Normally run by benchmarks/run.sh, which also writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly ROOT=$PWD

out=""
postgres=""
quick=0
base_port=49050
gateway_port=""
gateway=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --base-port) base_port="$2"; shift 2 ;;
    --no-gateway) gateway=0; shift ;;
    -h|--help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "chat.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ -n "$out" && -n "$postgres" ]] || { echo "chat.sh: --out and --postgres are required" >&2; exit 2; }
gateway_port=$(( base_port + 30 ))

say() { printf 'chat.sh: %s\n' "$*" >&2; }

# Sizes. The hot room and the soak follow the issue's targets; --quick only checks the plumbing.
# The soak first opens and closes soak_warmup connections on each target, so that one-time costs
# (JIT, thread pool, connection pools) are not counted as memory per connection.
if [[ $quick -eq 1 ]]; then
  members=200; soak=1000; soak_warmup=50; storm=200; capacity_args=(--start 2000 --max-steps 3 --refine 0 --step-seconds 2)
  fixed_rate=5; window=3; insert_seconds=1; persist_rate=500; persist_rooms=50; write_rooms=50; write_in_flight=100
  small_rooms=20; small_rate=100; dm_pairs=50; dm_rate=100
else
  # Capacity: enough steps to bisect after the growth phase. Without refinement the search can only
  # land on powers of the growth factor, so two targets' ratio could only be 1, 0.67, 0.44 ...
  members=2000; soak=10000; soak_warmup=500; storm=2000; capacity_args=(--start 20000 --growth 1.5 --max-steps 15 --refine 3 --step-seconds 4)
  fixed_rate=25; window=8; insert_seconds=5; persist_rate=20000; persist_rooms=200; write_rooms=1000; write_in_flight=2000
  small_rooms=200; small_rate=1000; dm_pairs=500; dm_rate=1000
fi

rm -rf "$out"
mkdir -p "$out"
dotnet build src/LoadTest -c Release --nologo -v quiet >&2
readonly LT=(dotnet "$ROOT/src/LoadTest/bin/Release/net10.0/OrleansChat.LoadTest.dll")

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}
# The cluster's processes (silos, gateway), stopped the same way.
system_pids=()
stop_system() {
  local pid
  for pid in "${system_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${system_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  system_pids=()
}

trap 'cleanup; stop_system' EXIT

# Starts a fresh baseline hub (its own process, server GC like the gateway); sets HUB_PID and HUB_BASE.
start_hub() {
  local ready="$out/.hub-ready" i
  rm -f "$ready"
  DOTNET_gcServer=1 "${LT[@]}" baseline-hub --ready-file "$ready" --max-seconds 900 >"$out/baseline-hub.log" 2>&1 &
  HUB_PID=$!
  pids+=("$HUB_PID")
  for i in $(seq 1 150); do
    [[ -f "$ready" ]] && break
    kill -0 "$HUB_PID" 2>/dev/null || { cat "$out/baseline-hub.log" >&2; say "baseline hub exited"; exit 1; }
    sleep 0.2
  done
  [[ -f "$ready" ]] || { say "baseline hub did not start within 30 s"; exit 1; }
  HUB_BASE=$(sed 's#/hubs/chat$##' "$ready")
}

stop_hub() {
  kill -TERM "$HUB_PID" 2>/dev/null || true
  wait "$HUB_PID" 2>/dev/null || true
  local pid kept=()
  for pid in "${pids[@]}"; do [[ "$pid" == "$HUB_PID" ]] || kept+=("$pid"); done
  pids=("${kept[@]}")
}

# Runs one scenario; a non-zero exit (other than an SLO verdict, 3) fails the benchmark.
run() {
  local name=$1; shift
  say "$name: loadtest $*"
  local status=0
  "${LT[@]}" "$@" --no-live --out "$out/$name.json" >"$out/$name.log" 2>&1 || status=$?
  if [[ $status -ne 0 && $status -ne 3 ]]; then
    tail -n 20 "$out/$name.log" >&2
    say "$name failed (exit $status)"
    exit 1
  fi
}

# The same scenarios against a target: $1 prefix, then common options.
scenarios() {
  local prefix=$1; shift
  run "$prefix-capacity" capacity "$@" --members "$members" --senders 50 --p99-ms 100 "${capacity_args[@]}"
  run "$prefix-hot-room" hot-room "$@" --members "$members" --senders 50 --rate "$fixed_rate" --warmup 4 --duration "$window"
  run "$prefix-small-rooms" small-rooms "$@" --rooms "$small_rooms" --members-per-room 10 --senders-per-room 2 --rate "$small_rate" \
    --warmup 2 --duration "$window"
  run "$prefix-dm-storm" dm-storm "$@" --pairs "$dm_pairs" --rate "$dm_rate" --warmup 2 --duration "$window"
  run "$prefix-churn" churn "$@" --rooms "$small_rooms" --members-per-room 10 --senders-per-room 2 --rate "$small_rate" \
    --churn-rate 20 --warmup 2 --duration "$window"
  run "$prefix-storm" reconnect-storm "$@" --members "$storm" --writers 5 --rate 20 --warmup 2 --outage 3
  # At most 8 unacknowledged sends per client: past its capacity a target builds no unbounded
  # backlog (the pacer skips instead), so acknowledged sends/s is what it persists at saturation.
  run "$prefix-persist" small-rooms "$@" --rooms "$persist_rooms" --members-per-room 1 --senders-per-room 1 --rate "$persist_rate" \
    --max-in-flight 8 --warmup 2 --duration "$window"
}

# --- Baselines ---
start_hub   # a fresh process, so that its memory per connection starts from an idle hub
run baseline-soak soak --target baseline --url "$HUB_BASE" --gateway-pid "$HUB_PID" --connections "$soak" --settle 3 --hold 10 --warmup "$soak_warmup"
stop_hub
start_hub
scenarios baseline --target baseline --url "$HUB_BASE" --gateway-pid "$HUB_PID"
stop_hub
run insert insert-baseline --postgres "$postgres" --writers 4 --batch 500 --seconds "$insert_seconds" --single-row-seconds "$insert_seconds"

# --- The full system: two silo processes and the gateway, started here on their own ports ---
# Started by this script rather than through ./run.sh: the chaos run must SIGKILL one silo by its
# PID while the rest keep serving, and every port comes from --base-port so that the benchmark
# never meets a developer's ./run.sh. Anti-abuse limits (guest sign-ups per address, hub
# invocations per connection and user, the grains' per-user message rate) are raised: a load
# generator is one address and its senders post faster than any person may. Capacity limits are
# left as they ship.
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<< "$postgres")
cluster_db="orleanschat_bench_$$"
cluster_postgres="${postgres%;};Database=$cluster_db"
# Npgsql pools 100 connections per process by default, and PostgreSQL admits 100 in all: three
# processes under load exhaust it ("too many clients"). Sized so that together they fit.
silo_postgres="$cluster_postgres;Maximum Pool Size=35"
gateway_postgres="$cluster_postgres;Maximum Pool Size=20"
# One signing secret per run: a retried start (a port taken meanwhile) meets the signing key its
# first attempt already stored in the database, encrypted with this secret.
gateway_secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n')

port_in_use() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

wait_http() { # url pid what
  local i
  for i in $(seq 1 240); do
    curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { say "$3 exited during start-up"; return 1; }
    sleep 0.25
  done
  say "$3 did not answer $1 within 60 s"
  return 1
}

# Starts silos 0 and 1 and the gateway on a fresh database; sets GATEWAY_PID, SILO_PIDS, GATEWAY_URL.
start_system() {
  local i port
  for port in "$gateway_port" $(( base_port + 31 )) $(( base_port + 32 )) $(( base_port + 101 )) $(( base_port + 102 )); do
    port_in_use "$port" && { echo "port $port is in use (choose other ports with --base-port)." >"$out/gateway-skipped.txt"; return 1; }
  done
  [[ -n "$pg_port" ]] || { echo "no Port= in the --postgres connection string." >"$out/gateway-skipped.txt"; return 1; }
  tools/postgres.sh ensure-database "$pg_port" "$cluster_db" >&2
  SILO_PIDS=()
  for i in 0 1; do
    (
      cd "$ROOT/src/Silo/bin/Release/net10.0"
      export ConnectionStrings__Postgres="$silo_postgres" Cluster__ClusterId=bench Cluster__ServiceId=bench \
        Silo__Name="silo-$i" Silo__Port=$(( base_port + 31 + i )) Silo__AdvertisedAddress=127.0.0.1 \
        ASPNETCORE_URLS="http://127.0.0.1:$(( base_port + 101 + i ))" DOTNET_gcServer=1 \
        Chat__RateLimit__PermitLimit=1000000 Chat__RateLimit__Burst=1000000 Chat__RateLimit__Window=00:00:01
      exec dotnet OrleansChat.Silo.dll
    ) >"$out/silo-$i.log" 2>&1 </dev/null &
    SILO_PIDS+=("$!")
    system_pids+=("$!")
  done
  for i in 0 1; do
    wait_http "http://127.0.0.1:$(( base_port + 101 + i ))/readyz" "${SILO_PIDS[$i]}" "silo-$i" \
      || { echo "silo-$i did not start (see silo-$i.log)." >"$out/gateway-skipped.txt"; return 1; }
  done
  : >"$out/gateway.log"
  start_gateway
}

# Starts the gateway on gateway_port (its log appended to gateway.log); sets GATEWAY_PID and GATEWAY_URL.
start_gateway() {
  (
    cd "$ROOT/src/Gateway/bin/Release/net10.0"
    export ConnectionStrings__Postgres="$gateway_postgres" Cluster__ClusterId=bench Cluster__ServiceId=bench \
      ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" DOTNET_gcServer=1 \
      Gateway__Auth__SigningSecret="$gateway_secret" \
      Gateway__Auth__Throttle__MaxSignupsPerAddress=100000 \
      Gateway__Hub__ConnectionPermitsPerSecond=100000 Gateway__Hub__ConnectionBurst=100000 \
      Gateway__Hub__UserPermitsPerSecond=100000 Gateway__Hub__UserBurst=100000
    exec dotnet OrleansChat.Gateway.dll
  ) >>"$out/gateway.log" 2>&1 </dev/null &
  GATEWAY_PID=$!
  system_pids+=("$GATEWAY_PID")
  GATEWAY_URL="http://127.0.0.1:$gateway_port"
  wait_http "$GATEWAY_URL/healthz" "$GATEWAY_PID" gateway || { echo "the gateway did not start (see gateway.log)." >"$out/gateway-skipped.txt"; return 1; }
  local probe
  if ! probe=$("${LT[@]}" probe --url "$GATEWAY_URL" --timeout 30 2>&1); then
    echo "no working chat hub at $GATEWAY_URL/hubs/chat (probe: ${probe//$'\n'/ })." >"$out/gateway-skipped.txt"
    return 1
  fi
}

run_gateway() {
  dotnet build src/Silo -c Release --nologo -v quiet >&2
  dotnet build src/Gateway -c Release --nologo -v quiet >&2
  # The ports lie in the kernel's ephemeral range, so an outgoing connection (a silo's to
  # PostgreSQL, say) can take one between the check and the bind: then try the next ports.
  local attempt
  for attempt in 1 2 3; do
    start_system && break
    stop_system
    grep -qs "address already in use" "$out"/silo-*.log "$out/gateway.log" || return
    [[ $attempt -lt 3 ]] || return
    say "a port was taken while starting; trying again on other ports"
    base_port=$(( base_port + 3 )); gateway_port=$(( base_port + 30 ))
    rm -f "$out/gateway-skipped.txt"
  done
  local common=(--target gateway --url "$GATEWAY_URL" --gateway-pid "$GATEWAY_PID" --users 500)
  # The soak first, while the gateway is fresh, so that its memory per connection starts from idle.
  run gateway-soak soak "${common[@]}" --connections "$soak" --settle 3 --hold 10 --warmup "$soak_warmup"
  # Then a fresh gateway process for the other scenarios, as the baseline gets a fresh hub: the
  # soak's 10,000 closed connections would otherwise be collected during the capacity steps.
  kill -TERM "$GATEWAY_PID" 2>/dev/null || true
  wait "$GATEWAY_PID" 2>/dev/null || true
  local pid kept=()
  for pid in "${system_pids[@]}"; do [[ "$pid" == "$GATEWAY_PID" ]] || kept+=("$pid"); done
  system_pids=("${kept[@]}")
  start_gateway || { say "the gateway did not start again after the soak"; exit 1; }
  common=(--target gateway --url "$GATEWAY_URL" --gateway-pid "$GATEWAY_PID" --users 500)
  scenarios gateway "${common[@]}"
  # The write path without the gateway: a cluster client posting straight to room grains.
  run gateway-write-path write-path --postgres "$cluster_postgres" --cluster-id bench --silos 2 \
    --rooms "$write_rooms" --in-flight "$write_in_flight" --warmup 2 --duration "$window"
  # The silos' own counters (append batch sizes, grain call durations) explain the write path's figures.
  local i
  for i in 0 1; do
    curl -fsS --max-time 5 "http://127.0.0.1:$(( base_port + 101 + i ))/metrics" >"$out/silo-$i.metrics.txt" 2>/dev/null || true
  done
  # Chaos last: it kills silo-1, and the cluster is not whole afterwards.
  run gateway-chaos chaos "${common[@]}" --kill-silo-pid "${SILO_PIDS[1]}" --kill-after 3 --rooms 100 --rate 200 \
    --warmup 2 --duration "$window" --postgres "$cluster_postgres"
  stop_system
}

if [[ $gateway -eq 1 ]]; then
  run_gateway
else
  echo "not requested (--no-gateway)." >"$out/gateway-skipped.txt"
fi
cleanup

"${LT[@]}" report --results "$out" --out "$out/chat.md" --reproduce "benchmarks/run.sh"
say "chat results in $out (summary: $out/chat.md)"
