#!/usr/bin/env bash
# Backup and restore lose nothing (issue 8): a site holding the generated organisation
# (benchmarks/generate_org.py) and evidence with attached files is backed up with `bench backup --with-files`,
# restored into another site, and every aims_app record (all fields, child tables), link and attached file
# (SHA-256) is compared.
#
#   scripts/check_backup_restore.sh [--no-sync] [--keep] SITE RESTORED_SITE [generate_org.py options]
#
#   --no-sync   run the bench's apps/aims_app as it is, instead of copying this checkout into it first
#   --keep      keep RESTORED_SITE and the generated records on SITE afterwards
# SITE must have aims_app installed; RESTORED_SITE is created if needed, and its database replaced.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"

sync=1
keep=0
while [[ ${1:-} == --* ]]; do
	case $1 in
	--no-sync) sync=0 ;;
	--keep) keep=1 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
[ $# -ge 2 ] || { sed -n '7,11p' "$0" >&2; exit 2; }
site=$1
restored=$2
shift 2
work=$(mktemp -d)
chmod 777 "$work"
log="$work/log"

bench_found || { echo "No Frappe bench at $AIMS_BENCH" >&2; exit 1; }
start_services
[ "$sync" = 1 ] && sync_app_into_bench
app_installed_on "$site" || { echo "aims_app is not installed on $site" >&2; exit 1; }

site_diff() {
	bench_python "$AIMS_BENCH/apps/aims_app/scripts/lib/site_diff.py" "$@"
}

echo "== populating $site"
bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/generate_org.py" --site "$site" "$@"
site_diff attach --site "$site"
site_diff dump --site "$site" --out "$work/before.json"

echo "== backup of $site"
bench_cmd --site "$site" backup --with-files --backup-path "$work" >>"$log" 2>&1
database=$(ls "$work"/*-database.sql.gz)
public=$(ls "$work"/*-files.tar | grep -v -- -private-files.tar)
private=$(ls "$work"/*-private-files.tar)
du -h "$database" "$public" "$private" | sed 's/^/   /'

echo "== restore into $restored"
start=$(date +%s)
ensure_site "$restored" >>"$log" 2>&1
bench_cmd --site "$restored" restore "$database" \
	--with-public-files "$public" --with-private-files "$private" --db-root-username root \
	--db-root-password "$AIMS_DB_ROOT_PASSWORD" --admin-password admin --force >>"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
echo "   restored in $(($(date +%s) - start))s"
site_diff dump --site "$restored" --out "$work/after.json"

echo "== comparing"
status=0
site_diff compare "$work/before.json" "$work/after.json" || status=$?

if [ "$keep" = 0 ]; then
	drop_site "$restored" "$work/archived" "$log"
	site_diff clean --site "$site"
	bench_python "$AIMS_BENCH/apps/aims_app/benchmarks/generate_org.py" --site "$site" --fresh \
		--systems 0 --risks 0 --evidence-links 0 >>"$log" 2>&1
	rm -rf "$work"
else
	echo "(kept $restored; backup and log in $work)"
fi
exit "$status"
