"""PNG charts for analysts' reports (matplotlib, no screen needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from optimizer.tradeoff import TradeoffPoint

# Okabe-Ito, a colour-blind-safe palette.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


CHART_CREATOR = "Klasvormer"
"""The chart's maker in its metadata, by which :func:`is_own_chart` knows it."""
_MARKED_FORMATS = ("png", "svg", "pdf", "eps", "ps")
"""The formats whose metadata Matplotlib writes (JPEG, TIFF and WebP have none)."""
_LOOK = 1 << 16


def is_own_chart(path: str | Path) -> bool:
    """Whether ``path`` is a chart Klasvormer drew: its metadata names Klasvormer (or, as in a
    chart of an earlier version, Matplotlib), in the file's first or last 64 KB (a PNG's text
    chunks come first, a PDF's document information last)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(_LOOK)
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(len(head), size - _LOOK))
            tail = fh.read()
    except OSError:
        return False
    text = (head + tail).lower()
    return CHART_CREATOR.lower().encode() in text or b"matplotlib" in text


def tradeoff_chart(points: list[TradeoffPoint], path: str | Path, lang: str = "nl",
                   bounds: list[float] | None = None) -> Path:
    """Mean wait against mean misfit, one marker per plan; marker size shows mean travel. With
    ``bounds`` (a frontier's proven lower bounds, one per point) a second panel draws each plan's
    objective above its bound: the band between them is how much better a plan waiting no longer
    could be at most, and no plan can be below the bound's line."""
    plt = _pyplot()
    fig = tradeoff_figure(points, lang, bounds)
    out = Path(path)
    marked = out.suffix.lower().lstrip(".") in _MARKED_FORMATS
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, metadata={"Creator": CHART_CREATOR} if marked else None)
    finally:
        plt.close(fig)
    return out


def _comma_formatter() -> Any:
    """Matplotlib's own tick labels (as many decimals as the ticks' step needs) with a decimal
    comma: two decimals at most labelled ticks 0.025 week apart 7,03 7,05 7,08, as if uneven."""
    from matplotlib.ticker import ScalarFormatter

    class Comma(ScalarFormatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return str(super().__call__(x, pos)).replace(".", ",")

        def get_offset(self) -> str:
            return str(super().get_offset()).replace(".", ",")

    return Comma()


def tradeoff_figure(points: list[TradeoffPoint], lang: str = "nl", bounds: list[float] | None = None):
    """The figure :func:`tradeoff_chart` saves (matplotlib; the caller closes it)."""
    plt = _pyplot()
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter

    proof = bounds is not None and any(b > 0 for b in bounds)
    if proof:
        fig, (ax, low) = plt.subplots(2, 1, figsize=(7, 7.5), dpi=120, height_ratios=(3, 2), sharex=True)
    else:
        fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    xs = [p.mean_wait for p in points]
    ys = [p.mean_misfit for p in points]
    sizes = [30 + 4 * p.mean_travel for p in points]
    ax.plot(xs, ys, color=PALETTE[0], alpha=0.5, zorder=1)
    ax.scatter(xs, ys, s=sizes, color=PALETTE[1], edgecolor="black", zorder=2)
    # Each marker its number, the labels in a key: labels beside the markers overlapped where
    # plans lie close together and ran off the right edge (the sample's frontier, 5 points).
    for k, (x, y) in enumerate(zip(xs, ys, strict=True)):
        ax.annotate(str(k + 1), (x, y), textcoords="offset points", xytext=(7, 7), fontsize=9, fontweight="bold")
    key = [Line2D([], [], linestyle="none", marker=f"${k + 1}$", color="black", markersize=7,
                  label=f"{p.label} ({p.mean_travel:.0f} min)") for k, p in enumerate(points)]
    ax.legend(handles=key, loc="best", fontsize=8, handletextpad=0.6, framealpha=0.9)
    ax.margins(x=0.1, y=0.15)
    en = lang == "en"
    thousands = FuncFormatter(lambda v, _: f"{v:,.0f}" if en else f"{v:,.0f}".replace(",", "."))
    if not en:  # decimal commas in Dutch, as in the labels ("hooguit 7,5 week")
        ax.xaxis.set_major_formatter(_comma_formatter())
        ax.yaxis.set_major_formatter(_comma_formatter())
    if en:
        ax.set_xlabel("mean waiting weeks")
        ax.set_ylabel("mean misfit (leerbaarheid points)")
        ax.set_title("Trade-off: fast start versus homogeneous classes (marker size: travel)")
    else:
        ax.set_xlabel("gemiddelde wachttijd (weken)")
        ax.set_ylabel("gemiddeld niveauverschil (punten)")
        ax.set_title("Afweging: snel starten tegenover homogene klassen (grootte: reistijd)")
    if proof:
        assert bounds is not None
        objectives = [float(p.plan.objective) for p in points]
        low.fill_between(xs, bounds, objectives, color=PALETTE[5], alpha=0.25,
                         label="how much better it could be" if en else "hooguit zoveel beter mogelijk")
        low.plot(xs, objectives, marker="o", color=PALETTE[0], label="plan" if en else "plan (doelfunctie)")
        low.plot(xs, bounds, linestyle="--", color=PALETTE[3],
                 label="proven bound: no plan below it" if en else "bewezen ondergrens: geen plan eronder")
        low.set_xlabel(ax.get_xlabel())
        ax.set_xlabel("")  # (the axis is shared: its label once, below)
        low.set_ylabel("objective (points)" if en else "doelfunctie (punten)")
        low.yaxis.set_major_formatter(thousands)
        low.legend(fontsize=8)
        low.grid(True, alpha=0.3)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig
