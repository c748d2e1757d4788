"""Baseline 3 (fit-only variant): size-constrained k-means on leerbaarheid.

``k-means-constrained`` (PyPI) clusters the learners' scores into as many classes as the
compared plan has, with the same minimum and maximum sizes. Each class's level is the best
whole-number level for it (the median), so its misfit is measured the way Klasvormer's is.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from optimizer import Plan, Problem
from optimizer.compose import ClassDraft, compose_plan


def kmeans_plan(problem: Problem, n_classes: int, seed: int = 0) -> Plan:
    from k_means_constrained import KMeansConstrained

    t0 = time.perf_counter()
    (route,) = problem.routes
    learners = [lr for lr in problem.learners if lr.route == route.route]
    x = np.array([[lr.level] for lr in learners], dtype=float)
    km = KMeansConstrained(n_clusters=n_classes, size_min=route.min_size, size_max=route.max_size, random_state=seed)
    labels = km.fit_predict(x)
    loc = problem.locations[0].name
    sched = problem.schedules[0].name
    drafts = []
    for k in range(n_classes):
        members = [lr for lr, lab in zip(learners, labels, strict=True) if lab == k]
        level = int(round(statistics.median(lr.level for lr in members) / problem.level_step)) * problem.level_step
        drafts.append(ClassDraft(route.route, loc, sched, 0, level, [lr.id for lr in members]))
    return compose_plan(problem, drafts, status="HEURISTIC", runtime=time.perf_counter() - t0,
                        stats={"method": "kmeans-constrained"})
