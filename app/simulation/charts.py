"""PNG charts of a simulation (matplotlib without pyplot). Split from :mod:`app.simulation.sweep`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from optimizer.messages import Catalogue

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from app.simulation.results import SimulationResult


def _figure(width: float = 8, height: float = 5) -> Figure:
    """A figure that renders with Agg, without pyplot (so no global backend is switched)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


CHART_TEXTS = Catalogue({
    "tradeoff_x": ("gemiddelde wachttijd (weken)", "mean wait (weeks)"),
    "tradeoff_y": ("gemiddeld niveauverschil (leerbaarheidspunten)", "mean level gap (learnability points)"),
    "tradeoff_title": ("Afweging: wachttijd tegenover passende groep", "Trade-off: waiting against a fitting group"),
    "queue_y": ("wachtend (beschikbaar)", "waiting (available)"),
    "queue_title": ("Wachtrij en docentinzet per week (gemiddelde over seeds)",
                    "Queue and teachers in use per week (mean over seeds)"),
    "teachers_y": ("docent-dagdelen in gebruik", "teacher dayparts in use"),
    "week": ("week", "week"),
    "wait_mean": ("wachttijd gem. (wk)", "mean wait (weeks)"),
    "wait_p90": ("wachttijd P90 (wk)", "wait P90 (weeks)"),
    "within_target": ("binnen streeftermijn (aandeel)", "within target (share)"),
    "misfit_mean": ("niveauverschil gem.", "mean level gap"),
    "spread_mean": ("spreiding per klas", "spread per class"),
    "travel_mean": ("reistijd gem. (min)", "mean travel (min)"),
    "classes_opened": ("klassen geopend", "classes opened"),
    "fill_mean": ("bezetting (aandeel)", "fill rate (share)"),
    "teacher_dayparts": ("docent-dagdelen", "teacher dayparts"),
    "figures_title": ("Kerncijfers per beleid (gemiddelde over seeds)", "Key figures per policy (mean over seeds)"),
    "paired_title": ("Verschil met de status quo, gepaard per seed: gemiddelde en 95%-interval (lager is beter)",
                     "Difference from the status quo, paired per seed: mean and 95% interval (lower is better)"),
})
"""The words of the saved charts, in the current language (the CLI's --lang, the window's
language): an English window's 'Save...' wrote them in Dutch."""


def save_charts(result: SimulationResult, directory: str | Path) -> list[Path]:
    """PNG charts for a report: the wait-fit trade-off, the queue per week, key figures; their
    words in the current language (:data:`CHART_TEXTS`), the policies by their specs."""
    say = CHART_TEXTS.text
    out = Path(directory)
    paths = []
    per_run = result.summary[result.summary["seed"].astype(str) != "all"]
    per_policy = result.per_policy
    policies = list(per_policy.index)

    fig = _figure(7, 5)
    ax = fig.add_subplot()
    for i, pol in enumerate(policies):
        color = f"C{i % 10}"
        runs = per_run[per_run["policy"] == pol]
        ax.scatter(runs["wait_mean"], runs["misfit_mean"], color=color, alpha=0.35, s=18)
        row = per_policy.loc[pol]
        ax.scatter([row["wait_mean"]], [row["misfit_mean"]], color=color, s=70, label=pol, edgecolor="black")
    ax.set_xlabel(say("tradeoff_x"))
    ax.set_ylabel(say("tradeoff_y"))
    ax.set_title(say("tradeoff_title"))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    paths.append(out / "afweging_wacht_passing.png")
    fig.savefig(paths[-1])

    if not result.weekly.empty:
        fig = _figure(9, 5)
        ax1, ax2 = fig.subplots(2, 1, sharex=True)
        mean = result.weekly.groupby(["policy", "week"], sort=False)[
            ["queue_after", "teacher_dayparts_in_use"]].mean().reset_index()
        for i, pol in enumerate(policies):
            d = mean[mean["policy"] == pol]
            ax1.plot(d["week"], d["queue_after"], color=f"C{i % 10}", label=pol)
            ax2.plot(d["week"], d["teacher_dayparts_in_use"], color=f"C{i % 10}", label=pol)
        ax1.set_ylabel(say("queue_y"))
        ax1.set_title(say("queue_title"))
        ax2.set_ylabel(say("teachers_y"))
        ax2.set_xlabel(say("week"))
        for ax in (ax1, ax2):
            ax.grid(alpha=0.3)
        ax1.legend(fontsize=8, ncol=2)
        paths.append(out / "wachtrij_per_week.png")
        fig.savefig(paths[-1])

    metrics = [(key, say(key)) for key in ("wait_mean", "wait_p90", "within_target", "misfit_mean", "spread_mean",
                                           "travel_mean", "classes_opened", "fill_mean", "teacher_dayparts")]
    fig = _figure(11, 8)
    axes = fig.subplots(3, 3)
    for ax, (col, label) in zip(axes.flat, metrics, strict=True):
        values = [per_policy.loc[p, col] for p in policies]
        ax.bar(range(len(policies)), values, color=[f"C{i % 10}" for i in range(len(policies))])
        ax.set_title(label, fontsize=9)
        ax.set_xticks(range(len(policies)))
        ax.set_xticklabels(policies, rotation=35, ha="right", fontsize=7)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle(say("figures_title"))
    paths.append(out / "kerncijfers_per_beleid.png")
    fig.savefig(paths[-1])
    paths.extend(save_statistics_charts(result, out))
    return paths


def paired_figure(paired, metrics=("wait_mean", "misfit_mean")) -> Figure | None:
    """Mean paired difference against the status quo with its 95% interval, per policy."""
    if paired is None or paired.empty:
        return None
    fig = _figure(9, 4)
    axes = fig.subplots(1, len(metrics))
    policies = None
    for ax, metric in zip(axes, metrics, strict=True):
        d = paired[paired["metric"] == metric]
        y = list(range(len(d)))
        lo = (d["diff_mean"] - d["ci_low"]).fillna(0).clip(lower=0)
        hi = (d["ci_high"] - d["diff_mean"]).fillna(0).clip(lower=0)
        ax.errorbar(d["diff_mean"], y, xerr=[lo, hi], fmt="o", capsize=4, color="C0")
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y)
        # the policies once, at the left, where every panel lists the same (a second column of
        # names pushed the right panel's title past the edge)
        same = policies is not None and list(d["policy"]) == policies
        ax.set_yticklabels([] if same else d["policy"], fontsize=7)
        policies = list(d["policy"])
        ax.set_title(CHART_TEXTS.text(metric) if metric in CHART_TEXTS else metric, fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(CHART_TEXTS.text("paired_title"), fontsize=10)
    return fig


GROUP_TEXTS = Catalogue({
    "title": ("Wachttijd per {kind} (balk: gemiddelde, punt: P90)", "Wait per {kind} (bar: mean, dot: P90)"),
    "axis": ("wachttijd (wk)", "wait (weeks)"),
    "status": ("status", "status"),
    "route": ("route", "route"),
    "stadsdeel": ("stadsdeel", "district"),
})
"""The words of :func:`groups_figure` (the planner's Simulatie page shows it in its language)."""


def groups_figure(groups, lang: str | None = None, names: Mapping[str, str] | None = None) -> Figure | None:
    """Mean wait per learner group (status, route, stadsdeel) and policy, with P90 as a dot; in
    ``lang`` (None: the current language), each policy named as in ``names`` (its spec where not
    given)."""
    if groups is None or groups.empty:
        return None
    kinds = [g for g in ("status", "route", "stadsdeel") if (groups["group"] == g).any()]
    if not kinds:
        return None
    fig = _figure(12, 3.6 * len(kinds))
    axes = fig.subplots(len(kinds), 1, squeeze=False)[:, 0]
    policies = list(dict.fromkeys(groups["policy"]))
    width = 0.8 / max(1, len(policies))
    for ax, kind in zip(axes, kinds, strict=True):
        d = groups[groups["group"] == kind]
        values = sorted(dict.fromkeys(d["value"].astype(str)))
        for i, pol in enumerate(policies):
            mine = d[d["policy"] == pol].set_index(d[d["policy"] == pol]["value"].astype(str))
            xs = [j + (i - (len(policies) - 1) / 2) * width for j in range(len(values))]
            label = (names or {}).get(pol, pol)
            ax.bar(xs, [mine["wait_mean"].get(v, 0.0) for v in values], width, color=f"C{i % 10}", label=label)
            ax.scatter(xs, [mine["wait_p90"].get(v, float("nan")) for v in values], color="black", s=6, zorder=3)
        ax.set_xticks(range(len(values)))
        ax.set_xticklabels(values, rotation=30, ha="right", fontsize=7)
        ax.set_ylabel(GROUP_TEXTS.text("axis", lang))
        ax.set_title(GROUP_TEXTS.text("title", lang, kind=GROUP_TEXTS.text(kind, lang)), fontsize=9)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize=7, ncol=min(4, len(policies)))
    return fig


def save_statistics_charts(result: SimulationResult, directory: str | Path) -> list[Path]:
    """paired_differences.png and waits_by_group.png (when there is something to show)."""
    out = Path(directory)
    paths = []
    for name, fig in (("verschil_met_status_quo.png", paired_figure(result.paired)),
                      ("wachttijd_per_groep.png", groups_figure(result.groups))):
        if fig is not None:
            paths.append(out / name)
            fig.savefig(paths[-1])
    return paths
