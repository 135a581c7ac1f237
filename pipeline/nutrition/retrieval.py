"""Hybrid candidate retrieval: BM25 over normalised FDC words plus MiniLM cosine similarity.

The index is derived from the knowledge base at load time; :meth:`FoodIndex.candidates` returns the
union of the best lexical and the best semantic hits, which the ranking step then orders.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from pipeline.nutrition.knowledge_base import KnowledgeBase
from pipeline.nutrition.text import (
    ALCOHOL_WORDS, COOKING_GROUPS, DISH_WORDS, FORM_WORDS, PART_WORDS, WORD_ALTERNATIVES, content_words,
    cooking_groups, head_word, tokens,
)

_BM25_K1, _BM25_B = 1.2, 0.5
_DISH_CATEGORIES = re.compile(
    r"mixed dishes|sandwich|burger|pizza|burrito|taco|nachos|soup|salad|entrees|meals|casserole|stir-fry|fried rice"
    r"|egg rolls|dumpling|macaroni and cheese|restaurant|fast food"
)
_BRAND = re.compile(r"\b[A-Z][A-Z'.&-]{2,}\b")


@dataclass(frozen=True)
class FoodText:
    """What the ranking needs to know about one FDC description."""

    words: frozenset[str]
    primary: tuple[str, ...]      # words of the first comma-separated segment (the food's own name)
    heads: frozenset[str]         # head food word(s) of the first segment ("Goat milk" -> milk)
    later_heads: frozenset[str]   # heads of the next segments while the ones before are one word ("Fish, salmon")
    qualifiers: frozenset[str]    # other words of those segments ("Goat milk" -> goat)
    content: frozenset[str]
    cooking: frozenset[str]
    forms: frozenset[str]
    is_dish: bool                 # its words name a composite dish ("with", "sandwich", "casserole"...)
    dish_category: bool           # its FDC category is one of mixed dishes
    is_brand: bool
    is_baby: bool
    is_alcoholic: bool
    missing: int                  # fibre, sugars, sodium not reported


def _heads(description: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Head words of the first segment, head words of the next one-word-led segments, and their qualifiers.

    'Fish, salmon, coho' -> ({fish}, {salmon, coho}, {}); 'Goat milk' -> ({milk}, {}, {goat});
    'Chicken breast, roasted' -> ({chicken}, {}, {}).
    """
    first: set[str] = set()
    later: set[str] = set()
    qualifiers: set[str] = set()
    for position, segment in enumerate(description.split(",")[:3]):
        words = tokens(segment)
        head = head_word(words)
        if head:
            (first if position == 0 else later).add(head)
            qualifiers.update(w for w in content_words(words) if w != head and w not in PART_WORDS)
        if len(content_words(words)) != 1:
            break
    return frozenset(first), frozenset(later - first), frozenset(qualifiers - first - later)


def _affirmed(description: str) -> str:
    """The description without its negated segments ('Caesar salad, no dressing' -> 'Caesar salad')."""
    kept = [s for s in description.split(",")
            if not re.match(r"\s*(no|without|excluding|not)\b", s.lower()) and "not eaten" not in s.lower()]
    return ",".join(kept) or description


def describe_food(description: str, category: str, nutrients: np.ndarray) -> FoodText:
    words = tokens(_affirmed(description))
    heads, later_heads, qualifiers = _heads(description)
    category_lower = category.lower()
    brand = bool(_BRAND.search(description.replace("NFS", "").replace("NS ", ""))) or \
        category_lower in ("restaurant foods", "fast foods")
    return FoodText(
        words=frozenset(words),
        primary=tokens(description.split(",")[0]),
        heads=heads,
        later_heads=later_heads,
        qualifiers=qualifiers,
        content=frozenset(content_words(words)),
        cooking=cooking_groups(words),
        forms=frozenset(w for w in words if w in FORM_WORDS),
        is_dish=bool(DISH_WORDS & set(words)),
        dish_category=bool(_DISH_CATEGORIES.search(category_lower)),
        is_brand=brand,
        is_baby=category_lower.startswith("baby") or "babyfood" in words or "infant" in words,
        is_alcoholic=bool(ALCOHOL_WORDS & set(words)) or category_lower in ("liquor and cocktails", "beer", "wine"),
        missing=int(np.isnan(nutrients[4:7]).sum()),
    )


class FoodIndex:
    """BM25 postings and food-text features over every food of a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.texts = [describe_food(f.description, f.category, kb.nutrients[f.index]) for f in kb.foods]
        postings: dict[str, list[int]] = defaultdict(list)
        lengths = np.zeros(len(self.texts), dtype=np.float32)
        for i, text in enumerate(self.texts):
            searchable = text.words - set(COOKING_GROUPS)
            lengths[i] = max(len(searchable), 1)
            for word in searchable:
                postings[word].append(i)
        n = len(self.texts)
        self._postings = {w: np.array(ids, dtype=np.int64) for w, ids in postings.items()}
        self.idf = {w: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5)) for w, ids in postings.items()}
        self._norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * lengths / lengths.mean())

    def word_idf(self, word: str) -> float:
        """Inverse document frequency; words FDC never uses weigh as much as the rarest."""
        return self.idf.get(word, max(self.idf.values()))

    def knows(self, word: str) -> bool:
        return word in self._postings

    def bm25(self, words: tuple[str, ...]) -> np.ndarray:
        scores = np.zeros(len(self.texts), dtype=np.float32)
        asked = set(content_words(words))
        asked |= {w for word in list(asked) for alt in WORD_ALTERNATIVES.get(word, ()) for w in alt}
        for word in asked:
            ids = self._postings.get(word)
            if ids is not None:
                scores[ids] += self.idf[word] * (_BM25_K1 + 1) / (1 + self._norm[ids])
        return scores

    def candidates(self, label: str, embedding: np.ndarray, pool: int = 40) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the union of the top ``pool`` lexical and semantic hits, and every food's cosine."""
        cosine = self.kb.embeddings @ embedding
        lexical = self.bm25(tokens(label))
        pool = min(pool, len(cosine) - 1)
        best_semantic = np.argpartition(-cosine, pool)[:pool] if pool > 0 else np.arange(len(cosine))
        hits = np.flatnonzero(lexical > 0)
        best_lexical = hits[np.argsort(-lexical[hits], kind="stable")[:pool]] if hits.size else hits
        return np.union1d(best_semantic, best_lexical), cosine
