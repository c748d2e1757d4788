"""A search step's Python time, and a fingerprint of the sub-models it builds.

    PYTHONHASHSEED=0 PYTHONPATH=. .venv/bin/python -m bench.step_time CASE [--steps 150] [--out F]

Builds ``--steps`` neighbourhoods around the greedy start of CASE (``SIZE-VARIANT-SEED`` as in
:mod:`bench.one`, or ``city1500``: ``municipality(1500, seed=3)``), each with its sub-model and
hint as the search builds them, without solving; prints the seconds per phase (members,
neighbourhood, restrict, model, hint). ``--out`` writes the SHA-1 of every sub-model's proto
text: two versions of the code that write the same file build the same models, so a
deterministic search gives the same plan with either (a change for speed alone must keep them).
The neighbourhoods are drawn from a fixed seed; sets of ids iterate by the hash seed, so compare
fingerprints made with the same ``PYTHONHASHSEED``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections import defaultdict

from bench.cases import Case
from optimizer.candidates import build_candidates
from optimizer.domain import Problem
from optimizer.greedy import greedy_plan
from optimizer.model import build_model
from optimizer.search import Neighbourhoods, class_members, option_index, restrict


def load(name: str) -> Problem:
    if name.startswith("city"):
        from app.synth import municipality

        return municipality(int(name[4:]), seed=3)
    size, variant, seed = name.split("-")
    return Case(name, size, int(seed), variant).build()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("case")
    ap.add_argument("--steps", type=int, default=150)
    ap.add_argument("--out", help="file for the sub-models' fingerprints (JSON)")
    args = ap.parse_args(argv)
    p = load(args.case)
    cand = build_candidates(p)
    placements, counts = greedy_plan(p, cand)
    rng = random.Random(5)
    hoods = Neighbourhoods(p, cand, rng, 3000)
    index = option_index(cand)
    seconds: dict[str, float] = defaultdict(float)
    prints: list[str] = []
    for i in range(args.steps):
        t0 = time.perf_counter()
        members, members_of = class_members(placements)
        kind = hoods.pick_kind()
        t1 = time.perf_counter()
        hood = hoods.build(kind, counts, members, members_of)
        t2 = time.perf_counter()
        sub, free = restrict(p, cand, hood, placements, counts, hoods.max_learners * 2, rng, index)
        t3 = time.perf_counter()
        if not free:
            continue
        model = build_model(p, sub)
        t4 = time.perf_counter()
        model.add_hint({lid: placements[lid] for lid in free}, {k: n for k, n in counts.items() if k in hood.free})
        t5 = time.perf_counter()
        for phase, s in (("members", t1 - t0), ("neighbourhood", t2 - t1), ("restrict", t3 - t2),
                         ("model", t4 - t3), ("hint", t5 - t4)):
            seconds[phase] += s
        prints.append(hashlib.sha1(str(model.cp.proto).encode()).hexdigest())
        hoods.reward(kind, i % 3 == 0)  # (a fixed pattern: the kinds' weights move as in a search)
    print(args.case, {k: round(v, 3) for k, v in seconds.items()}, f"total {sum(seconds.values()):.2f} s,",
          f"{len(prints)} sub-models")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(prints, f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
