#!/usr/bin/env bash
# The benchmark protocol as run for docs/benchmarks.md (about 90 minutes on 2 cores, plus 25 for the capped runs).
# M-base-1 is the bundled sample (same generator and seed), so it runs as M-sample-1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH=.
PY=.venv/bin/python
SM="S-base-1 S-base-2 M-sample-1 M-base-2 M-base-3"
VARIANTS="M-tight_teachers-1 M-running-1 M-wide_travel-1 M-small_routes-1"
LXL="L-base-1 L-base-2 XL-base-1"
FIT="S-fitonly-1 M-fitonly-1"
# Phase A: every method at 10 s and 30 s. The straightforward model runs up to M only: on L
# and XL it does not build within the time limit.
$PY -m bench.run --name protocol --cases $SM $VARIANTS --methods klasvormer greedy status-quo naive --limits 10 30
$PY -m bench.run --name protocol --cases $LXL --methods klasvormer greedy status-quo --limits 10 30
$PY -m bench.run --name protocol --cases $FIT --methods klasvormer kmeans --limits 10 30
# The other presets, for the comparison with the status-quo rule by key figures.
$PY -m bench.run --name protocol --cases $SM --methods klasvormer-snel klasvormer-homogeen --limits 30
# Capped at the status quo's own figures (optimizer.tradeoff.best_within, 5 solves in 150 s):
# the most homogeneous plan that waits no longer on average, the fastest that fits no worse.
$PY -m bench.run --name status-quo-cap --cases $SM --methods status-quo cap-wait cap-misfit --limits 150
# Levers: the full model instead of the search, and the search without the level regrouping.
$PY -m bench.run --name protocol --cases S-base-1 M-sample-1 L-base-1 --methods cp-sat lns-noregroup --limits 30
# Phase B: 120 s (and 300 s for XL); the straightforward model at 120 s on S and M once each.
$PY -m bench.run --name protocol --cases $SM $LXL --methods klasvormer --limits 120
$PY -m bench.run --name protocol --cases S-base-1 M-sample-1 --methods naive --limits 120
$PY -m bench.run --name protocol --cases XL-base-1 --methods klasvormer --limits 300
# Best-known: longer runs, recorded with their command in bench/best_known.csv.
$PY -m bench.run --name bestknown --cases M-sample-1 M-base-2 L-base-1 \
    --methods klasvormer --limits 300 --update-best
$PY -m bench.run --name bestknown --cases XL-base-1 --methods klasvormer --limits 900 --update-best
# Proven bounds: column generation alone (optimizer/colgen.py), up to 300 s; it stops when it
# converges. The summary takes the highest bound of any run as "best bound".
$PY -m bench.run --name colgen --cases $SM $VARIANTS L-base-1 L-base-2 --methods bound --limits 300
# Best-known = the lowest valid objective of any run above; then rewrite results.md and the chart.
$PY -m bench.run --name protocol --cases S-base-1 --methods klasvormer --limits 10 --collect-best
