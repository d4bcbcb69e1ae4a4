#!/usr/bin/env bash
# Upgrading loses nothing (issue 8): REVISION of this repository is installed on a scratch site and
# populated (the generated organisation of benchmarks/generate_org.py and evidence with attached files); then
# the bench's app is swapped for this checkout and the site migrated. Every aims_app record (all fields the
# two versions share, child tables), every link and every attached file must be as before; library records
# may carry the content of the library version this checkout ships (listed apart), never lose what users
# hung on them.
#
#   AIMS_BENCH=/path/to/bench scripts/check_upgrade.sh [--keep] REVISION [generate_org.py options]
#
# The bench's apps/aims_app is replaced during the run and put back as it was afterwards, so use a bench
# nobody else is running; an apps/aims_app that is a symlink (a working tree in use) is refused.
# Scratch site: AIMS_UPGRADE_SITE (default aims-upgrade.test), created and, unless --keep, dropped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"

keep=0
if [ "${1:-}" = --keep ]; then
	keep=1
	shift
fi
[ $# -ge 1 ] || { sed -n '9,13p' "$0" >&2; exit 2; }
commit=$(git -C "$AIMS_REPO" rev-parse --verify "$1^{commit}")
shift
site=${AIMS_UPGRADE_SITE:-aims-upgrade.test}
app="$AIMS_BENCH/apps/aims_app"
saved="$AIMS_BENCH/apps/.aims_app.before-upgrade-check"

bench_found || { echo "No Frappe bench at $AIMS_BENCH" >&2; exit 1; }
if [ -L "$app" ]; then
	echo "$app is a symlink to a working tree; run this on a bench of its own (AIMS_BENCH)" >&2
	exit 1
fi
if [ -e "$saved" ]; then
	echo "$saved is left from an interrupted run: move it back to $app first" >&2
	exit 1
fi
start_services
work=$(mktemp -d)
chmod 777 "$work"
log="$work/log"
cp "$AIMS_REPO/scripts/lib/site_diff.py" "$work/"

site_diff() {
	bench_python "$work/site_diff.py" "$@"
}
drop_scratch_site() {
	site_exists "$site" || return 0
	drop_site "$site" "$work/archived" "$log"
}
# The app's files from a tar stream on stdin, where the bench runs them.
install_app_files() {
	rm -rf "$app"
	mkdir -p "$app"
	tar -xf - -C "$app"
	chown -R "$(bench_owner):" "$app"
}
finish() {
	local status=$?
	if [ "$keep" = 0 ]; then
		drop_scratch_site || true
		rm -f "$work"/*.json
	fi
	rm -rf "$app"
	mv "$saved" "$app"
	echo "(bench's apps/aims_app put back; log: $log)"
	exit "$status"
}

mv "$app" "$saved"
trap finish EXIT

echo "== $site on ${commit:0:12}"
git -C "$AIMS_REPO" archive "$commit" | install_app_files
drop_scratch_site
ensure_site "$site" >>"$log" 2>&1
bench_cmd --site "$site" install-app aims_app >>"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
if [ -f "$app/benchmarks/generate_org.py" ]; then
	bench_python "$app/benchmarks/generate_org.py" --site "$site" "$@"
fi
site_diff attach --site "$site"
site_diff dump --site "$site" --out "$work/before.json"

echo "== migrated to this checkout"
(cd "$AIMS_REPO" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --no-recursion) |
	install_app_files
start=$(date +%s)
bench_cmd --site "$site" migrate >>"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
echo "   migrated in $(($(date +%s) - start))s"
site_diff dump --site "$site" --out "$work/after.json"

echo "== comparing"
site_diff compare "$work/before.json" "$work/after.json" --allow-added --library-may-change
