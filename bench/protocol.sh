#!/usr/bin/env bash
# The benchmark protocol as run for docs/benchmarks.md (about 3 hours on 2 cores).
# Phase A: every method at 10 s and 30 s; phase B: 120 s; phase C: best-known (600 s).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH=.
PY=.venv/bin/python
MAIN="S-base-1 S-base-2 M-sample-1 M-base-1 M-base-2 L-base-1 L-base-2 XL-base-1"
VARIANTS="M-tight_teachers-1 M-running-1 M-wide_travel-1 M-small_routes-1"
FIT="S-fitonly-1 M-fitonly-1"
# The straightforward model is only run up to M: on L and XL it does not fit in memory/time.
$PY -m bench.run --name protocol --cases S-base-1 S-base-2 M-sample-1 M-base-1 M-base-2 $VARIANTS \
    --methods klasvormer greedy status-quo naive --limits 10 30
$PY -m bench.run --name protocol --cases L-base-1 L-base-2 XL-base-1 --methods klasvormer greedy status-quo --limits 10 30
$PY -m bench.run --name protocol --cases $FIT --methods klasvormer kmeans --limits 10 30
$PY -m bench.run --name protocol --cases S-base-1 S-base-2 M-sample-1 M-base-1 M-base-2 --methods klasvormer naive --limits 120
$PY -m bench.run --name protocol --cases L-base-1 L-base-2 XL-base-1 $VARIANTS --methods klasvormer --limits 120
$PY -m bench.run --name protocol --cases XL-base-1 --methods klasvormer --limits 300
$PY -m bench.run --name bestknown --cases $MAIN $VARIANTS --methods klasvormer --limits 600 --update-best
# Nothing left to run: this only rewrites results.md and the chart with the best-known values.
$PY -m bench.run --name protocol --cases S-base-1 --methods klasvormer --limits 10
