#!/usr/bin/env bash
# The workspace and the risk reports on one generated organisation, first with the app at an earlier commit
# BEFORE (e.g. c06e64b, the last with aims_app/record_cache.py), then at this checkout, both measured by this
# checkout's benchmark scripts in the same run; prints each median before and after and their ratio.
# --scale N: an organisation N times the default one (2,000 AI systems, 20,000 risks, 50,000 evidence links),
# on its own site. The site (AIMS_BENCH_SITE, default aims-bench.test; with -xN for a scale) should not have
# had a later version than BEFORE installed: the earlier version's number cards are synced only when newer.
#
#   benchmarks/before_after.sh BEFORE [--scale N] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../scripts/lib/bench.sh"
before=$1
shift
scale=1
if [ "${1:-}" = "--scale" ]; then
	scale=$2
	shift 2
fi
runs=${1:-5}
site=${AIMS_BENCH_SITE:-aims-bench.test}
[ "$scale" = 1 ] || site=${site%.test}-x$scale.test
log=$(mktemp)
work=$(mktemp -d)
chmod a+rwx "$work" # the benchmarks run as the bench's owner
cp "$here"/*.py "$work/"
git clone --quiet "$AIMS_REPO" "$work/before"
git -C "$work/before" checkout --quiet "$before"
this_checkout=$AIMS_REPO

# measure VERSION REPO: the app of REPO on the site, the organisation generated, each benchmark's medians saved
measure() {
	AIMS_REPO=$2
	prepare_benchmark_bench "$site" "$log"
	install_or_migrate "$site" "$log"
	bench_python "$work/generate_org.py" --site "$site" --scale "$scale"
	for script in workspace reports; do
		echo "== $script.py, the app at $1"
		bench_python "$work/$script.py" --site "$site" --runs "$runs" --save "$work/$1-$script.json"
	done
}

measure "$before" "$work/before"
measure "this checkout" "$this_checkout"
for script in workspace reports; do
	echo "== $script.py: before ($before) and after (this checkout), at ${scale}×"
	python3 "$here/ratios.py" "$work/$before-$script.json" "$work/this checkout-$script.json" --versions
done
echo "(log: $log)"
