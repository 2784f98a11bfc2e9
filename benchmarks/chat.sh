#!/usr/bin/env bash
# Chat load benchmarks (issue 8): the full system next to its baselines, measured in the same run.
#
#   benchmarks/chat.sh --out DIR --postgres CONNSTR [--quick] [--gateway-port P] [--no-gateway]
#
#   --out DIR          result files (JSON, fixed names) and chat.md go here (emptied first)
#   --postgres CONNSTR PostgreSQL for the INSERT baseline (a scratch table, dropped afterwards)
#   --quick            smaller and shorter (a smoke run, not for docs/benchmarks.md)
#   --gateway-port P   port for the ./run.sh gateway (default 5080)
#   --no-gateway       measure the baselines only
#
# Baselines: `loadtest baseline-hub` (bare single-process SignalR hub, its own process, server GC
# like the gateway) driven by the same client engine and scenarios; raw batched INSERTs into a
# copy of the message table. Full system: ./run.sh with two silos and the gateway, measured only
# when the gateway's hub answers (`loadtest probe`); otherwise gateway-skipped.txt says why.
# Normally run by benchmarks/run.sh, which also writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
readonly ROOT=$PWD

out=""
postgres=""
quick=0
gateway_port=5080
gateway=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --gateway-port) gateway_port="$2"; shift 2 ;;
    --no-gateway) gateway=0; shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "chat.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ -n "$out" && -n "$postgres" ]] || { echo "chat.sh: --out and --postgres are required" >&2; exit 2; }

say() { printf 'chat.sh: %s\n' "$*" >&2; }

# Sizes. The hot room and the soak follow the issue's targets; --quick only checks the plumbing.
if [[ $quick -eq 1 ]]; then
  members=200; soak=1000; storm=200; capacity_args=(--start 2000 --max-steps 3 --refine 0 --step-seconds 2)
  fixed_rate=5; window=3; insert_seconds=1; persist_rate=500
else
  members=2000; soak=10000; storm=2000; capacity_args=(--start 10000 --growth 1.5 --max-steps 11 --refine 2 --step-seconds 4)
  fixed_rate=25; window=8; insert_seconds=5; persist_rate=20000
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
trap cleanup EXIT

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
  pids=("${pids[@]/$HUB_PID}")
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
  run "$prefix-storm" reconnect-storm "$@" --members "$storm" --writers 5 --rate 20 --warmup 2 --outage 3
  run "$prefix-persist" small-rooms "$@" --rooms 200 --members-per-room 1 --senders-per-room 1 --rate "$persist_rate" \
    --max-in-flight 256 --warmup 2 --duration "$window"
}

# --- Baselines ---
start_hub   # a fresh process, so that its memory per connection starts from an idle hub
run baseline-soak soak --target baseline --url "$HUB_BASE" --gateway-pid "$HUB_PID" --connections "$soak" --settle 3 --hold 10
stop_hub
start_hub
scenarios baseline --target baseline --url "$HUB_BASE" --gateway-pid "$HUB_PID"
stop_hub
run insert insert-baseline --postgres "$postgres" --writers 4 --batch 500 --seconds "$insert_seconds" --single-row-seconds "$insert_seconds"

# --- The full system, when its hub exists ---
gateway_pid() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2; }

run_gateway() {
  local url="http://127.0.0.1:$gateway_port" log="$out/cluster.log" i
  : >"$log"
  # Guests are throttled per client address by default; a load test signs in many from one.
  Gateway__Auth__Throttle__MaxSignupsPerAddress=100000 ./run.sh --silos 2 --port "$gateway_port" >"$log" 2>&1 &
  local cluster=$!
  pids+=("$cluster")
  for i in $(seq 1 600); do
    grep -q "OrleansChat is running" "$log" && break
    kill -0 "$cluster" 2>/dev/null || break
    sleep 0.5
  done
  if ! grep -q "OrleansChat is running" "$log"; then
    echo "./run.sh did not bring the cluster up (see $log)." >"$out/gateway-skipped.txt"
    return
  fi

  local probe
  if ! probe=$("${LT[@]}" probe --url "$url" --timeout 15 2>&1); then
    echo "no working chat hub at $url/hubs/chat yet (probe: ${probe//$'\n'/ })." >"$out/gateway-skipped.txt"
    return
  fi

  local gpid silo
  gpid=$(gateway_pid "$gateway_port")
  [[ -n "$gpid" ]] || { echo "could not find the gateway's process on port $gateway_port." >"$out/gateway-skipped.txt"; return; }
  local common=(--target gateway --url "$url" --gateway-pid "$gpid" --users 500)
  run gateway-soak soak "${common[@]}" --connections "$soak" --settle 3 --hold 10
  scenarios gateway "${common[@]}"
  # Chaos last: it kills silo-1 (silo port 11112), and the cluster is not whole afterwards.
  silo=$(gateway_pid 11112)
  if [[ -n "$silo" ]]; then
    run gateway-chaos chaos "${common[@]}" --kill-silo-pid "$silo" --kill-after 4 --rate 200 --duration "$window" \
      --postgres "$(sed -n 's/.*PostgreSQL: //p' "$log" | head -n 1)"
  fi
}

if [[ $gateway -eq 1 ]]; then
  run_gateway
else
  echo "not requested (--no-gateway)." >"$out/gateway-skipped.txt"
fi
cleanup

"${LT[@]}" report --results "$out" --out "$out/chat.md" --reproduce "benchmarks/run.sh"
say "chat results in $out (summary: $out/chat.md)"
