"""Corrections of a meal's items: check a person's changes against a results version, and turn the
analysed items plus every correction so far into the nutrition engine's input. Pure: no I/O.

A change is ``set`` (a new label and/or mass in g), ``remove`` or ``add`` (a name and a mass in g).
The engine then recomputes the whole meal from the detections with every correction applied, in
order, so version N+1 is exactly what the analysis would have said had it seen what the person says.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.contracts.results import Correction, ItemChange, Results
from pipeline.errors import ErrorCode, pipeline_error
from pipeline.nutrition.constants import MAX_ITEM_GRAMS
from pipeline.nutrition.engine import ItemInput

MAX_LABEL_CHARS = 200
MAX_CHANGES = 100


@dataclass(frozen=True)
class RequestedChange:
    """A change as a person asked for it, not yet checked (grams may be negative, a label empty)."""

    action: Literal["set", "remove", "add"]
    item_id: str | None = None
    label: str | None = None
    grams: float | None = None


def _label(change: RequestedChange, position: int) -> str | None:
    if change.label is None:
        return None
    label = " ".join(change.label.split())
    if not label:
        raise pipeline_error(ErrorCode.EMPTY_LABEL, f"change {position}: the label is empty; name the food "
                             "(or remove the item)", value=change.label)
    if len(label) > MAX_LABEL_CHARS:
        raise pipeline_error(ErrorCode.INVALID_INPUT,
                             f"change {position}: the label is longer than {MAX_LABEL_CHARS} characters",
                             value=label[:MAX_LABEL_CHARS])
    return label


def _grams(change: RequestedChange, position: int) -> float | None:
    grams = change.grams
    if grams is None:
        return None
    if not math.isfinite(grams) or grams <= 0 or grams > MAX_ITEM_GRAMS:
        raise pipeline_error(ErrorCode.INVALID_GRAMS, f"change {position}: grams must be above 0 and at most "
                             f"{MAX_ITEM_GRAMS:g} (to drop an item, remove it)", value=grams)
    return float(grams)


_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<number>\d+)$")


def _next_id(used: set[str]) -> str:
    """The id after the highest numbered one ever used, in its form (``item-5`` -> ``item-6``, ``4`` -> ``5``;
    ``item-1`` when none is numbered)."""
    numbered = [(int(m["number"]), m["prefix"]) for m in map(_NUMBERED.match, used) if m]
    number, prefix = max(numbered, default=(0, "item-"))
    return f"{prefix}{number + 1}"


def _resolve(item_id: str | None, items: dict[str, object]) -> str | None:
    """``item_id`` as given, or the one item whose id ends in ``-{item_id}`` when a bare number is given
    (``2`` for ``item-2``); None when neither names an item."""
    if item_id in items:
        return item_id
    if item_id and item_id.isdigit():
        matches = [known for known in items if known.endswith(f"-{item_id}")]
        if len(matches) == 1:
            return matches[0]
    return None


def used_ids(analysed: Iterable[ItemInput], history: Iterable[Correction]) -> set[str]:
    """Every item id the job ever had: detected, and added by a correction (never reused after a removal)."""
    ids = {item.id for item in analysed}
    ids.update(change.item_id for correction in history for change in correction.changes if change.action == "add")
    return ids


def record_changes(current: Results, changes: Sequence[RequestedChange], *, used: set[str]) -> list[ItemChange]:
    """``changes`` checked against ``current`` in order, with each item's previous label and mass (g)
    and each added item's new id filled in. Raises UNKNOWN_ITEM, EMPTY_LABEL, INVALID_GRAMS or
    INVALID_INPUT (naming the change by its position, from 1) and changes nothing."""
    if not changes:
        raise pipeline_error(ErrorCode.INVALID_INPUT, "no changes: give at least one set, remove or add")
    if len(changes) > MAX_CHANGES:
        raise pipeline_error(ErrorCode.INVALID_INPUT, f"at most {MAX_CHANGES} changes at once", value=len(changes))
    items = {item.id: (item.label, item.mass_g) for item in current.items}
    taken = set(used)
    recorded: list[ItemChange] = []
    for position, change in enumerate(changes, start=1):
        label, grams = _label(change, position), _grams(change, position)
        if change.action == "add":
            if label is None or grams is None:
                raise pipeline_error(ErrorCode.INVALID_INPUT, f"change {position}: an added item needs a label "
                                     "(its name) and grams", value=change.label)
            item_id = _next_id(taken)
            taken.add(item_id)
            items[item_id] = (label, grams)
            recorded.append(ItemChange(action="add", item_id=item_id, label=label, grams=grams))
            continue
        item_id = _resolve(change.item_id, items)
        if item_id is None:
            raise pipeline_error(ErrorCode.UNKNOWN_ITEM, f"change {position}: no item {change.item_id!r} in version "
                                 f"{current.version}; its items are {sorted(items)}", value=change.item_id)
        previous_label, previous_grams = items[item_id]
        if change.action == "remove":
            del items[item_id]
            recorded.append(ItemChange(action="remove", item_id=item_id, previous_label=previous_label,
                                       previous_grams=previous_grams))
            continue
        if label is None and grams is None:
            raise pipeline_error(ErrorCode.INVALID_INPUT, f"change {position}: a set change needs a label, grams "
                                 "or both", value=item_id)
        items[item_id] = (label or previous_label, previous_grams if grams is None else grams)
        recorded.append(ItemChange(action="set", item_id=item_id, label=label, grams=grams,
                                   previous_label=previous_label, previous_grams=previous_grams))
    return recorded


def corrected_inputs(analysed: Sequence[ItemInput], history: Iterable[Correction]) -> list[ItemInput]:
    """The analysed items with every correction applied in order. A new mass replaces the measured
    volume (and its interval): the person's grams are the item's mass; a new label alone keeps the
    volume, so the new food's density weighs it."""
    items = {item.id: item for item in analysed}
    for correction in history:
        for change in correction.changes:
            if change.action == "add":
                items[change.item_id] = ItemInput(change.item_id, change.label or "", mass_g=change.grams)
            elif change.action == "remove":
                items.pop(change.item_id, None)
            elif change.item_id in items:
                item = items[change.item_id]
                if change.label is not None:
                    item = dataclasses.replace(item, label=change.label)
                if change.grams is not None:
                    item = dataclasses.replace(item, mass_g=change.grams, volume_ml=None, volume_ml_p10=None,
                                               volume_ml_p90=None)
                items[change.item_id] = item
    return list(items.values())
