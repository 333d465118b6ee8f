"""Predict, then see: questions the app computes the answers to, and a class that answers them.

`QUESTIONS` (questions.py) holds every question with its scene and its computed truth;
`ClassStore` (store.py) keeps classes and answers in SQLite or PostgreSQL."""

from decayviz.classroom.questions import QUESTIONS, Question

__all__ = ["QUESTIONS", "ClassStore", "Question", "Room"]


def __getattr__(name: str):
    """ClassStore and Room on first use: the store brings SQLAlchemy (~0.3 s to import), which a
    page outside a class never needs, least of all a fresh server's first page."""
    if name in ("ClassStore", "Room"):
        from decayviz.classroom import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
