"""The simulation wing: a year of arrivals, re-planned every week by each policy.

arrivals draws who arrives when, policies names how a planner decides, engine runs one policy on
one seed, sweep runs policies x seeds (locally in parallel or on dask) and gathers the results.
Independent of the workbook wing: it receives a :class:`optimizer.Problem`.
"""

from app.simulation.policies import PolicyError, parse_policy
from app.simulation.sweep import SimProgress, SimulationResult, simulate

__all__ = ["PolicyError", "SimProgress", "SimulationResult", "parse_policy", "simulate"]
