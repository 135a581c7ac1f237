"""Optional LLM disambiguation: Gemini picks one of the retrieved candidates, never anything else.

Off by default. Answers are cached per (label, candidates); a timeout, an error, or an answer that
is not one of the offered numbers means "no opinion", and the food-aware ranking stands.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from pipeline.nutrition.knowledge_base import Food

logger = logging.getLogger(__name__)

PROMPT = """You match a food label from a meal photo to a USDA FoodData Central entry.
Label: "{label}"
Candidates:
{candidates}
Choose the candidate that is the same food in the state a person would eat it, preferring the
generic entry when the label does not say more. Answer with JSON {{"choice": <number>}}, or
{{"choice": null}} if none of them is that food."""


def gemini_client_factory(api_key: str, timeout_s: float) -> Callable[[], Any]:
    """A factory of ``google.genai.Client`` with the request timeout (s) set."""

    def make() -> Any:
        from google import genai
        from google.genai import types

        return genai.Client(api_key=api_key, http_options=types.HttpOptions(timeout=int(timeout_s * 1000)))

    return make


class GeminiDisambiguator:
    """:class:`pipeline.nutrition.matcher.Disambiguator` backed by Gemini (``google-genai``)."""

    def __init__(self, client_factory: Callable[[], Any], *, model: str) -> None:
        self._client_factory = client_factory
        self._client: Any = None
        self.model = model
        self._cache: dict[tuple[str, tuple[str, ...]], int | None] = {}

    def choose(self, label: str, candidates: list[Food]) -> int | None:
        """Index into ``candidates`` that Gemini picks, or None (no opinion, or any failure)."""
        key = (label, tuple(c.description for c in candidates))
        if key not in self._cache:
            self._cache[key] = self._ask(label, candidates)
        return self._cache[key]

    def _ask(self, label: str, candidates: list[Food]) -> int | None:
        listing = "\n".join(f"{n}. {c.description} ({c.category or c.data_type})" for n, c in enumerate(candidates, 1))
        try:
            from google.genai import types

            if self._client is None:
                self._client = self._client_factory()
            response = self._client.models.generate_content(
                model=self.model, contents=PROMPT.format(label=label, candidates=listing),
                config=types.GenerateContentConfig(temperature=0.0, response_mime_type="application/json"),
            )
            choice = json.loads(response.text or "{}").get("choice")
        except Exception as exc:  # noqa: BLE001 - any failure of the optional step falls back to the ranking
            logger.warning("LLM disambiguation failed for %r, keeping the ranking: %s", label, exc)
            return None
        if isinstance(choice, int) and not isinstance(choice, bool) and 1 <= choice <= len(candidates):
            return choice - 1
        return None
