#!/usr/bin/env bash
# Runs one benchmark script (benchmarks/SCRIPT, given --site and --runs) first on the scratch site as it is,
# then on a generated organisation of 2,000 AI systems, 20,000 risks and 50,000 evidence links.
# reports.sh and workspace.sh call it; the site is AIMS_BENCH_SITE (default aims-bench.test).
#
#   benchmarks/generated_org.sh SCRIPT RUNS
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/bench.sh"
script=$1
runs=$2
site=${AIMS_BENCH_SITE:-aims-bench.test}
log=$(mktemp)

prepare_benchmark_bench "$site" "$log"
install_or_migrate "$site" "$log"

run_script() {
	bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/$1" \
		--site "$site" "${@:2}"
}

echo "== before generating"
run_script generate_org.py --fresh --systems 0 --risks 0 --evidence-links 0 >>"$log" 2>&1
run_script "$script" --runs "$runs"
echo "== generated organisation"
run_script generate_org.py --fresh
run_script "$script" --runs "$runs"
echo "(log: $log)"
