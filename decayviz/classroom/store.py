"""Classes and their answers, in SQLite (the default) or PostgreSQL. (Being written.)"""

from __future__ import annotations


class Room:  # placeholder until store.py is written
    pass


class ClassStore:  # placeholder until store.py is written
    pass
