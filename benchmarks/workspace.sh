#!/usr/bin/env bash
# What the AIMS workspace costs the server (each number card, chart and the heat map, and the AIMS Readiness
# report): time and query count, cold and warm, empty and on a generated organisation (issue 6), and with
# --scale N on N times that organisation too, with each median's N×/1× ratio.
# Goals (issue 16): each warm median under 300 ms at 1×, and under 3 times that at 10×.
#
#   benchmarks/workspace.sh [--scale N] [RUNS]   (default 7; site: AIMS_BENCH_SITE, default aims-bench.test)
exec "$(dirname "${BASH_SOURCE[0]}")/generated_org.sh" workspace.py "$@"
