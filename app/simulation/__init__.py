"""The simulation wing: a year of arrivals, re-planned every week by each policy.

arrivals draws who arrives when, policies names how a planner decides, capacity sets the
teachers and rooms (automatic or a calibrated scenario: krap, gemiddeld, ruim), engine runs one
policy on one seed, executors run policies x seeds (one after another, in local processes or on
dask), sweep is the entry point that gathers them into results (tables), statistics (paired
differences with 95% intervals, waits per group) and charts; reference plans the year with every
arrival known (the clairvoyant reference). Independent of the workbook wing: it receives a
:class:`optimizer.Problem`.
"""

from app.simulation.policies import PolicyError, parse_policy
from app.simulation.sweep import SimProgress, SimulationError, SimulationResult, simulate

__all__ = ["PolicyError", "SimProgress", "SimulationError", "SimulationResult", "parse_policy", "simulate"]
