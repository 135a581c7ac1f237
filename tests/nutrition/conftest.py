"""The knowledge base is built once per session and cached by content hash in .cache/ (reruns reuse it)."""

from __future__ import annotations

import pytest

from pipeline.nutrition.engine import NutritionEngine
from pipeline.nutrition.knowledge_base import KnowledgeBase, build_knowledge_base, load_knowledge_base
from pipeline.nutrition.matcher import FoodMatcher


@pytest.fixture(scope="session")
def kb_path():
    return build_knowledge_base()


@pytest.fixture(scope="session")
def kb(kb_path) -> KnowledgeBase:
    return load_knowledge_base(kb_path)


@pytest.fixture(scope="session")
def matcher(kb) -> FoodMatcher:
    return FoodMatcher(kb, top_k=5)


@pytest.fixture(scope="session")
def engine(kb) -> NutritionEngine:
    return NutritionEngine(kb, top_k=5, min_confidence=0.45)
