#!/usr/bin/env bash
# Runs one benchmark script (benchmarks/SCRIPT, given --site, --runs and --save) first on a site with nothing
# but the app, then on a generated organisation of 2,000 AI systems, 20,000 risks and 50,000 evidence links,
# and with --scale N also on a site holding N times that organisation, printing each median's N×/1× ratio.
# reports.sh and workspace.sh call it. The sites: AIMS_BENCH_SITE (default aims-bench.test) for the
# organisation, AIMS_BENCH_EMPTY_SITE and AIMS_BENCH_SCALED_SITE (default: that name with -empty and -xN).
# Each organisation is generated once and reused while its size matches: regenerating deletes the old rows
# first, and InnoDB's purge of them slows the next minutes' index scans.
#
#   benchmarks/generated_org.sh SCRIPT [--scale N] [RUNS]
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/../scripts/lib/bench.sh"
script=$1
shift
scale=
if [ "${1:-}" = "--scale" ]; then
	scale=$2
	shift 2
fi
runs=${1:-7}
site=${AIMS_BENCH_SITE:-aims-bench.test}
log=$(mktemp)
results=$(mktemp -d)
chmod a+rwx "$results" # the benchmark runs as the bench's owner

prepare_benchmark_bench "$site" "$log"
install_or_migrate "$site" "$log"

run_script() {
	local on=$1
	bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/$2" --site "$on" "${@:3}"
}

empty_site=${AIMS_BENCH_EMPTY_SITE:-${site%.test}-empty.test}
ensure_site "$empty_site" >>"$log" 2>&1
install_or_migrate "$empty_site" "$log"
echo "== before generating"
run_script "$empty_site" "$script" --runs "$runs"
echo "== generated organisation"
run_script "$site" generate_org.py
run_script "$site" "$script" --runs "$runs" --save "$results/1.json"
if [ -n "$scale" ]; then
	scaled_site=${AIMS_BENCH_SCALED_SITE:-${site%.test}-x$scale.test}
	ensure_site "$scaled_site" >>"$log" 2>&1
	install_or_migrate "$scaled_site" "$log"
	echo "== generated organisation at ${scale}×"
	run_script "$scaled_site" generate_org.py --scale "$scale"
	run_script "$scaled_site" "$script" --runs "$runs" --save "$results/$scale.json"
	echo "== ${scale}× against 1×"
	python3 "$here/ratios.py" "$results/1.json" "$results/$scale.json" "$scale"
fi
echo "(log: $log)"
