"""The reliability diagram of ``geo eval --plot``: confidence against the share right."""

from __future__ import annotations

from geo.errors import InputFileError
from geo.evaluation import Report


def reliability_diagram(report: Report, path: str, *, title: str = "") -> None:
    """Write a PNG: one bar per confidence bin (share right), the diagonal, the counts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="calibrated")
    for lo, n, mean_conf, share in report.reliability:
        ax.bar(lo + 0.05, share, width=0.1, color="tab:blue", edgecolor="white")
        ax.plot([mean_conf], [share], "o", color="tab:orange", markersize=4)
        ax.annotate(str(n), (lo + 0.05, min(share, 0.93) + 0.02), ha="center", fontsize=7)
    ece = "-" if report.ece is None else f"{report.ece:.3f}"
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="confidence", ylabel="share resolved right",
           title=f"{title}\nECE {ece}" if title else f"ECE {ece}")
    ax.legend(loc="upper left")
    try:
        fig.savefig(path, format="png")
    except OSError as exc:
        raise InputFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        plt.close(fig)
