"""What is wrong with a file, located as the user sees it, and the error that carries it."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.engine.i18n import N_, _

WHOLE_FILE = N_("(hele filen)")  # translated with _() where a Problem is made
# A file where every row is wrong would otherwise fill the memory and the screen: each file
# reports its first problems and how many more there are.
MAX_PROBLEMS_PER_FILE = 1000


class ImportRejected(Exception):
    """Validation found problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(_("{n} problem(er) i filene").format(n=len(problems)))
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
        return _("{file}, rad {row}, kolonne {column}: {message}").format(
            file=self.file, row=row, column=self.column, message=self.message
        )


class ProblemLog:
    """The problems of one file: the first `MAX_PROBLEMS_PER_FILE`, then only a count."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.kept: list[Problem] = []
        self.more = 0

    def add(self, problem: Problem) -> None:
        if len(self.kept) < MAX_PROBLEMS_PER_FILE:
            self.kept.append(problem)
        else:
            self.more += 1

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def problems(self) -> list[Problem]:
        """The kept problems in the order of the file's rows, and a line counting the rest."""
        kept = sorted(self.kept, key=lambda p: p.row or 0)
        if not self.more:
            return kept
        return [
            *kept,
            Problem(
                self.file_name,
                None,
                _(WHOLE_FILE),
                _(
                    "… og {more} problemer til i filen (bare de første {shown} vises). Rett dem "
                    "og importer filen på nytt."
                ).format(more=self.more, shown=MAX_PROBLEMS_PER_FILE),
            ),
        ]
