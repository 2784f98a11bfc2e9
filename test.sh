#!/usr/bin/env bash
# The one test command for OrleansChat (CI runs it through .ci/run).
#
#   ./test.sh [--filter EXPR] [--no-js]
#
#   --filter EXPR  passed to `dotnet test --filter` (e.g. "FullyQualifiedName~Serialization")
#   --no-js        skip the JavaScript test packages
#
# 1. starts a throwaway PostgreSQL (tools/postgres.sh) and removes it on exit;
#    tests find it through ORLEANSCHAT_TEST_POSTGRES;
# 2. builds OrleansChat.sln once (Release);
# 3. runs every tests/**/*.Tests.csproj, writing artifacts/test-results/<Project>.trx;
# 4. runs `npm test` in every src/*/ and tests/*/ package.json with a "test" script;
#    the script must write JUnit XML to $JUNIT_OUTPUT (artifacts/test-results/<dir>.junit.xml);
# 5. sums all result files; the last line is "Tests: N passed, N failed, N skipped".
# Exits non-zero if the build or any test run failed, any test failed, or no test ran.
set -euo pipefail
cd "$(dirname "$0")"
readonly ROOT=$PWD
readonly RESULTS="$ROOT/artifacts/test-results"

filter=""
run_js=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) [[ $# -ge 2 ]] || { echo "test.sh: --filter needs an expression" >&2; exit 2; }
              filter=$2; shift 2 ;;
    --filter=*) filter=${1#--filter=}; shift ;;
    --no-js) run_js=0; shift ;;
    -h|--help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown option '$1' (see ./test.sh --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No build servers outliving the run: MSBuild worker nodes and the shared compiler server can
# hold CI's output pipe open, and a test run should leave no processes behind.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

section() { printf '\n==> %s\n' "$*"; }

failures=()
PG_TEMP_DIR=""

stop_postgres() {
  if [[ -n "$PG_TEMP_DIR" ]]; then
    tools/postgres.sh stop-temp "$PG_TEMP_DIR" || true
    PG_TEMP_DIR=""
  fi
}
trap stop_postgres EXIT
# Turn signals into a normal exit so the EXIT trap removes the database.
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

section "PostgreSQL"
if ! pg_env=$(tools/postgres.sh start-temp); then
  echo "FAILED: could not start a throwaway PostgreSQL (see the messages above)"
  echo "Tests: 0 passed, 0 failed, 0 skipped"
  exit 1
fi
eval "$pg_env"
export ORLEANSCHAT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
echo "ORLEANSCHAT_TEST_POSTGRES=$ORLEANSCHAT_TEST_POSTGRES"

run_dotnet_tests() {
  section "Build (dotnet build OrleansChat.sln -c Release)"
  if ! dotnet build OrleansChat.sln -c Release --nologo -v minimal -nodeReuse:false; then
    failures+=("build of OrleansChat.sln")
    return
  fi

  local projects=() proj name args
  while IFS= read -r proj; do projects+=("$proj"); done \
    < <(find tests -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
  if [[ ${#projects[@]} -eq 0 ]]; then
    echo "no test projects under tests/"
    return
  fi
  for proj in "${projects[@]}"; do
    name=$(basename "$proj" .csproj)
    section ".NET tests: $name"
    args=(test "$proj" --no-build -c Release --nologo --verbosity minimal
          --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS"
          # A hung test kills its test host instead of eating CI's time limit.
          --blame-hang-timeout 10m --blame-hang-dump-type none)
    if [[ -n "$filter" ]]; then args+=(--filter "$filter"); fi
    if ! dotnet "${args[@]}"; then
      failures+=("dotnet test $name")
    elif [[ ! -f "$RESULTS/$name.trx" ]]; then
      failures+=("dotnet test $name wrote no $name.trx")
    fi
  done
}

# True if package.json in $1 has a non-empty "test" script.
has_test_script() {
  node -e 'const p = require(process.argv[1]); process.exit(p.scripts && p.scripts.test ? 0 : 1)' \
    "$1/package.json"
}

run_js_tests() {
  local pkg dir name junit
  local packages=()
  for pkg in src/*/package.json tests/*/package.json; do
    [[ -f "$pkg" ]] && packages+=("$pkg")
  done
  if [[ ${#packages[@]} -eq 0 ]]; then
    section "JavaScript tests"
    echo "no package.json under src/*/ or tests/*/; nothing to run"
    return
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    failures+=("JavaScript tests: node/npm not found")
    return
  fi
  for pkg in "${packages[@]}"; do
    dir=$(dirname "$pkg")
    name=$(basename "$dir")
    has_test_script "$ROOT/$dir" || { echo "$dir: no test script; skipped"; continue; }
    section "JavaScript tests: $dir"
    junit="$RESULTS/$name.junit.xml"
    if [[ -f "$dir/package-lock.json" || -f "$dir/npm-shrinkwrap.json" ]]; then
      (cd "$dir" && npm ci --no-audit --no-fund) || { failures+=("npm ci in $dir"); continue; }
    else
      (cd "$dir" && npm install --no-audit --no-fund) || { failures+=("npm install in $dir"); continue; }
    fi
    if ! (cd "$dir" && JUNIT_OUTPUT="$junit" npm test); then
      failures+=("npm test in $dir")
    elif [[ ! -f "$junit" ]]; then
      failures+=("npm test in $dir wrote no JUnit XML to \$JUNIT_OUTPUT ($junit)")
    fi
  done
}

run_dotnet_tests
if [[ $run_js -eq 1 ]]; then run_js_tests; fi

section "PostgreSQL cleanup"
stop_postgres

# The hang detector leaves empty per-run folders behind.
find "$RESULTS" -mindepth 1 -type d -empty -delete
section "Results ($RESULTS)"
passed=0 failed=0 skipped=0 files=0
if summary=$(tools/sum-test-results.sh "$RESULTS") && [[ -n "$summary" ]]; then
  read -r passed failed skipped files <<< "$summary"
else
  failures+=("could not read the result files")
fi
total=$(( passed + failed + skipped ))
if [[ $failed -gt 0 ]]; then failures+=("$failed failed test(s)"); fi
if [[ $total -eq 0 ]]; then failures+=("no tests ran ($files result file(s))"); fi
if [[ $failed -gt 0 ]]; then
  # Name the failed tests here, next to the summary, so a truncated CI log still says which.
  section "Failed tests"
  tools/list-failed-tests.sh "$RESULTS" || true
fi
for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[[ ${#failures[@]} -eq 0 ]]
