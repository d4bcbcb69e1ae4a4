#!/usr/bin/env bash
# What the AIMS workspace costs the server (each number card, chart and the heat map, and the AIMS Readiness
# report): time and query count, cold and warm, empty and on a generated organisation (issue 6).
# Goal: each under 500 ms.
#
#   benchmarks/workspace.sh [RUNS]    (default 7; site: AIMS_BENCH_SITE, default aims-bench.test)
exec "$(dirname "${BASH_SOURCE[0]}")/generated_org.sh" workspace.py "${1:-7}"
