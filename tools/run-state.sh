# Shared by ./run.sh and tools/rolling-restart.sh (sourced, not run): the record of what a
# ./run.sh started, kept in .data/run/, one file per process (NAME.env), so that another script can
# stop a process and start it again exactly as it was started.
#
# A record is a shell file: name, pid, workdir, log, env=(VAR=value ...), command=(...), plus
# what the starter adds (silo_port, http_port, ...). It holds the connection string, so the folder
# and its files are readable by the owner only.

run_state_dir() { printf '%s\n' "$ROOT/.data/run"; }

# start_recorded NAME WORKDIR LOG DETACH ENV... -- COMMAND...
#   Starts COMMAND in WORKDIR with ENV added, output appended to LOG, and writes NAME.env.
#   DETACH=1 starts it in a session of its own (it outlives the caller and its Ctrl-C).
#   Sets STARTED_PID.
start_recorded() {
  local name=$1 workdir=$2 log=$3 detach=$4
  shift 4
  local env=() command=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do env+=("$1"); shift; done
  shift
  command=("$@")
  local dir pidfile
  dir=$(run_state_dir)
  ( umask 077; mkdir -p "$dir" )
  pidfile="$dir/$name.starting"
  rm -f "$pidfile"
  if [[ $detach -eq 1 ]]; then
    # The inner shell writes its own pid before exec, so the pid is right whether or not setsid forks.
    setsid bash -c 'cd "$1" && echo $$ > "$2" && shift 2 && exec env "$@"' _ "$workdir" "$pidfile" "${env[@]}" "${command[@]}" \
      >>"$log" 2>&1 </dev/null &
    local i
    for i in $(seq 1 100); do [[ -s "$pidfile" ]] && break; sleep 0.05; done
    [[ -s "$pidfile" ]] || { printf 'run-state: %s did not start\n' "$name" >&2; return 1; }
    STARTED_PID=$(cat "$pidfile")
  else
    ( cd "$workdir" && exec env "${env[@]}" "${command[@]}" ) >>"$log" 2>&1 </dev/null &
    STARTED_PID=$!
  fi
  rm -f "$pidfile"
  {
    printf 'name=%q\npid=%q\nworkdir=%q\nlog=%q\n' "$name" "$STARTED_PID" "$workdir" "$log"
    printf 'env=('; printf '%q ' "${env[@]}"; printf ')\n'
    printf 'command=('; printf '%q ' "${command[@]}"; printf ')\n'
  } > "$dir/$name.env.tmp"
  chmod 600 "$dir/$name.env.tmp"
  mv "$dir/$name.env.tmp" "$dir/$name.env"
}

# record_extra NAME KEY VALUE: adds KEY=VALUE to NAME.env (ports and such, for readers).
record_extra() { printf '%s=%q\n' "$2" "$3" >> "$(run_state_dir)/$1.env"; }

# record_pid NAME: prints the pid NAME.env names, or nothing.
record_pid() {
  local file
  file="$(run_state_dir)/$1.env"
  [[ -f "$file" ]] && ( source "$file"; printf '%s\n' "$pid" )
}

# stop_pid PID LABEL SECONDS: SIGTERM, wait up to SECONDS for the process to be gone, then SIGKILL.
# Works for processes that are not our children (restarted silos), so it polls rather than waits.
stop_pid() {
  local pid=$1 label=$2 seconds=$3 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for (( i = 0; i < seconds * 10; i++ )); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  printf 'run-state: %s (pid %s) did not stop within %s s; killing it\n' "$label" "$pid" "$seconds" >&2
  kill -KILL "$pid" 2>/dev/null || true
}
