"""The one rule for whether the app may serve data (`dashboard.engine.signin`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.engine.signin import (
    MIN_SECRET_LENGTH,
    SecretsUnreadable,
    auth_problem,
    configuration_problem,
    read_auth,
)

GOOD = {
    "redirect_uri": "https://indikatorer.example.no/oauth2callback",
    "cookie_secret": "x" * MIN_SECRET_LENGTH,
    "client_id": "id",
    "client_secret": "hemmelig",
    "server_metadata_url": "https://login.example.no/.well-known/openid-configuration",
}


def test_a_complete_section_with_a_real_secret_passes() -> None:
    assert auth_problem(GOOD) is None


@pytest.mark.parametrize(
    ("auth", "says"),
    [
        (None, "ikke satt opp"),
        ({**GOOD, "client_id": " "}, "mangler client_id"),
        ({key: value for key, value in GOOD.items() if key != "redirect_uri"}, "redirect_uri"),
        ({**GOOD, "cookie_secret": "Change-Me"}, "plassholder"),
        ({**GOOD, "cookie_secret": "x" * (MIN_SECRET_LENGTH - 1)}, "32 tegn"),
    ],
)
def test_what_is_wrong_is_named(auth: dict | None, says: str) -> None:
    problem = auth_problem(auth)
    assert problem is not None and says in problem


def test_later_files_win_and_missing_files_are_skipped(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('[auth]\nclient_id = "først"\n')
    second.write_text('[auth]\nclient_id = "sist"\n')
    assert read_auth([tmp_path / "mangler.toml"]) is None
    assert read_auth([first, tmp_path / "mangler.toml", second]) == {"client_id": "sist"}
    second.write_text('annet = "ja"\n')
    assert read_auth([second]) is None  # a file without [auth]


def test_a_toml_error_is_a_problem_not_a_pass(tmp_path: Path) -> None:
    broken = tmp_path / "secrets.toml"
    broken.write_text("[auth\n")
    with pytest.raises(SecretsUnreadable, match="kan ikke leses"):
        read_auth([broken])
    problem = configuration_problem(
        demo=False, trusted_headers=False, auth=lambda: read_auth([broken])
    )
    assert problem is not None and "kan ikke leses" in problem


def test_demo_and_trusted_headers_need_no_secrets() -> None:
    def missing() -> None:
        raise AssertionError("not read")

    assert configuration_problem(demo=True, trusted_headers=False, auth=missing) is None
    assert configuration_problem(demo=False, trusted_headers=True, auth=missing) is None
