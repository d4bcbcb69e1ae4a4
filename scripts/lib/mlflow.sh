# The MLflow that aims_app/ai_systems/model_registry/test_model_registry.py runs a real model registry server with.
# It lives in a venv of its own, outside the bench's env, so that its pins never touch Frappe's. Source it
# after lib/bench.sh; it defines functions only.
#
#   AIMS_MLFLOW_VENV  the venv (default ~/.cache/aims_app/mlflow-venv of the bench's owner; the tests read
#                     the same variable, or the site config key aims_mlflow_venv)

# Create the venv and install mlflow into it, once. Never fails: without mlflow those tests are skipped
# and say why.
ensure_mlflow_venv() {
	local owner home venv
	owner=$(bench_owner)
	home=$(getent passwd "$owner" | cut -d: -f6)
	venv=${AIMS_MLFLOW_VENV:-$home/.cache/aims_app/mlflow-venv}
	[ -x "$venv/bin/mlflow" ] && return 0
	echo "-- installing mlflow into $venv (for the model registry tests)"
	in_bench bash -c \
		'mkdir -p "$(dirname "$1")" && /usr/bin/python3 -m venv "$1" && "$1/bin/pip" install --quiet --disable-pip-version-check mlflow' \
		_ "$venv" >/dev/null 2>&1 ||
		echo "   mlflow could not be installed: the model registry tests will be skipped" >&2
	return 0
}
