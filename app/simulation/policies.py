"""Planner policies compared by the simulation (issue #6), written as short specs.

A spec is a base rule plus ``+``-joined modifiers, e.g. ``gebalanceerd+streeftermijn=10``:

Base rules
    ``status-quo``: :func:`optimizer.baselines.status_quo_plan` (waiting order, open a class
    when the minimum is reached). ``snelle-start``, ``gebalanceerd``, ``homogeen`` (or the
    English names): Klasvormer (:func:`optimizer.solve.solve`) with that weight preset.
    ``klasvormer``: Klasvormer with the base problem's own weights.
Modifiers
    ``streeftermijn[=WEEKS]`` (maximum wait): a learner who has waited at least
    ``WEEKS - margin`` weeks at planning time (default WEEKS = the problem's target_weeks,
    margin 2) gets ``priority * boost`` (at most 10), so each extra week of their wait costs
    ``boost`` times more. ``boost=K`` and ``marge=M`` set boost (default 3) and margin.
    ``ruimte=N`` (room for newcomers): new classes are planned with at most ``max size - N``
    learners, so N seats stay free for people nobody knows about yet (they join in the first
    weeks, as a published class takes newcomers for ``late_join_weeks``).
    ``eindwaarde=WEEKS`` (end-of-horizon value): a learner left on the waiting list of a weekly
    plan is charged the wait until ``WEEKS`` weeks after the horizon (the problem's
    ``waitlist_extra_weeks``, default 4), so pushing people past the horizon costs more and a
    rolling plan has less reason to keep postponing classes.
    ``helderziend`` (clairvoyant, the reference no policy can fairly beat): every arrival of
    the simulated year is known to the planner from week 0 (who, and from when they can
    start), and the weekly plans are rolled as usual with that perfect knowledge. Only for a
    solver rule; see :mod:`app.simulation.reference`.
    ``verwacht`` (expected arrivals): each weekly plan also sees one sampled future -- learners
    drawn from the arrival model for the horizon's later weeks, as many as are expected to
    arrive there and are not known yet (:func:`app.simulation.arrivals.expected_unknown`). They
    can never start in the plan's first week, so nothing published depends on them; they make
    the plan wait for a better class where arrivals are coming, or start now where none are.
    A new future is drawn each week (its own random numbers: the real arrivals stay the same
    for every policy). Only for a solver rule; not with ``replay`` arrivals.
    ``verwacht=K`` plans the week against K sampled futures, each in ``1/K`` of the week's time,
    and publishes the plan whose published part (this week's classes and joins) agrees most with
    the other futures' plans (:mod:`app.simulation.futures`).
    ``maxreis=MIN`` (maximum travel): nobody travels more than MIN minutes one way: the
    problem's default, every route's and every learner's own maximum are capped at MIN.
    ``wachten=P`` and ``niveau=P`` (weights): P points per waiting week (times priority) and per
    leerbaarheid point between a learner and the class level, instead of the preset's (e.g.
    ``homogeen+niveau=16``: four times as homogeneous as *homogeen*). The other weights stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from optimizer.baselines import status_quo_plan
from optimizer.domain import MAX_MINUTES, MAX_WEIGHT, PRESET_ALIASES, PRESETS, Problem
from optimizer.messages import Catalogue, Keyed
from optimizer.options import SolveOptions
from optimizer.plan import Plan
from optimizer.solve import solve

STATUS_QUO = "status-quo"
_STATUS_QUO_WORDS = {"status-quo", "status_quo", "statusquo", "status quo", "sq", "huidig", "baseline"}
_KLASVORMER_WORDS = {"klasvormer", "optimizer", "eigen"}

DEFAULT_POLICIES: tuple[str, ...] = (
    "status-quo",
    "snelle-start",
    "gebalanceerd",
    "homogeen",
    "gebalanceerd+streeftermijn",
    "gebalanceerd+maxreis=30",
)


MODIFIERS = ("+streeftermijn[=N], +maxreis=N, +ruimte=N, +eindwaarde=N, +verwacht[=K], +wachten=N, +niveau=N, "
             "+helderziend, +boost=N, +marge=N")
"""Every modifier a policy takes (the module doc says what each does)."""

ERRORS = Catalogue({
    "empty": ("leeg beleid", "empty policy"),
    "unknown": (
        "onbekend beleid '{name}'; gebruik status-quo, klasvormer of een afweging ({presets}), eventueel met "
        "{modifiers}",
        "unknown policy '{name}'; use status-quo, klasvormer or a preset ({presets}), optionally with {modifiers}",
    ),
    "unreadable": ("beleid '{spec}': '{mod}' is niet te lezen", "policy '{spec}': cannot read '{mod}'"),
    "not_whole": (
        "beleid '{spec}': {what} moet een geheel getal zijn, niet '{value}'",
        "policy '{spec}': {what} must be a whole number, not '{value}'",
    ),
    "negative": ("beleid '{spec}': {what} mag niet negatief zijn", "policy '{spec}': {what} must not be negative"),
    "range": (
        "beleid '{spec}': {what} moet van {lo} tot en met {hi} zijn, niet {value}",
        "policy '{spec}': {what} must be from {lo} to {hi}, not {value}",
    ),
    "no_value": ("beleid '{spec}': helderziend neemt geen waarde", "policy '{spec}': helderziend takes no value"),
    "futures": (
        "beleid '{spec}': verwacht=K neemt 1 tot en met 10 mogelijke toekomsten, niet {value}",
        "policy '{spec}': verwacht=K takes 1 to 10 futures, not {value}",
    ),
    "unknown_modifier": (
        "beleid '{spec}': onbekende toevoeging '{mod}' (gebruik {modifiers})",
        "policy '{spec}': unknown modifier '{mod}' (use {modifiers})",
    ),
    "needs_rule": (
        "beleid '{spec}': {word} vraagt een Klasvormer-regel (bijv. gebalanceerd+{full})",
        "policy '{spec}': {word} needs a Klasvormer rule (e.g. gebalanceerd+{full})",
    ),
    "boost_marge": (
        "beleid '{spec}': boost en marge horen bij streeftermijn",
        "policy '{spec}': boost and marge belong to streeftermijn",
    ),
})
"""Why a policy spec cannot be read (:class:`PolicyError` keys), Dutch and English."""


class PolicyError(Keyed, ValueError):
    """A policy spec that cannot be read; the message says what is accepted. A key of
    :data:`ERRORS` and its parameters: ``text(lang)`` in either language, ``str()`` in English
    (the API's language for its errors)."""

    catalogue = ERRORS

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.text("en"))


@dataclass(frozen=True)
class Policy:
    """A planner policy: a base rule and its modifiers (see the module doc)."""

    rule: str
    """'status_quo' or 'solver'."""
    preset: str | None = None
    """Weight preset name for the solver (None = the problem's own weights)."""
    target_weeks: int | None = None
    """Streeftermijn in weeks; 0 means "the problem's target_weeks"; None = no modifier."""
    boost: int = 3
    margin: int = 2
    max_travel: int | None = None
    reserve: int = 0
    clairvoyant: bool = False
    end_value: int | None = None
    expected: bool = False
    futures: int = 1
    """Sampled futures per week with ``expected`` (``verwacht=K``)."""
    wait_weight: int | None = None
    misfit_weight: int | None = None

    @property
    def name(self) -> str:
        """The canonical spec, e.g. ``gebalanceerd+streeftermijn=10+maxreis=30``."""
        head = STATUS_QUO if self.rule == "status_quo" else (
            self.preset.replace(" ", "-") if self.preset else "klasvormer")
        parts = [head]
        if self.target_weeks is not None:
            part = "streeftermijn" if self.target_weeks == 0 else f"streeftermijn={self.target_weeks}"
            if self.boost != 3:
                part += f"+boost={self.boost}"
            if self.margin != 2:
                part += f"+marge={self.margin}"
            parts.append(part)
        if self.max_travel is not None:
            parts.append(f"maxreis={self.max_travel}")
        if self.wait_weight is not None:
            parts.append(f"wachten={self.wait_weight}")
        if self.misfit_weight is not None:
            parts.append(f"niveau={self.misfit_weight}")
        if self.reserve:
            parts.append(f"ruimte={self.reserve}")
        if self.end_value is not None:
            parts.append(f"eindwaarde={self.end_value}")
        if self.clairvoyant:
            parts.append("helderziend")
        if self.expected:
            parts.append("verwacht" if self.futures == 1 else f"verwacht={self.futures}")
        return "+".join(parts)

    def prepare(self, problem: Problem) -> Problem:
        """The week's problem as this policy sees it (weights, priorities, travel caps)."""
        p = problem
        if self.rule == "solver" and self.preset is not None:
            p = p.with_weights(PRESETS[self.preset])
        if self.wait_weight is not None:
            p = p.with_weights(replace(p.weights, wait=self.wait_weight))
        if self.misfit_weight is not None:
            p = p.with_weights(replace(p.weights, misfit=self.misfit_weight))
        if self.end_value is not None:
            p = replace(p, waitlist_extra_weeks=self.end_value)
        if self.reserve:
            p = replace(p, routes=tuple(replace(r, max_size=max(r.min_size, r.max_size - self.reserve))
                                        for r in p.routes))
        if self.max_travel is not None:
            cap = self.max_travel
            p = replace(
                p,
                max_travel=min(p.max_travel, cap),
                routes=tuple(replace(r, max_travel=min(r.max_travel, cap) if r.max_travel is not None else None)
                             for r in p.routes),
                learners=tuple(replace(lr, max_travel=min(lr.max_travel, cap)) if lr.max_travel is not None
                               and lr.max_travel > cap else lr for lr in p.learners),
            )
        if self.target_weeks is not None:
            target = self.target_weeks or p.target_weeks
            threshold = max(0, target - self.margin)
            p = replace(p, learners=tuple(
                replace(lr, priority=min(10, lr.priority * self.boost))
                if p.wait_weeks(lr, 0) >= threshold else lr
                for lr in p.learners
            ))
        return p

    def plan(self, problem: Problem, options: SolveOptions, *, stop: Callable[[], bool] | None = None) -> Plan:
        """Plan ``problem`` (already :meth:`prepare`-d) by this policy's rule."""
        if self.rule == "status_quo":
            return status_quo_plan(problem)
        return solve(problem, options, stop=stop)


def _int(value: str, what: str, spec: str, high: int | None = None) -> int:
    try:
        n = int(value)
    except ValueError:
        raise PolicyError("not_whole", spec=spec, what=what, value=value) from None
    if n < 0:
        raise PolicyError("negative", spec=spec, what=what)
    if high is not None and n > high:
        raise PolicyError("range", spec=spec, what=what, lo=0, hi=high, value=n)
    return n


def parse_policy(spec: str | Policy) -> Policy:
    """Read a policy spec such as ``homogeen+maxreis=30`` (see the module doc)."""
    if isinstance(spec, Policy):
        return spec
    parts = [p.strip() for p in str(spec).split("+") if p.strip()]
    if not parts:
        raise PolicyError("empty")
    head = parts[0].lower().replace("_", "-")
    if head in _STATUS_QUO_WORDS or head.replace("-", " ") in _STATUS_QUO_WORDS:
        pol = Policy("status_quo")
    elif head in _KLASVORMER_WORDS:
        pol = Policy("solver")
    else:
        key = _preset_key(head.replace("-", " "))
        if key not in PRESETS:
            raise PolicyError("unknown", name=parts[0], presets=", ".join(p.replace(" ", "-") for p in PRESETS),
                              modifiers=MODIFIERS)
        pol = Policy("solver", preset=key)
    for mod in parts[1:]:
        m = re.fullmatch(r"([a-zA-Z_\- ]+?)\s*(?:[=:]\s*(\S+))?", mod)
        if not m:
            raise PolicyError("unreadable", spec=spec, mod=mod)
        key, value = m.group(1).strip().lower().replace("_", "-"), m.group(2)
        if key in ("streeftermijn", "max-wait", "maxwacht", "target"):
            pol = replace(pol, target_weeks=_int(value, "streeftermijn", spec) if value else 0)
        elif key == "boost":
            pol = replace(pol, boost=max(1, _int(value or "", "boost", spec)))
        elif key in ("marge", "margin"):
            pol = replace(pol, margin=_int(value or "", "marge", spec))
        elif key in ("maxreis", "max-travel", "maxtravel", "reistijd"):
            pol = replace(pol, max_travel=_int(value or "", "maxreis", spec, MAX_MINUTES))
        elif key in ("wachten", "wait"):
            pol = replace(pol, wait_weight=_int(value or "", "wachten", spec, MAX_WEIGHT))
        elif key in ("niveau", "misfit"):
            pol = replace(pol, misfit_weight=_int(value or "", "niveau", spec, MAX_WEIGHT))
        elif key in ("ruimte", "reserve", "room"):
            pol = replace(pol, reserve=_int(value or "", "ruimte", spec))
        elif key in ("eindwaarde", "end-value", "endvalue"):
            pol = replace(pol, end_value=_int(value or "", "eindwaarde", spec))
        elif key in ("helderziend", "clairvoyant"):
            if value is not None:
                raise PolicyError("no_value", spec=spec)
            pol = replace(pol, clairvoyant=True)
        elif key in ("verwacht", "expected"):
            futures = 1 if value is None else _int(value, "verwacht", spec)
            if not 1 <= futures <= 10:
                raise PolicyError("futures", spec=spec, value=futures)
            pol = replace(pol, expected=True, futures=futures)
        else:
            raise PolicyError("unknown_modifier", spec=spec, mod=mod, modifiers=MODIFIERS)
    for flag, word in ((pol.clairvoyant, "helderziend"), (pol.expected, "verwacht"),
                       (pol.wait_weight is not None, "wachten=20"), (pol.misfit_weight is not None, "niveau=8")):
        if flag and pol.rule == "status_quo":
            raise PolicyError("needs_rule", spec=spec, word=word.split("=")[0], full=word)
    if (pol.boost != 3 or pol.margin != 2) and pol.target_weeks is None:
        raise PolicyError("boost_marge", spec=spec)
    return pol


def _preset_key(name: str) -> str:
    key = name.strip().lower()
    return PRESET_ALIASES.get(key, key)
