#!/usr/bin/env bash
# The risk reports' server time and query count, first on the scratch site as it is, then on a
# generated organisation of 2,000 AI systems, 20,000 risks and 50,000 evidence links (issue 4).
#
#   benchmarks/reports.sh [RUNS]      (default 7; site: AIMS_BENCH_SITE, default aims-bench.test)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/bench.sh"
runs=${1:-7}
site=${AIMS_BENCH_SITE:-aims-bench.test}
log=$(mktemp)

bench_found || { echo "No Frappe bench at $AIMS_BENCH" >&2; exit 1; }
start_services
sync_app_into_bench
ensure_site "$site" >>"$log" 2>&1
if app_installed_on "$site"; then
	bench_cmd --site "$site" migrate >>"$log" 2>&1
else
	bench_cmd --site "$site" install-app aims_app >>"$log" 2>&1
fi

run_script() {
	in_bench env -C "$AIMS_BENCH/sites" "$AIMS_BENCH/env/bin/python" "$AIMS_BENCH/apps/aims_app/benchmarks/$1" \
		--site "$site" "${@:2}"
}

echo "== before generating"
run_script generate_org.py --fresh --systems 0 --risks 0 --evidence-links 0 >>"$log" 2>&1
run_script reports.py --runs "$runs"
echo "== generated organisation"
run_script generate_org.py --fresh
run_script reports.py --runs "$runs"
echo "(log: $log)"
