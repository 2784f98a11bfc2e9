#!/usr/bin/env bash
# Checks the deployment files offline, with every tool that can check them without a Docker
# engine or a cluster:
#
#   deploy/validate.sh
#
# 1. yamllint            docker-compose.yml and deploy/k8s/*.yaml (style and syntax)
# 2. docker-compose      `docker-compose -f docker-compose.yml config -q` (the compose schema)
# 3. kubectl kustomize   renders deploy/k8s
# 4. tests/deploy        schema validation of every manifest and the cross-file invariants
#                        against deploy/config-contract.json (the same tests ./test.sh runs)
#
# Every tool is required: a missing one fails the run with the command that installs it,
# rather than passing without having checked.
set -euo pipefail
cd "$(dirname "$0")/.."

failures=()
step() { printf '\n==> %s\n' "$*"; }
need() {
  local tool=$1 install=$2
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "missing: $tool (install with: $install)"
    failures+=("$tool is not installed")
    return 1
  fi
}

step "yamllint"
if need yamllint "apt-get install -y yamllint"; then
  yamllint --strict -c deploy/yamllint.yaml docker-compose.yml deploy/k8s || failures+=("yamllint")
fi

step "docker-compose config -q"
if need docker-compose "apt-get install -y docker-compose"; then
  # Interpolation needs no real secret: the file supplies development defaults.
  docker-compose -f docker-compose.yml config -q || failures+=("docker-compose config")
fi

step "kubectl kustomize deploy/k8s"
if need kubectl "the Kubernetes client package of your distribution"; then
  if rendered=$(kubectl kustomize deploy/k8s); then
    echo "$(grep -c '^kind:' <<< "$rendered") objects rendered"
  else
    failures+=("kubectl kustomize")
  fi
fi

step "tests/deploy (schemas and invariants)"
if need npm "apt-get install -y nodejs npm"; then
  (cd tests/deploy && npm ci --no-audit --no-fund --silent && npm test) || failures+=("tests/deploy")
fi

echo
if [[ ${#failures[@]} -gt 0 ]]; then
  for f in "${failures[@]}"; do echo "FAILED: $f"; done
  exit 1
fi
echo "deploy/validate.sh: all checks passed"
