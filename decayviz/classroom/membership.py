"""A session's place in a class: which class, and whether it is the class's teacher."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Membership:
    """The class a session is in: its code, and the teacher's key when the session is the teacher's
    (None for a student). The key stays out of repr: never in a log line or a traceback."""

    code: str
    teacher_key: str | None = field(default=None, repr=False)

    @property
    def teaches(self) -> bool:
        return self.teacher_key is not None
