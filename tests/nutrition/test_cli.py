"""``build.py nutrition FILE`` and ``build.py data``: runners called directly, as build.py does."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from ops.nutrition import add_nutrition_arguments, run_data, run_nutrition
from tests.nutrition.fdc_fixture import write_fdc_download


def run(path: Path, *extra: str, kb_path: Path) -> tuple[int, list[str], str]:
    parser = argparse.ArgumentParser()
    add_nutrition_arguments(parser)
    args = parser.parse_args([str(path), "--knowledge-base", str(kb_path), *extra])
    out, err = io.StringIO(), io.StringIO()
    code = run_nutrition(args.file, top_k=args.top_k, min_confidence=args.min_confidence, table=args.table,
                         knowledge_base=args.knowledge_base, out=out, err=err)
    return code, out.getvalue().splitlines(), err.getvalue()


def write(tmp_path: Path, text: str, name: str = "meals.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD = {"id": "lunch", "items": [{"name": "rice", "grams": 150}, {"name": "broccoli", "volume_ml": 150},
                                 {"name": "grilled chicken breast", "grams": 120}]}


def test_one_json_meal(tmp_path: Path, kb_path: Path) -> None:
    code, lines, err = run(write(tmp_path, json.dumps(GOOD, indent=2), "meal.json"), "--top-k", "2", kb_path=kb_path)
    assert code == 0 and err == "" and len(lines) == 1
    meal = json.loads(lines[0])
    assert meal["id"] == "lunch" and set(meal["totals"]) == {"kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g", "sodium_mg"}
    assert len(meal["items"]) == 3 and all(len(i["candidates"]) <= 2 for i in meal["items"])
    assert meal["items"][1]["mass_source"] == "volume" and meal["items"][1]["density_source"]
    assert 350 < meal["totals"]["kcal"] < 520   # rice 195 + chicken breast 168-240 + broccoli 12-54


BAD_CASES = {
    "neg": ({"id": "neg", "items": [{"name": "rice", "grams": -5}]}, "items[0].grams"),
    "huge": ({"id": "huge", "items": [{"name": "rice", "grams": 250000}]}, "items[0].grams"),
    "empty": ({"id": "empty", "items": [{"name": "  ", "grams": 10}]}, "items[0].name"),
    "extra": ({"id": "extra", "items": [{"name": "rice", "grams": 10, "kcal": 5}]}, "items[0].kcal"),
    "noportion": ({"id": "noportion", "items": [{"name": "rice"}]}, "items[0]"),
    "meal_extra": ({"id": "meal_extra", "items": [], "colour": "red"}, "colour"),
    "noitems": ({"id": "noitems"}, "items"),
}


def test_bad_meals_are_named_and_the_rest_answered(tmp_path: Path, kb_path: Path) -> None:
    lines = [json.dumps(GOOD)] + [json.dumps(meal) for meal, _ in BAD_CASES.values()] + ["{not json", json.dumps(GOOD | {"id": "dinner"})]
    code, out, err = run(write(tmp_path, "\n".join(lines) + "\n"), kb_path=kb_path)
    assert code == 1
    answers = [json.loads(line) for line in out]
    assert [a["id"] for a in answers] == ["lunch", *BAD_CASES, "line 9", "dinner"]
    assert "totals" in answers[0] and "totals" in answers[-1]
    for answer in answers[1:-1]:
        assert answer["error"]["code"] == "INVALID_INPUT"
    for (_, field), answer in zip(BAD_CASES.values(), answers[1:]):
        assert answer["error"]["field"] == field and repr(answer["id"]) in answer["error"]["message"]
    assert answers[-2]["error"]["field"] == "(json)"
    assert "meal 'neg', field items[0].grams" in err


@pytest.mark.parametrize("text", ["", "{\"id\": \"a\", items: ]", "[1, 2"])
def test_unreadable_file(tmp_path: Path, kb_path: Path, text: str) -> None:
    code, out, err = run(write(tmp_path, text, "bad.json"), kb_path=kb_path)
    assert code == 2 and out == [] and "cannot read meals" in err


def test_missing_file(tmp_path: Path, kb_path: Path) -> None:
    code, _, err = run(tmp_path / "nope.json", kb_path=kb_path)
    assert code == 2 and "nope.json" in err


def test_a_json_list_and_reference_fields(tmp_path: Path, kb_path: Path) -> None:
    meals = [GOOD, {"id": 7, "items": [{"name": "apple", "grams": 100, "food": {"description": "Apple, raw"}}],
                    "truth": {"kcal": 52}}]
    code, out, _ = run(write(tmp_path, json.dumps(meals), "meals.json"), kb_path=kb_path)
    assert code == 0 and [json.loads(line)["id"] for line in out] == ["lunch", "7"]


def test_table(tmp_path: Path, kb_path: Path) -> None:
    code, out, _ = run(write(tmp_path, json.dumps(GOOD) + "\n" + json.dumps({"id": "x", "items": [{"name": "zzqx", "grams": 5}]})),
                       "--table", kb_path=kb_path)
    text = "\n".join(out)
    assert code == 0 and "meal lunch" in text and "total" in text and "unmatched" in text and "UNMATCHED" in text


def test_thousands_of_meals_are_fast(tmp_path: Path, kb_path: Path) -> None:
    import time

    names = ["rice", "broccoli", "apple", "salmon", "bread", "butter", "pasta", "tomato", "cheddar cheese", "egg"]
    def timed(count: int) -> float:
        lines = [json.dumps({"id": f"m{n}", "items": [{"name": names[(n + k) % 10], "grams": 50 + k}
                                                      for k in range(4)]}) for n in range(count)]
        started = time.perf_counter()
        code, out, _ = run(write(tmp_path, "\n".join(lines), f"meals-{count}.jsonl"), kb_path=kb_path)
        assert code == 0 and len(out) == count
        return time.perf_counter() - started

    # a ratio in one run, not absolute seconds: 2000 meals took 2-3x the time of 20 when set (loading
    # dominates); a per-meal reload or a quadratic step would make it 100x
    few = timed(20)
    assert timed(2000) <= 10 * few


def test_data_build_and_refresh(tmp_path: Path, kb_path: Path) -> None:
    out = io.StringIO()
    assert run_data(out_dir=kb_path.parent, out=out, err=io.StringIO()) == 0
    assert f"knowledge base: {kb_path}" in out.getvalue() and "content hash: " in out.getvalue()
    fdc = write_fdc_download(tmp_path / "fdc")
    out = io.StringIO()
    assert run_data(source_dir=fdc, out_dir=tmp_path / "kb", out=out, err=io.StringIO()) == 0
    assert "foods: 4" in out.getvalue() and "FDC CSV download" in out.getvalue()
    err = io.StringIO()
    assert run_data(source_dir=tmp_path / "empty", out=io.StringIO(), err=err) == 2
    assert "food.csv" in err.getvalue()
