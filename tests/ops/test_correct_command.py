"""``build.py correct``'s arguments become the corrections route's changes; a malformed one is one clear error."""

from __future__ import annotations

import pytest

import build
from ops.corrections import changes_from_arguments
from ops.errors import ExitCode


def test_set_remove_and_add_become_the_routes_changes() -> None:
    assert changes_from_arguments(["2:label=brown rice", "3:grams=120"], ["4"], ["name=apple,grams=150"]) == [
        {"action": "set", "item_id": "2", "label": "brown rice"},
        {"action": "set", "item_id": "3", "grams": 120.0},
        {"action": "remove", "item_id": "4"},
        {"action": "add", "label": "apple", "grams": 150.0},
    ]


@pytest.mark.parametrize(("arguments", "says"), [
    (["correct", "a" * 32, "--set", "2=rice"], "ITEM_ID:label=NAME"),
    (["correct", "a" * 32, "--set", "2:colour=red"], "unknown field 'colour'"),
    (["correct", "a" * 32, "--set", "3:grams=lots"], "grams must be a number"),
    (["correct", "a" * 32, "--add", "name=apple"], "give both name= and grams="),
    (["correct", "a" * 32], "nothing to correct"),
])
def test_a_malformed_change_is_one_error_line_before_any_request(arguments: list[str], says: str, capsys) -> None:
    assert build.main([*arguments, "--local", "--port", "9"]) == ExitCode.INVALID_INPUT
    assert says in capsys.readouterr().err
