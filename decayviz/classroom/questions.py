"""Every question the app asks, each tied to a scene, its true answer computed by decayviz.

Interface the store relies on (keep it): QUESTIONS[question_id] is a Question with
  .id, .page, .scene (dict: the URL query that opens its scene), .kind ("point" | "number" | "choice"),
  .truth()           the computed true answer (point: (x, y); number: float; choice: an option id)
  .check(answer)     the answer in canonical, JSON-storable form (point: [x, y] floats;
                     number: float; choice: str), or ValueError (out of bounds, NaN, unknown option)
                     / TypeError (wrong type)
"""

from __future__ import annotations

QUESTIONS: dict = {}


class Question:  # placeholder until questions.py is written
    pass
