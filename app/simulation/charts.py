"""PNG charts of a simulation (matplotlib without pyplot). Split from :mod:`app.simulation.sweep`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from app.simulation.results import SimulationResult


def _figure(width: float = 8, height: float = 5) -> Figure:
    """A figure that renders with Agg, without pyplot (so no global backend is switched)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def save_charts(result: SimulationResult, directory: str | Path) -> list[Path]:
    """PNG charts for a report: the wait-fit trade-off, the queue per week, key figures."""
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
    ax.set_xlabel("gemiddelde wachttijd (weken)")
    ax.set_ylabel("gemiddeld niveauverschil (leerbaarheidspunten)")
    ax.set_title("Afweging: wachttijd tegenover passende groep")
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
        ax1.set_ylabel("wachtend (beschikbaar)")
        ax1.set_title("Wachtrij en docentinzet per week (gemiddelde over seeds)")
        ax2.set_ylabel("docent-dagdelen in gebruik")
        ax2.set_xlabel("week")
        for ax in (ax1, ax2):
            ax.grid(alpha=0.3)
        ax1.legend(fontsize=8, ncol=2)
        paths.append(out / "wachtrij_per_week.png")
        fig.savefig(paths[-1])

    metrics = [("wait_mean", "wachttijd gem. (wk)"), ("wait_p90", "wachttijd P90 (wk)"),
               ("within_target", "binnen streeftermijn (aandeel)"), ("misfit_mean", "niveauverschil gem."),
               ("spread_mean", "spreiding per klas"), ("travel_mean", "reistijd gem. (min)"),
               ("classes_opened", "klassen geopend"), ("fill_mean", "bezetting (aandeel)"),
               ("teacher_dayparts", "docent-dagdelen")]
    fig = _figure(11, 8)
    axes = fig.subplots(3, 3)
    for ax, (col, label) in zip(axes.flat, metrics, strict=True):
        values = [per_policy.loc[p, col] for p in policies]
        ax.bar(range(len(policies)), values, color=[f"C{i % 10}" for i in range(len(policies))])
        ax.set_title(label, fontsize=9)
        ax.set_xticks(range(len(policies)))
        ax.set_xticklabels(policies, rotation=35, ha="right", fontsize=7)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle("Kerncijfers per beleid (gemiddelde over seeds)")
    paths.append(out / "kerncijfers_per_beleid.png")
    fig.savefig(paths[-1])
    return paths
