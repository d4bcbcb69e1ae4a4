#!/usr/bin/env bash
# What installing and migrating aims_app costs, as ratios measured in one run (issue 16). Each run times, on
# the same bench one after the other:
#   new-site       `bench new-site` of a fresh Frappe-only site
#   install-app    `bench --site <that site> install-app aims_app`
#   migrate+app    `bench --site <that site> migrate` (aims_app installed, library unchanged)
#   migrate        `bench --site <baseline site> migrate` of a Frappe-only site (created once)
#   doctype sync   Frappe's own sync of aims_app's doctypes and other standard records (`sync_for`, the
#                  first step of install-app) alone, on a second fresh site (benchmarks/doctype_sync.py):
#                  the least install-app can cost
# and prints each run, then the medians of the per-run ratios install-app / new-site (goal <= 0.3),
# doctype sync / new-site (the floor no install step of ours can go below) and migrate+app / migrate
# (goal <= 1.2), and the library rows the unchanged migrate wrote (goal 0).
#
#   benchmarks/install_migrate.sh [RUNS]      (default 3; sites: AIMS_BENCH_SITE, default aims-bench.test,
#                                             and <that name>-plain as the baseline)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/bench.sh"
runs=${1:-3}
site=${AIMS_BENCH_SITE:-aims-bench.test}
plain=${site%.test}-plain.test
floor=${site%.test}-floor.test
work=$(mktemp -d)
chmod 777 "$work"
log="$work/log"

prepare_benchmark_bench "$plain" "$log"

median() {
	python3 -c 'import statistics, sys; print(f"{statistics.median(map(float, sys.argv[1:])):.2f}")' "$@"
}
ratio() {
	python3 -c "print(f'{$1 / $2:.2f}')"
}
new_site() {
	bench_cmd new-site "$1" --db-root-username root --db-root-password "$AIMS_DB_ROOT_PASSWORD" \
		--admin-password admin
}
# The migrate's own line saying how many library rows it wrote.
library_rows_written() {
	bench_cmd --site "$1" migrate 2>&1 | tee -a "$log" | sed -n 's/.*AIMS library .*: \(.*\) library rows written.*/\1/p'
}

doctype_sync() {
	bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/doctype_sync.py" --site "$1"
}

install_ratios=()
floor_ratios=()
migrate_ratios=()
for run in $(seq 1 "$runs"); do
	site_exists "$site" && drop_site "$site" "$work/archived" "$log"
	created=$(time_step "$log" new_site "$site")
	installed=$(time_step "$log" bench_cmd --site "$site" install-app aims_app)
	migrated=$(time_step "$log" bench_cmd --site "$site" migrate)
	baseline=$(time_step "$log" bench_cmd --site "$plain" migrate)
	site_exists "$floor" && drop_site "$floor" "$work/archived" "$log"
	new_site "$floor" >>"$log" 2>&1
	synced=$(time_step "$log" doctype_sync "$floor")
	drop_site "$floor" "$work/archived" "$log"
	install_ratios+=("$(ratio "$installed" "$created")")
	floor_ratios+=("$(ratio "$synced" "$created")")
	migrate_ratios+=("$(ratio "$migrated" "$baseline")")
	echo "run $run: new-site ${created}s, install-app ${installed}s (${install_ratios[-1]}x)," \
		"Frappe's doctype sync alone ${synced}s (${floor_ratios[-1]}x);" \
		"migrate with aims_app ${migrated}s, without ${baseline}s (${migrate_ratios[-1]}x)"
done
rows=$(library_rows_written "$site")
rows=${rows/#no/0}
echo "median of $runs runs: install-app / new-site = $(median "${install_ratios[@]}")x (goal <= 0.3)," \
	"of which Frappe's doctype sync alone = $(median "${floor_ratios[@]}")x;" \
	"migrate with / without aims_app = $(median "${migrate_ratios[@]}")x (goal <= 1.2)"
echo "library rows written by a further unchanged migrate: ${rows:-unknown} (goal 0)"
drop_site "$site" "$work/archived" "$log"
echo "(log: $log)"
