"""Optional Gemini disambiguation with a fake client: picks among candidates only, cached, falls back."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.nutrition.disambiguation import GeminiDisambiguator
from pipeline.nutrition.matcher import FoodMatcher


class FakeModels:
    def __init__(self, answers: list) -> None:
        self.answers, self.calls = list(answers), []

    def generate_content(self, *, model: str, contents: str, config) -> SimpleNamespace:
        self.calls.append((model, contents))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return SimpleNamespace(text=answer)


def disambiguator(*answers) -> tuple[GeminiDisambiguator, FakeModels]:
    models = FakeModels(list(answers))
    return GeminiDisambiguator(lambda: SimpleNamespace(models=models), model="gemini-test"), models


def test_choice_is_a_candidate_and_is_cached(kb) -> None:
    chooser, models = disambiguator('{"choice": 2}')
    foods = kb.foods[:3]
    assert chooser.choose("label", foods) == 1
    assert chooser.choose("label", foods) == 1
    assert len(models.calls) == 1 and models.calls[0][0] == "gemini-test"
    assert foods[1].description in models.calls[0][1] and '"label"' in models.calls[0][1]


@pytest.mark.parametrize("answer", ['{"choice": 9}', '{"choice": 0}', '{"choice": null}', "not json", '{"choice": "2"}',
                                    '{"choice": true}', TimeoutError("deadline exceeded"), RuntimeError("HTTP 500")])
def test_anything_but_a_listed_number_is_no_opinion(kb, answer) -> None:
    chooser, _ = disambiguator(answer)
    assert chooser.choose("label", kb.foods[:3]) is None


def test_client_factory_failure_falls_back(kb) -> None:
    def broken():
        raise RuntimeError("no network")

    assert GeminiDisambiguator(broken, model="m").choose("label", kb.foods[:2]) is None


def test_matcher_follows_the_llm_within_its_shortlist(kb) -> None:
    plain = FoodMatcher(kb, top_k=4).match("chicken breast")
    chooser, models = disambiguator('{"choice": 3}')
    guided = FoodMatcher(kb, top_k=4, disambiguator=chooser).match("chicken breast")
    assert guided.chosen_by == "llm"
    assert guided.food.description == plain.candidates[1].food.description
    assert plain.food.description in {c.food.description for c in guided.candidates}
    assert 0 <= guided.confidence <= 1


def test_matcher_keeps_its_ranking_when_the_llm_fails(kb) -> None:
    chooser, _ = disambiguator(TimeoutError("slow"))
    plain = FoodMatcher(kb).match("broccoli")
    guided = FoodMatcher(kb, disambiguator=chooser).match("broccoli")
    assert guided.chosen_by == "ranking" and guided.food == plain.food and guided.confidence == plain.confidence
