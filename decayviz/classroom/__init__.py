"""Predict, then see: questions the app computes the answers to, and a class that answers them.

`QUESTIONS` (questions.py) holds every question with its scene and its computed truth;
`ClassStore` (store.py) keeps classes and answers in SQLite or PostgreSQL."""

from decayviz.classroom.questions import QUESTIONS, Question
from decayviz.classroom.store import ClassStore, Room

__all__ = ["QUESTIONS", "ClassStore", "Question", "Room"]
