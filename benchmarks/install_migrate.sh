#!/usr/bin/env bash
# How long `bench install-app aims_app` and `bench migrate` take, as the median of several runs on a
# scratch site (created once, Frappe only), and the site's migrate without aims_app as the baseline.
# Uses the bench that scripts/test uses.
#
#   benchmarks/install_migrate.sh [RUNS]      (default 5; site: AIMS_BENCH_SITE, default aims-bench.test)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/bench.sh"
runs=${1:-5}
site=${AIMS_BENCH_SITE:-aims-bench.test}
log=$(mktemp)

prepare_benchmark_bench "$site" "$log"

median() {
	python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.2f}")' "$@"
}

installs=()
migrates=()
for run in $(seq 1 "$runs"); do
	if app_installed_on "$site"; then
		bench_cmd --site "$site" uninstall-app aims_app --yes --no-backup >>"$log" 2>&1
	fi
	installs+=("$(time_step "$log" bench_cmd --site "$site" install-app aims_app)")
	migrates+=("$(time_step "$log" bench_cmd --site "$site" migrate)")
	echo "run $run: install ${installs[-1]}s, migrate ${migrates[-1]}s"
done
echo "median of $runs runs on $site: install-app $(median "${installs[@]}")s, migrate $(median "${migrates[@]}")s"

# The same site's migrate without aims_app: what Frappe itself takes, for comparison.
bench_cmd --site "$site" uninstall-app aims_app --yes --no-backup >>"$log" 2>&1
baseline=()
for run in $(seq 1 "$runs"); do
	baseline+=("$(time_step "$log" bench_cmd --site "$site" migrate)")
done
echo "median migrate of the same site without aims_app: $(median "${baseline[@]}")s"
echo "(log: $log)"
