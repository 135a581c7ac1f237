"""The meal report: one self-contained HTML file (keyframes, items table, totals, macro chart, job cost)."""

from pipeline.report.cost import COST_COLUMNS, cost_rows, cost_summary
from pipeline.report.html_report import render_report
from pipeline.report.table import results_rows, RESULT_COLUMNS

__all__ = ["render_report", "results_rows", "RESULT_COLUMNS", "COST_COLUMNS", "cost_rows", "cost_summary"]
