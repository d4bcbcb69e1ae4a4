#!/usr/bin/env bash
# The risk reports' server time and query count, first on a site with the app alone, then on a
# generated organisation of 2,000 AI systems, 20,000 risks and 50,000 evidence links (issue 4), and with
# --scale N on N times that organisation too, with each median's N×/1× ratio (issue 16: under 3 at 10×).
#
#   benchmarks/reports.sh [--scale N] [RUNS]   (default 7; site: AIMS_BENCH_SITE, default aims-bench.test)
exec "$(dirname "${BASH_SOURCE[0]}")/generated_org.sh" reports.py "$@"
