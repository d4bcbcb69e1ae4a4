# Shared by scripts/test and benchmarks/: find an existing Frappe bench, start the services it
# needs, and put a copy of this checkout into it. Source it; it defines functions only.
#
# Settings (environment):
#   AIMS_BENCH             the bench folder (default /home/frappe/frappe-bench)
#   AIMS_DB_ROOT_PASSWORD  MariaDB root password, used only to create a site (default root)

AIMS_BENCH=${AIMS_BENCH:-/home/frappe/frappe-bench}
AIMS_DB_ROOT_PASSWORD=${AIMS_DB_ROOT_PASSWORD:-root}
AIMS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

bench_found() {
	[ -d "$AIMS_BENCH/apps/frappe" ] && [ -x "$AIMS_BENCH/env/bin/python" ]
}

bench_owner() {
	stat -c %U "$AIMS_BENCH"
}

# Run a command in the bench folder as the bench's owner (bench refuses to run as root).
in_bench() {
	local owner
	owner=$(bench_owner)
	if [ "$(id -un)" = "$owner" ]; then
		(cd "$AIMS_BENCH" && "$@")
	else
		runuser -u "$owner" -- env -C "$AIMS_BENCH" PATH="$AIMS_BENCH/env/bin:$PATH" "$@"
	fi
}

# `bench` itself where it is installed; otherwise the bench env's python, which is what bench calls.
bench_cmd() {
	if command -v bench >/dev/null 2>&1; then
		in_bench bench "$@"
	else
		bench_python -m frappe.utils.bench_helper frappe "$@"
	fi
}

# The bench's Python, run from its sites folder (where Frappe finds the sites).
bench_python() {
	in_bench env -C "$AIMS_BENCH/sites" "$AIMS_BENCH/env/bin/python" "$@"
}

# Python with a connection to a site, whether or not aims_app is installed there
# (bench execute refuses the functions of an app the site does not have).
site_python() {
	local site=$1 code=$2
	bench_python -c "import frappe; frappe.init(site='$site'); frappe.connect(); $code"
}

# Drop SITE and its database, archiving what bench keeps of it in ARCHIVE; bench's output goes to LOG.
drop_site() {
	local site=$1 archive=$2 log=$3
	bench_cmd drop-site "$site" --force --no-backup --archived-sites-path "$archive" \
		--db-root-username root --db-root-password "$AIMS_DB_ROOT_PASSWORD" >>"$log" 2>&1
}

port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

redis_port() {
	sed -n 's/^port \([0-9]*\)/\1/p' "$AIMS_BENCH/config/$1.conf"
}

# MariaDB and the bench's two redis servers do not survive a reboot; start whatever is down.
start_services() {
	if ! mysqladmin ping --silent >/dev/null 2>&1; then
		echo "Starting MariaDB"
		if [ "$(id -u)" -eq 0 ]; then
			service mariadb start >/dev/null || { echo "MariaDB did not start" >&2; return 1; }
		else
			echo "MariaDB is down and only root can start it" >&2
			return 1
		fi
	fi
	local conf port
	for conf in redis_cache redis_queue; do
		port=$(redis_port "$conf")
		if [ -n "$port" ] && ! port_open "$port"; then
			echo "Starting $conf on port $port"
			in_bench redis-server "config/$conf.conf" --daemonize yes >/dev/null
		fi
	done
	for _ in $(seq 1 50); do
		port_open "$(redis_port redis_cache)" && return 0
		sleep 0.2
	done
	echo "redis_cache did not come up" >&2
	return 1
}

# Replace the bench's apps/aims_app with the files of this checkout (tracked, and untracked but not
# ignored), so the bench runs exactly what is being tested. A symlinked apps/aims_app (a developer's
# own checkout) is replaced by a copy: the suite never writes into a working tree.
sync_app_into_bench() {
	local target="$AIMS_BENCH/apps/aims_app" owner
	owner=$(bench_owner)
	if [ "$(realpath "$target" 2>/dev/null)" = "$AIMS_REPO" ]; then
		echo "apps/aims_app is this checkout itself; refusing to test in place" >&2
		return 1
	fi
	[ -L "$target" ] && rm "$target"
	rm -rf "$target.incoming"
	mkdir -p "$target.incoming"
	(cd "$AIMS_REPO" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - --no-recursion) |
		tar -xf - -C "$target.incoming"
	rm -rf "$target"
	mv "$target.incoming" "$target"
	chown -R "$owner:" "$target"
	local pip_log
	pip_log=$(mktemp)
	# With the app's declared dependencies (pyproject.toml), as `bench get-app` and `bench setup requirements` do.
	in_bench "$AIMS_BENCH/env/bin/pip" install --quiet --no-build-isolation -e apps/aims_app \
		>"$pip_log" 2>&1 || { cat "$pip_log" >&2; return 1; }
	if ! grep -qx aims_app "$AIMS_BENCH/sites/apps.txt"; then
		sed -i -e '$a\' "$AIMS_BENCH/sites/apps.txt" # bench writes it without a final newline
		echo aims_app >>"$AIMS_BENCH/sites/apps.txt"
	fi
	# what `bench get-app` does through `bench build`: the app's public folder served under /assets/aims_app
	# (the desk includes /assets/aims_app/js/inert_text.js), and aims_app/locale/*.po become the .mo files
	# Frappe reads
	in_bench ln -sfn "$target/aims_app/public" "$AIMS_BENCH/sites/assets/aims_app"
	bench_cmd compile-po-to-mo --app aims_app --force >"$pip_log" 2>&1 || { cat "$pip_log" >&2; return 1; }
}

site_exists() {
	[ -f "$AIMS_BENCH/sites/$1/site_config.json" ]
}

# grep reads to the end (no -q): under pipefail, bench killed by SIGPIPE would read as "not installed".
app_installed_on() {
	bench_cmd --site "$1" list-apps 2>/dev/null | grep '^aims_app' >/dev/null
}

# The bench's apps other than Frappe and aims_app (e.g. erpnext, hrms), one a line; none is no failure (grep's
# status 1 would stop a caller under set -e and pipefail).
other_apps() {
	grep -vxE 'frappe|aims_app|' "$AIMS_BENCH/sites/apps.txt" || true
}

# A site with every app of the bench except aims_app, created once and then reused.
ensure_site() {
	local site=$1 app install=()
	site_exists "$site" && return 0
	echo "Creating site $site"
	for app in $(other_apps); do install+=(--install-app "$app"); done
	bench_cmd new-site "$site" --db-root-username root --db-root-password "$AIMS_DB_ROOT_PASSWORD" \
		--admin-password admin "${install[@]}" >/dev/null || return 1
	# A site left half prepared would be reused as it is by the next run: drop it instead.
	prepare_test_site "$site" || { drop_site "$site" "$AIMS_BENCH/archived_sites" /dev/null; return 1; }
}

prepare_test_site() {
	bench_cmd --site "$1" set-config allow_tests true >/dev/null || return 1
	# The suite makes more users in its first hour than Frappe lets a site make (60 by default).
	bench_cmd --site "$1" set-config --parse throttle_user_limit 1000 >/dev/null || return 1
	prepare_other_apps_for_tests "$1"
}

# `run-tests --app aims_app` runs aims_app's before_tests hooks only; the other apps' own ones prepare
# the site as their tests expect (ERPNext's completes the setup wizard: a company, fiscal year, warehouses).
prepare_other_apps_for_tests() {
	local apps
	apps=$(other_apps | paste -sd' ')
	[ -n "$apps" ] || return 0
	echo "Preparing $1 for tests: before_tests of $apps"
	site_python "$1" "frappe.flags.in_test = True
for app in '$apps'.split():
	for hook in frappe.get_hooks('before_tests', app_name=app):
		frappe.get_attr(hook)()
frappe.db.commit()"
}

# Seconds taken by a command, to two decimals; the command's output goes to the log file given.
time_step() {
	local log=$1 start end
	shift
	start=$(date +%s.%N)
	"$@" >>"$log" 2>&1 || return 1
	end=$(date +%s.%N)
	python3 -c "print(f'{$end - $start:.2f}')"
}

# For the benchmarks: a bench running this checkout, with the scratch site SITE (Frappe only, created once);
# what the steps print goes to the log file given.
prepare_benchmark_bench() {
	local site=$1 log=$2
	bench_found || { echo "No Frappe bench at $AIMS_BENCH" >&2; return 1; }
	start_services
	sync_app_into_bench
	ensure_site "$site" >>"$log" 2>&1
}

# aims_app installed on SITE at this checkout's version: installed when absent, migrated when present.
install_or_migrate() {
	local site=$1 log=$2
	if app_installed_on "$site"; then
		bench_cmd --site "$site" migrate >>"$log" 2>&1
	else
		bench_cmd --site "$site" install-app aims_app >>"$log" 2>&1
	fi
}
