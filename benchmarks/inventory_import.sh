#!/usr/bin/env bash
# Inventory import speed (issue 7): COUNT AI systems, each with a model and a dataset, loaded from the YAML
# inventory card (every validation), by Frappe's Data Import from CSV, and by frappe.db.bulk_insert (floor).
#
#   benchmarks/inventory_import.sh [COUNT]      (default 10000; site: AIMS_BENCH_SITE, default aims-bench.test)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/bench.sh"
count=${1:-10000}
site=${AIMS_BENCH_SITE:-aims-bench.test}
log=$(mktemp)

prepare_benchmark_bench "$site" "$log"
install_or_migrate "$site" "$log"

bench_python \
	"$AIMS_BENCH/apps/aims_app/benchmarks/inventory_import.py" --site "$site" --count "$count"
echo "(log: $log)"
