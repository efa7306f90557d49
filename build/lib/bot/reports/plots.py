"""The report's plots, drawn by matplotlib (Agg, SVG out) as plain SVG text: progress per node
against the goal, cases per month, time to first contact, the funnel. Text stays text
(``svg.fonttype: none``), ids are stable (a fixed hash salt, no date), and each SVG carries a
title for screen readers; the same figures are always in a table beside it."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html import escape
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from bot.reports.figures import Report

# Dark enough against white for graphics (WCAG 1.4.11, ≥ 3:1): blue 8.6:1, orange 4.6:1.
BAR = "#1d4e89"
MARK = "#b34700"
GRID = "#767676"
STYLE: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "spbot",
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": GRID,
    "axes.labelcolor": "#222222",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
}


def _svg(fig: Figure, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # no XML prolog or DOCTYPE: it goes inline in HTML
    svg = re.sub(
        r"<svg ", f'<svg role="img" aria-label="{escape(title, quote=True)}" ', svg, count=1
    )
    return re.sub(r"(<svg[^>]*>)", rf"\1<title>{escape(title)}</title>", svg, count=1)


def _figure(width: float, height: float) -> tuple[Figure, Any]:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def progress_plot(report: Report, t: Callable[..., str]) -> str:
    """Per node, three panels (ideas, starts, coached): the result as a bar, what the goal
    expects so far as a mark."""
    rows = list(reversed(report.nodes))
    names = [r.municipality or r.name for r in rows]
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, 3, figsize=(9.5, 0.32 * len(rows) + 1.3), sharey=True)
        for ax, key in zip(axes, ("ideas_met", "company_starts", "coached_now"), strict=True):
            values = [getattr(r, key).value for r in rows]
            expected = [getattr(r, key).expected for r in rows]
            ax.barh(names, values, color=BAR, height=0.6)
            ax.scatter(expected, names, marker="|", s=260, color=MARK, linewidths=2.5, zorder=3)
            ax.set_title(t(f"report.{key}"), fontsize=10)
            ax.grid(axis="x", color="#dddddd", linewidth=0.6)
            ax.set_axisbelow(True)
        fig.tight_layout()
    return _svg(fig, t("report.progress_plot"))


def month_plot(report: Report, t: Callable[..., str]) -> str:
    months = report.service.per_month
    fig, ax = _figure(max(4.0, 0.38 * len(months) + 1.5), 2.6)
    with plt.rc_context(STYLE):
        ax.bar([m for m, _ in months], [n for _, n in months], color=BAR, width=0.7)
        ax.set_ylabel(t("report.cases"))
        ax.tick_params(axis="x", labelrotation=60)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    return _svg(fig, t("report.per_month"))


def contact_plot(report: Report, t: Callable[..., str]) -> str:
    buckets = report.service.contact_buckets
    fig, ax = _figure(4.8, 2.6)
    with plt.rc_context(STYLE):
        ax.bar([b for b, _ in buckets], [n for _, n in buckets], color=BAR, width=0.7)
        ax.set_xlabel(t("report.hours_bucket"))
        ax.set_ylabel(t("report.cases"))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    return _svg(fig, t("report.contact_hours"))


def funnel_plot(report: Report, t: Callable[..., str]) -> str | None:
    if report.funnel is None:
        return None
    stages = ("started", "consented", "submitted", "accepted", "in_contact", "outcome")
    values = [getattr(report.funnel, s) for s in stages]
    labels = [t(f"funnel.{s}") for s in stages]
    fig, ax = _figure(6.0, 2.8)
    with plt.rc_context(STYLE):
        ax.barh(list(reversed(labels)), list(reversed(values)), color=BAR, height=0.6)
        for y, value in enumerate(reversed(values)):
            ax.text(value, y, f" {value}", va="center", fontsize=9, color="#222222")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    return _svg(fig, t("report.funnel"))


def all_plots(report: Report, t: Callable[..., str]) -> dict[str, str]:
    plots = {
        "progress": progress_plot(report, t),
        "months": month_plot(report, t),
        "contact": contact_plot(report, t),
    }
    funnel = funnel_plot(report, t)
    if funnel is not None:
        plots["funnel"] = funnel
    return plots
