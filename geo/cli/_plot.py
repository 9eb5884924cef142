"""The reliability diagram of ``geo eval --plot``: confidence against the share right."""

from __future__ import annotations

from geo.evaluation import Report


def check_plot_target(path: str, *, overwrite: bool) -> None:
    """``--plot FILE.png`` checked before any work: matplotlib installed, a ``.png`` name,
    a writable place, an existing file replaced only with ``--force``."""
    import importlib.util
    from pathlib import Path

    from geo._files import check_output
    from geo.errors import InputError

    if importlib.util.find_spec("matplotlib") is None:
        raise InputError("--plot needs matplotlib: pip install 'geo[plot]'")
    if not path.lower().endswith(".png"):
        raise InputError(f"--plot writes a PNG file (FILE.png), not {path!r}")
    if not Path(path).resolve().parent.is_dir():
        raise InputError(f"--plot: no such directory: {Path(path).resolve().parent}")
    check_output(path, overwrite=overwrite)


def reliability_diagram(report: Report, path: str, *, title: str = "",
                        overwrite: bool = True) -> None:
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
    from geo._files import replacing

    try:
        with replacing(path, overwrite=overwrite) as tmp:
            fig.savefig(tmp, format="png")
    finally:
        plt.close(fig)
