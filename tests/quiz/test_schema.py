"""The quiz bank schema: JSON Schema export and model rules not covered by fixtures."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from unruffled.content.quiz import QuizBank, quiz_json_schema

Q = {"syllabus": ["WHO-2"], "prompt": "P?", "explanation": "E."}


def bank(*qs):
    return {"module": "01-who-is-difficult", "title": "T", "questions": list(qs)}


def test_json_schema_is_serialisable_and_lists_every_type():
    schema = quiz_json_schema()
    text = json.dumps(schema)
    for name in ("SingleQuestion", "MultipleQuestion", "OrderingQuestion", "MatchingQuestion",
                 "JudgementQuestion", "FreeTextQuestion"):
        assert name in schema["$defs"]
    assert '"discriminator"' in text or '"oneOf"' in text


def test_model_json_schema_works_directly():
    assert QuizBank.model_json_schema()["title"] == "QuizBank"


def test_exercised_ids_is_union_of_question_ids():
    b = QuizBank.model_validate(bank(
        {**Q, "id": "a", "type": "single", "syllabus": ["WHO-2", "WHO-3"],
         "options": [{"id": "x", "text": "X", "correct": True, "feedback": "f"}, {"id": "y", "text": "Y", "feedback": "f"}]},
        {**Q, "id": "b", "type": "free_text", "syllabus": ["VENT-2"], "customer": "Hey", "forbid": ["calm_down"],
         "model_answer": "Hello"}))
    assert b.exercised_ids() == {"WHO-2", "WHO-3", "VENT-2"}


def test_free_text_needs_a_criterion():
    with pytest.raises(ValidationError, match="at least one"):
        QuizBank.model_validate(bank({**Q, "id": "f", "type": "free_text", "customer": "Hey", "model_answer": "Hi"}))


def test_attempts_default_to_two_for_choice_questions():
    b = QuizBank.model_validate(bank(
        {**Q, "id": "a", "type": "single",
         "options": [{"id": "x", "text": "X", "correct": True, "feedback": "f"}, {"id": "y", "text": "Y", "feedback": "f"}]}))
    assert b.questions[0].attempts == 2 and b.questions[0].reveal is True


def test_duplicate_option_text_is_rejected():
    with pytest.raises(ValidationError, match="same text"):
        QuizBank.model_validate(bank(
            {**Q, "id": "a", "type": "single",
             "options": [{"id": "x", "text": "X", "correct": True, "feedback": "f"}, {"id": "y", "text": "X", "feedback": "f"}]}))
