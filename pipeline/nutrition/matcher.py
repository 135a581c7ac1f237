"""``match_food``: a detected label -> the USDA entry it names, with confidence and runner-ups.

Labels are matched once each (repeated names are cached) and encoded in batches, so thousands of
meals cost one encoder pass over their distinct names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from pipeline.nutrition.knowledge_base import Food, KnowledgeBase
from pipeline.nutrition.ranking import Query, Scored, confidence, rank
from pipeline.nutrition.retrieval import FoodIndex
from pipeline.nutrition.text import normalise

#: Below this cosine, a label that shares no word with any FDC entry is "unmatched", not guessed.
UNMATCHED_MAX_COSINE = 0.55


class Disambiguator(Protocol):
    """Picks one of the retrieved candidates for a label (an LLM); None = no opinion."""

    def choose(self, label: str, candidates: list[Food]) -> int | None: ...


@dataclass(frozen=True)
class Candidate:
    food: Food
    score: float


@dataclass(frozen=True)
class MatchResult:
    """The chosen entry (None when unmatched), its confidence (0..1) and the runner-ups, best first."""

    label: str
    food: Food | None
    score: float
    confidence: float
    candidates: list[Candidate] = field(default_factory=list)
    chosen_by: str = "ranking"
    reason: str | None = None


class FoodMatcher:
    """Hybrid retrieval + food-aware ranking over one knowledge base."""

    def __init__(self, kb: KnowledgeBase, *, top_k: int = 5, disambiguator: Disambiguator | None = None) -> None:
        if top_k < 1:
            raise ValueError("top_k must be at least 1")
        self.kb = kb
        self.top_k = top_k
        self.disambiguator = disambiguator
        self.index = FoodIndex(kb)
        self._cache: dict[str, MatchResult] = {}

    def match(self, label: str) -> MatchResult:
        """Match one label."""
        return self.match_many([label])[label]

    def match_many(self, labels: Iterable[str]) -> dict[str, MatchResult]:
        """Match every distinct label, encoding the new ones in one batch."""
        labels = list(dict.fromkeys(labels))
        new = [label for label in labels if label not in self._cache]
        if new:
            # the encoder reads the label in FDC words (synonyms applied: "courgette" -> "zucchini")
            vectors = self.kb.encoder.encode([normalise(label) or label.strip().lower() for label in new])
            for label, vector in zip(new, vectors):
                self._cache[label] = self._match_one(label, vector)
        return {label: self._cache[label] for label in labels}

    def _match_one(self, label: str, vector: np.ndarray) -> MatchResult:
        query = Query.parse(label)
        if not query.content:
            return MatchResult(label, None, 0.0, 0.0, reason="the label names no food")
        pool, cosine = self.index.candidates(label, vector)
        ranked = rank(query, pool, cosine, self.index)
        best = ranked[0]
        if best.coverage == 0 and max(s.cosine for s in ranked) < UNMATCHED_MAX_COSINE:
            runners = [Candidate(self.kb.foods[s.index], round(s.score, 4)) for s in ranked[: self.top_k]]
            return MatchResult(label, None, round(best.score, 4), 0.0, runners,
                               reason="no USDA entry shares a word with the label or is close in meaning")
        chosen_by = "ranking"
        if self.disambiguator is not None:
            shortlist = ranked[: max(self.top_k, 2)]
            choice = self.disambiguator.choose(label, [self.kb.foods[s.index] for s in shortlist])
            if choice is not None and 0 < choice < len(shortlist):
                ranked = [shortlist[choice]] + [s for s in ranked if s is not shortlist[choice]]
                chosen_by = "llm"
        return self._result(label, ranked, chosen_by)

    def _result(self, label: str, ranked: list[Scored], chosen_by: str) -> MatchResult:
        best = ranked[0]
        seen = {self.kb.foods[best.index].description.lower()}
        runners: list[Scored] = []
        for scored in ranked[1:]:
            key = self.kb.foods[scored.index].description.lower()
            if key not in seen:
                seen.add(key)
                runners.append(scored)
            if len(runners) == self.top_k:
                break
        rival = max(runners, key=lambda s: s.score) if runners else None
        return MatchResult(
            label, self.kb.foods[best.index], round(best.score, 4), confidence(best, rival),
            [Candidate(self.kb.foods[s.index], round(s.score, 4)) for s in runners], chosen_by,
        )
