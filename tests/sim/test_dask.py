"""The dask.distributed path on a LocalCluster of two workers (skipped without dask)."""

from __future__ import annotations

import pytest

from app.simulation.sweep import simulate

from .conftest import SMALL_ARRIVALS

distributed = pytest.importorskip("distributed")


def test_tiny_sweep_on_a_local_cluster(small_base) -> None:
    kw = dict(weeks=2, seeds=(1, 2), arrivals_per_week=12, time_limit=0.2, arrivals=SMALL_ARRIVALS, horizon=5)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        res = simulate(small_base, ["status-quo"], scheduler=cluster.scheduler_address, **kw)
    assert res.settings["executor"] == "dask"
    assert sorted(r.seed for r in res.runs) == [1, 2] and all(r.complete for r in res.runs)
    serial = simulate(small_base, ["status-quo"], workers=1, **kw)
    assert res.learners.equals(serial.learners)
    assert len(res.summary) == 3  # two runs and the mean
