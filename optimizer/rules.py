"""The catalogue of rules: every hard rule and every objective term under one key.

A key names one rule everywhere: the model's rule functions carry it (``HARD_RULES`` in
:mod:`optimizer.model`, through :func:`enforces`), the validator reports it
(:attr:`optimizer.validate.Violation.rule`), the editing notes and the explanations
(:mod:`optimizer.explain`) say which rule they are about by it, and the tests are
parametrised over it. The statement of each rule, in Dutch and English, is the message
``rule_<key>`` (``term_<key>`` for a term) in :data:`optimizer.messages.TEMPLATES`.

Kinds of entry:

- ``HARD``: a rule of the problem that every plan keeps. ``where`` says how the model keeps
  it: ``MODEL``, a constraint in a rule function of :mod:`optimizer.model`; ``OPTIONS``, the
  candidate generator (:mod:`optimizer.candidates`) offers only options that keep it, so
  the model cannot choose anything else.
- ``CAP``: a limit the planner sets for one solve (the trade-off's caps): hard in the model
  when set, not part of the problem, so the validator does not see it.
- ``PLAN``: a plan's own bookkeeping (every learner accounted for once, reported figures and
  objective as recomputed, classes as the input says); the model keeps these by
  construction, the validator checks them.
- ``TERM``: an objective term (points; lower is better), the keys of ``Plan.terms``.

The keys are internal (no sheet, no CLI output shows them): users read the statements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .messages import TEMPLATES, Message

HARD = "hard"
CAP = "cap"
PLAN = "plan"
TERM = "term"
MODEL = "model"
OPTIONS = "options"


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue: its key, kind and (hard rules) how the model keeps it."""

    key: str
    kind: str
    where: str | None = None

    @property
    def message_key(self) -> str:
        return f"{'term' if self.kind == TERM else 'rule'}_{self.key}"

    @property
    def statement(self) -> Message:
        """The rule in words (a :class:`Message`: ``.text("nl")`` / ``.text("en")``)."""
        return Message(self.message_key)

    def text(self, lang: str | None = None) -> str:
        return self.statement.text(lang)


def _rules(kind: str, where: str | None, keys: str) -> list[Rule]:
    return [Rule(k, kind, where) for k in keys.split()]


CATALOGUE: tuple[Rule, ...] = (
    *_rules(HARD, MODEL, """
        one_place
        member_available member_late_join member_join_week member_horizon
        class_size class_first_day running_seats teachers rooms
        together not_with pin locked_class
    """),
    *_rules(HARD, OPTIONS, """
        member_route member_daypart member_travel member_excluded member_spread member_group
        member_language member_running_end
        class_schedule class_start_week class_level class_room class_language
    """),
    *_rules(CAP, MODEL, "wait_budget misfit_cap placement_floor"),
    *_rules(PLAN, None, """
        unassigned unknown_learner membership duplicate_class class_unknown class_start_date
        running_unknown running_changed reported objective
    """),
    *_rules(TERM, None, "wait misfit travel daypart language move new_class"),
)

RULES: dict[str, Rule] = {r.key: r for r in CATALOGUE}
"""Every entry by key."""


def keys(kind: str, where: str | None = None) -> tuple[str, ...]:
    """The keys of one kind (and, given, one ``where``), in catalogue order."""
    return tuple(r.key for r in CATALOGUE if r.kind == kind and (where is None or r.where == where))


HARD_KEYS = keys(HARD)
TERM_KEYS = keys(TERM)
"""The objective terms in their fixed order (the same as ``optimizer.plan.OBJECTIVE_TERMS``)."""


def rule(key: str) -> Rule:
    """The entry of ``key``; an unknown key is a programming error (KeyError)."""
    try:
        return RULES[key]
    except KeyError:
        raise KeyError(f"unknown rule key {key!r}; add it to optimizer.rules.CATALOGUE") from None


F = TypeVar("F", bound=Callable[..., object])


def enforces(*rule_keys: str) -> Callable[[F], F]:
    """Mark a model function with the catalogue keys it keeps (read back as ``fn.rules``)."""
    for k in rule_keys:
        rule(k)

    def mark(fn: F) -> F:
        fn.rules = rule_keys  # type: ignore[attr-defined]
        return fn

    return mark


def missing_statements() -> list[str]:
    """Catalogue keys without a statement in both languages (empty when complete)."""
    out = []
    for r in CATALOGUE:
        nl, en = TEMPLATES.get(r.message_key, ("", ""))
        if not nl.strip() or not en.strip():
            out.append(r.key)
    return out
