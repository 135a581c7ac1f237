"""Nutrition engine: USDA FoodData Central knowledge base, food matching, portions and nutrients."""

from pipeline.nutrition.engine import ItemInput, MealAnalysis, NutritionEngine
from pipeline.nutrition.knowledge_base import KnowledgeBase, build_knowledge_base, load_knowledge_base
from pipeline.nutrition.matcher import FoodMatcher, MatchResult

__all__ = [
    "FoodMatcher", "ItemInput", "KnowledgeBase", "MatchResult", "MealAnalysis", "NutritionEngine",
    "build_knowledge_base", "load_knowledge_base",
]
