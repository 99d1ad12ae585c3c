"""The signed links of the check-in and the questionnaire (dashboard/engine/capture.py): valid,
expired, not yet open, for another event, forged, signed with another secret or for the other
kind of link; the secret's rules; the client address; the rate limits on a real database."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from dashboard.engine import capture, db
from dashboard.engine.capture import OSLO, RoundKey, TokenRefused
from tests.engine import signature_changed

SECRET = "hemmelig-nok-for-en-test-" + "x" * 20
OTHER_SECRET = "en-annen-hemmelighet-som-er-lang-" + "y" * 10
EVENT_DAY = dt.date(2026, 4, 16)
ROUND = RoundKey(2026, "sykepleier", "stavanger")


def oslo(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO)


def refused(reason: str, check: object) -> None:
    with pytest.raises(TokenRefused) as caught:
        check()  # type: ignore[operator]
    assert caught.value.reason == reason
    assert caught.value.message  # a Norwegian sentence for the page


def test_a_checkin_token_holds_its_event_and_is_valid_during_the_event() -> None:
    token = capture.checkin_token(SECRET, "EVT-1")
    assert capture.checkin_event(SECRET, token) == "EVT-1"
    dates = {"EVT-1": EVENT_DAY}
    for moment in (oslo(EVENT_DAY, 9), oslo(EVENT_DAY, 0), oslo(EVENT_DAY, 23, 59)):
        assert capture.verify_checkin(SECRET, token, dates, moment) == "EVT-1"
    # The same event asked for by id.
    assert capture.verify_checkin(SECRET, token, dates, oslo(EVENT_DAY, 12), "EVT-1") == "EVT-1"


def test_the_window_opens_an_hour_before_the_day_and_closes_three_hours_after_it() -> None:
    token = capture.checkin_token(SECRET, "EVT-1")
    dates = {"EVT-1": EVENT_DAY}
    evening_before = EVENT_DAY - dt.timedelta(days=1)
    night_after = EVENT_DAY + dt.timedelta(days=1)
    refused(
        "not_yet",
        lambda: capture.verify_checkin(SECRET, token, dates, oslo(evening_before, 22, 59)),
    )
    assert capture.verify_checkin(SECRET, token, dates, oslo(evening_before, 23)) == "EVT-1"
    assert capture.verify_checkin(SECRET, token, dates, oslo(night_after, 2, 59)) == "EVT-1"
    refused("expired", lambda: capture.verify_checkin(SECRET, token, dates, oslo(night_after, 3)))
    # Oslo time, whatever the zone of `now`: 21:59 UTC in April is 23:59 in Oslo.
    utc = dt.datetime.combine(evening_before, dt.time(21, 59), tzinfo=dt.UTC)
    assert capture.verify_checkin(SECRET, token, dates, utc) == "EVT-1"


def test_an_expired_token_is_refused() -> None:
    token = capture.checkin_token(SECRET, "EVT-1")
    week_later = oslo(EVENT_DAY + dt.timedelta(days=7), 12)
    refused(
        "expired", lambda: capture.verify_checkin(SECRET, token, {"EVT-1": EVENT_DAY}, week_later)
    )


def test_a_token_older_than_a_year_is_refused_whatever_the_event() -> None:
    class YearOldSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 367 * 24 * 3600

    old = URLSafeTimedSerializer(
        SECRET,
        salt=capture.CHECKIN_SALT,
        signer=YearOldSigner,
        signer_kwargs={"digest_method": hashlib.sha256},
    ).dumps({"e": "EVT-1"})
    refused("expired", lambda: capture.checkin_event(SECRET, old))


def test_a_token_for_another_event_is_refused() -> None:
    token = capture.checkin_token(SECRET, "EVT-2")
    dates = {"EVT-1": EVENT_DAY, "EVT-2": EVENT_DAY}
    refused(
        "wrong_event",
        lambda: capture.verify_checkin(SECRET, token, dates, oslo(EVENT_DAY, 12), "EVT-1"),
    )
    # An event that is not (or no longer) in the data.
    refused(
        "unknown",
        lambda: capture.verify_checkin(SECRET, token, {"EVT-1": EVENT_DAY}, oslo(EVENT_DAY, 12)),
    )


@pytest.mark.parametrize(
    "forge",
    [
        signature_changed,  # the signature changed
        lambda t: t.split(".")[0] + "." + t.split(".")[1] + ".",  # no signature
        lambda t: "eyJlIjoiRVZULTIifQ" + t[t.index(".") :],  # another event, the old signature
        lambda t: "",
        lambda t: "ikke-en-lenke",
        lambda t: t * 40,  # too long to be ours
    ],
)
def test_a_forged_token_is_refused(forge: object) -> None:
    token = capture.checkin_token(SECRET, "EVT-1")
    refused("forged", lambda: capture.checkin_event(SECRET, forge(token)))  # type: ignore[operator]


def test_a_token_signed_with_another_secret_is_refused() -> None:
    token = capture.checkin_token(OTHER_SECRET, "EVT-1")
    refused("forged", lambda: capture.checkin_event(SECRET, token))
    answer = capture.answer_token(OTHER_SECRET, ROUND, "M0001")
    refused("forged", lambda: capture.answer_respondent(SECRET, answer))


def test_a_token_of_one_kind_is_no_token_of_the_other() -> None:
    """Separate salts: a check-in link never opens a questionnaire, nor the other way round."""
    checkin = capture.checkin_token(SECRET, "EVT-1")
    answer = capture.answer_token(SECRET, ROUND, "M0001")
    refused("forged", lambda: capture.answer_respondent(SECRET, checkin))
    refused("forged", lambda: capture.checkin_event(SECRET, answer))


def test_a_questionnaire_token_holds_its_round_and_member() -> None:
    token = capture.answer_token(SECRET, ROUND, "M0001")
    assert capture.answer_respondent(SECRET, token) == (ROUND, "M0001")
    assert ROUND.label == "spørreskjema 2026 sykepleier stavanger"


def test_a_round_is_open_until_its_deadline_day_ends_or_it_is_closed() -> None:
    deadline = dt.date(2026, 11, 30)
    opened = True
    assert capture.round_is_open(deadline, None, opened, oslo(deadline, 23, 59))
    assert not capture.round_is_open(
        deadline, None, opened, oslo(deadline + dt.timedelta(days=1), 0)
    )
    closed_at = oslo(deadline - dt.timedelta(days=5), 10)
    assert not capture.round_is_open(deadline, closed_at, opened, oslo(deadline, 12))
    assert not capture.round_is_open(deadline, None, False, oslo(deadline, 12))  # not opened
    assert not capture.round_is_open(None, None, opened, oslo(deadline, 12))  # no deadline


def test_the_secret_must_be_real() -> None:
    assert capture.secret_problem(SECRET) is None
    for weak in (None, "", "   ", "change-me", "kort"):
        problem = capture.secret_problem(weak)
        assert problem is not None and "slått av" in problem
    assert capture.configured_secret({"secret": " a "}, {capture.SECRET_ENV: "b"}) == "a"
    assert capture.configured_secret({}, {capture.SECRET_ENV: "b"}) == "b"
    assert capture.configured_secret({}, {}) is None


def test_the_secret_file_section_is_read_for_the_command_line(tmp_path: object) -> None:
    first = tmp_path / "a.toml"  # type: ignore[operator]
    second = tmp_path / "b.toml"  # type: ignore[operator]
    broken = tmp_path / "c.toml"  # type: ignore[operator]
    first.write_text('[capture]\nsecret = "fra-a"\nbase_url = "https://a.example"\n')
    second.write_text('[capture]\nsecret = "fra-b"\n')
    broken.write_text("[capture\n")
    section = capture.read_capture_section([first, second, broken, tmp_path / "mangler.toml"])  # type: ignore[operator]
    assert section == {"secret": "fra-b", "base_url": "https://a.example"}


def test_the_client_address_trusts_a_forwarded_header_only_behind_a_proxy() -> None:
    header = "203.0.113.9, 10.0.0.7"  # the client's claim, then what our proxy saw
    assert capture.client_address("10.0.0.1", header, trust_proxy=True) == "10.0.0.7"
    assert capture.client_address("10.0.0.1", header, trust_proxy=False) == "10.0.0.1"
    assert capture.client_address(None, None, trust_proxy=False) == "lokal"
    key = capture.address_key(SECRET, "10.0.0.7")
    assert (
        key
        == capture.address_key(SECRET, "10.0.0.7")
        != capture.address_key(OTHER_SECRET, "10.0.0.7")
    )
    assert "10.0.0.7" not in key
    assert capture.trusts_forwarded_for({"trust_forwarded_for": True}, {})
    assert capture.trusts_forwarded_for({}, {capture.TRUST_FORWARDED_ENV: "1"})
    assert not capture.trusts_forwarded_for({}, {})


def test_base_urls() -> None:
    assert (
        capture.normalise_base_url("https://indikatorer.example.no/")
        == "https://indikatorer.example.no"
    )
    for bad in ("indikatorer.example.no", "ftp://x.no", "https://x.no/?a=1"):
        with pytest.raises(ValueError, match="nettadresse"):
            capture.normalise_base_url(bad)
    assert capture.checkin_link("https://x.no", "T") == "https://x.no/innsjekk?t=T"
    assert capture.answer_link("https://x.no", "T") == "https://x.no/svar?t=T"


def test_rate_limits_count_attempts_per_address_and_per_link_for_a_minute() -> None:
    con = db.connect(None)
    now = dt.datetime(2026, 4, 16, 9, 0, tzinfo=dt.UTC)
    limit = capture.LIMITS["innsjekk"]
    for i in range(limit.per_address):
        assert not capture.is_limited(con, "innsjekk", "innsjekk:E", "adresse-1", now)
        capture.record_hit(
            con, "innsjekk", "innsjekk:E", "adresse-1", now + dt.timedelta(seconds=i)
        )
    later = now + dt.timedelta(seconds=30)
    assert capture.is_limited(con, "innsjekk", "innsjekk:E", "adresse-1", later)
    # Another address on the same link is not limited (yet), nor the same address elsewhere.
    assert not capture.is_limited(con, "innsjekk", "innsjekk:E", "adresse-2", later)
    assert not capture.is_limited(con, "svar", "svar:x", "adresse-1", later)
    # A minute after the attempts, they no longer count.
    assert not capture.is_limited(
        con,
        "innsjekk",
        "innsjekk:E",
        "adresse-1",
        now + dt.timedelta(seconds=limit.per_address + 61),
    )
    # The questionnaire: ten answers a minute per respondent's link, from any address.
    for i in range(capture.LIMITS["svar"].per_link):
        capture.record_hit(con, "svar", "svar:M1", f"adresse-{i}", now)
    assert capture.is_limited(con, "svar", "svar:M1", "ny-adresse", later)
    con.close()


def test_email_shape() -> None:
    assert capture.looks_like_email("kari.nordmann@kommune.no")
    assert capture.looks_like_email("  Kari@Kommune.No ")
    for bad in ("kari", "kari@", "kari@kommune", "a b@c.no", "x" * 250 + "@a.no"):
        assert not capture.looks_like_email(bad)
