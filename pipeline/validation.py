"""What is wrong with input a pydantic model refused, said one way everywhere: where (``items[2].grams``), what
(pydantic's message without its ``Value error, `` prefix) and the offending value. The API's 400 answers, the
nutrition command's meal errors, the config loader and the Lambdas' input errors all read it from here."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One refused field: ``where`` is ``""`` for the whole document."""

    where: str
    message: str
    value: Any
    kind: str

    def describe(self, whole: str = "(document)") -> str:
        """``where: message``, with ``whole`` naming the document when the problem is the document itself."""
        return f"{self.where or whole}: {self.message}"


def field_path(loc: Iterable[str | int], *, omit: Collection[str] = ()) -> str:
    """``("items", 2, "grams")`` -> ``items[2].grams``; parts in ``omit`` (a request's ``body``) are left out."""
    path = ""
    for part in loc:
        if isinstance(part, str) and part in omit:
            continue
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def problems(errors: Iterable[Mapping[str, Any]], *, omit: Collection[str] = ()) -> list[Problem]:
    """Every problem of a pydantic ``errors()`` list (a ``ValidationError``'s or a request validator's)."""
    return [Problem(field_path(issue.get("loc", ()), omit=omit), str(issue.get("msg", "invalid")).removeprefix("Value error, "),
                    issue.get("input"), str(issue.get("type", ""))) for issue in errors]


def first_problem(error: ValidationError) -> Problem:
    """The first of ``error``'s problems (pydantic reports at least one)."""
    return problems(error.errors())[0]
