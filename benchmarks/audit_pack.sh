#!/usr/bin/env bash
# The auditor's pack on a generated organisation of 2,000 AI systems, 20,000 risks and 50,000 evidence links
# (issue 15): the request's cost, the build's time and peak memory with few and many evidence files, and
# their ratios (benchmarks/audit_pack.py). Site: AIMS_BENCH_SITE (default aims-bench.test).
#
#   benchmarks/audit_pack.sh [--few N] [--many N]
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/../scripts/lib/bench.sh"
site=${AIMS_BENCH_SITE:-aims-bench.test}
log=$(mktemp)
prepare_benchmark_bench "$site" "$log"
install_or_migrate "$site" "$log"
bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/generate_org.py" --site "$site"
bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/audit_pack.py" --site "$site" "$@"
echo "(log: $log)"
