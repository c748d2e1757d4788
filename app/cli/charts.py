"""PNG charts for analysts' reports (matplotlib, no screen needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from optimizer.tradeoff import TradeoffPoint

# Okabe-Ito, a colour-blind-safe palette.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def tradeoff_chart(points: list[TradeoffPoint], path: str | Path, lang: str = "nl") -> Path:
    """Mean wait against mean misfit, one marker per plan; marker size shows mean travel."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    xs = [p.mean_wait for p in points]
    ys = [p.mean_misfit for p in points]
    sizes = [30 + 4 * p.mean_travel for p in points]
    ax.plot(xs, ys, color=PALETTE[0], alpha=0.5, zorder=1)
    ax.scatter(xs, ys, s=sizes, color=PALETTE[1], edgecolor="black", zorder=2)
    for p, x, y in zip(points, xs, ys, strict=True):
        ax.annotate(f"{p.label}\n{p.mean_travel:.0f} min", (x, y), textcoords="offset points", xytext=(6, 6), fontsize=8)
    if lang == "en":
        ax.set_xlabel("mean waiting weeks")
        ax.set_ylabel("mean misfit (leerbaarheid points)")
        ax.set_title("Trade-off: fast start versus homogeneous classes (marker size: travel)")
    else:
        ax.set_xlabel("gemiddelde wachttijd (weken)")
        ax.set_ylabel("gemiddeld niveauverschil (punten)")
        ax.set_title("Afweging: snel starten tegenover homogene klassen (grootte: reistijd)")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
