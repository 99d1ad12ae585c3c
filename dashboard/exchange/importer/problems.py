"""What is wrong with a file, located as the user sees it, and the error that carries it."""

from __future__ import annotations

from dataclasses import dataclass

WHOLE_FILE = "(hele filen)"


class ImportRejected(Exception):
    """Validation found problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(er) i filene")
        self.problems = problems


class UndoRefused(Exception):
    """There is nothing that may be undone."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located as the user sees it."""

    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        row = "–" if self.row is None else str(self.row)
        return f"{self.file}, rad {row}, kolonne {self.column}: {self.message}"
