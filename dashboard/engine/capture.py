"""Live data capture (check-in at the meeting by QR code, the annual report answered in the
product): the signed links, when they are valid, the server secret they are signed with, the
client address and the rate limits. No Streamlit; the writes themselves are in
`dashboard/exchange/checkin.py` and `dashboard/exchange/questionnaire.py`.

- **Tokens** are `itsdangerous` URL-safe timed signatures (HMAC-SHA256) of a small JSON payload,
  with a separate salt per kind, so a check-in token is never read as a questionnaire token or the
  other way round. They are signed, not encrypted: they hold ids only (an event id; a round and a
  member id), never a name or an e-mail.
- **Check-in token**: the event id. Valid from one hour before the event until some hours after
  it. The data hold the event's date only, not its time, so the event is taken to last its whole
  day (Oslo time): the link opens at 23:00 the evening before and closes at 03:00 the night after.
- **Questionnaire token**: the round (year, network, health trust) and the member id. Valid until
  the round closes: the end of its `closes_on` day (Oslo time), or the moment a coordinator closes
  it in the product, whichever comes first.
- Every token is also refused when older than `MAX_TOKEN_AGE` (a year), and all of them at once
  when the secret is rotated.
- **The secret**: `[capture] secret` in the secrets file, or `DASHBOARD_CAPTURE_SECRET`; at least
  32 characters and not a placeholder. In demo mode (`DASHBOARD_DEMO=1`) only, a random secret is
  made once and kept in the database (table `capture_secret`). Without a secret the capture
  features are off and say so; they never fall back to a weak one.
- **Rate limits** per minute, per link (the event, or the respondent) and per client address,
  counted in the database (table `capture_hit`) so every process behind a load balancer counts
  the same attempts. The address is kept only as a keyed hash, for an hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import duckdb
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from dashboard.engine import db, signin
from dashboard.engine.i18n import N_, _

OSLO = ZoneInfo("Europe/Oslo")
CHECKIN_SALT = "nettverksindikatorer.innsjekk.v1"
ANSWER_SALT = "nettverksindikatorer.svar.v1"
# The check-in window around the event's day (the data hold its date, not its time).
OPENS_BEFORE = dt.timedelta(hours=1)
CLOSES_AFTER = dt.timedelta(hours=3)
MAX_TOKEN_AGE = dt.timedelta(days=366)
SECRET_ENV = "DASHBOARD_CAPTURE_SECRET"
BASE_URL_ENV = "DASHBOARD_BASE_URL"
TRUST_FORWARDED_ENV = "DASHBOARD_TRUST_FORWARDED_FOR"
CHECKIN_PAGE = "innsjekk"
ANSWER_PAGE = "svar"
MAX_EMAIL_LENGTH = 254
MAX_COMMENT_LENGTH = 2000
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

Kind = Literal["innsjekk", "svar"]
Refusal = Literal["forged", "expired", "not_yet", "wrong_event", "unknown", "closed"]

REFUSALS: dict[str, str] = {
    "forged": N_(
        "Lenken er ikke gyldig. Skann QR-koden på nytt, eller bruk lenken du fikk på e-post."
    ),
    "unknown": N_("Lenken er ikke gyldig lenger. Spør koordinatoren om en ny."),
    "wrong_event": N_("Lenken gjelder et annet arrangement."),
    "expired": N_("Innsjekkingen er stengt: arrangementet er over."),
    "not_yet": N_("Innsjekkingen er ikke åpnet ennå. Den åpner kvelden før arrangementet."),
    "closed": N_("Rapporteringsrunden er stengt, og svar kan ikke lenger sendes eller endres."),
}
NO_SECRET = N_(
    "Innsjekk og spørreskjema er slått av: serveren har ingen hemmelighet å signere lenkene med. "
    "Sett [capture] secret i .streamlit/secrets.toml eller miljøvariabelen "
    "DASHBOARD_CAPTURE_SECRET (minst 32 tegn; lag en med: {make})."
)
WEAK_SECRET = N_(
    "Innsjekk og spørreskjema er slått av: hemmeligheten for lenkene er en plassholder eller "
    "kortere enn {length} tegn. Lag en med: {make}"
)


class TokenRefused(Exception):
    """A link that may not be used (now); `reason` says why, `message` in Norwegian."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return _(REFUSALS[self.reason])


# --- the secret ---------------------------------------------------------------------------------


def secret_problem(secret: str | None) -> str | None:
    """What is wrong with a configured secret (None: nothing), in Norwegian."""
    if secret is None or not secret.strip():
        return _(NO_SECRET).format(make=signin.MAKE_SECRET)
    text = secret.strip()
    if text.lower() in signin.PLACEHOLDER_SECRETS or len(text) < signin.MIN_SECRET_LENGTH:
        return _(WEAK_SECRET).format(length=signin.MIN_SECRET_LENGTH, make=signin.MAKE_SECRET)
    return None


def default_secrets_files() -> tuple[Path, ...]:
    """Streamlit's own secrets files, in the order it reads them (later ones win)."""
    return (Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml")


def read_secrets_section(name: str, paths: Iterable[Path] | None = None) -> dict[str, Any]:
    """One section (`[capture]`, `[smtp]`) of the secrets files that exist (later files win),
    for the CLI; an unreadable file counts as none (the app says what is wrong with it)."""
    found: dict[str, Any] = {}
    for path in default_secrets_files() if paths is None else paths:
        try:
            section = tomllib.loads(path.read_text(encoding="utf-8")).get(name)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if isinstance(section, Mapping):
            found.update(section)
    return found


def read_capture_section(paths: Iterable[Path] | None = None) -> dict[str, Any]:
    """The `[capture]` section of the secrets files (see `read_secrets_section`)."""
    return read_secrets_section("capture", paths)


def configured_secret(section: Mapping[str, Any], environ: Mapping[str, str]) -> str | None:
    """`[capture] secret`, else `DASHBOARD_CAPTURE_SECRET`; None when neither is set."""
    value = section.get("secret") or environ.get(SECRET_ENV) or None
    return str(value).strip() if value is not None else None


def stored_secret(con: duckdb.DuckDBPyConnection) -> str | None:
    """The demo mode's secret kept in the database, if one was made."""
    frame = db.run(con, "capture_secret_get")
    return None if frame.empty else str(frame["secret"].iloc[0])


def store_new_secret(con: duckdb.DuckDBPyConnection) -> str:
    """Demo mode only: make a random secret and keep it in the database (in a change); an
    existing one wins. Returns the secret in force."""
    db.run(con, "capture_secret_save", {"secret": secrets.token_urlsafe(48)})
    found = stored_secret(con)
    assert found is not None
    return found


def trusts_forwarded_for(section: Mapping[str, Any], environ: Mapping[str, str]) -> bool:
    """Whether a proxy in front sets X-Forwarded-For (and strips what clients send)."""
    value = section.get("trust_forwarded_for", environ.get(TRUST_FORWARDED_ENV, ""))
    return str(value).strip().lower() in ("1", "true", "ja", "yes")


def configured_base_url(section: Mapping[str, Any], environ: Mapping[str, str]) -> str | None:
    value = section.get("base_url") or environ.get(BASE_URL_ENV) or None
    return normalise_base_url(str(value)) if value else None


def normalise_base_url(text: str) -> str:
    """`https://indikatorer.example.no/` → without the trailing slash; ValueError (Norwegian)
    when it is not an http(s) address."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            _("«{url}» er ikke en nettadresse (http:// eller https://)").format(url=text)
        )
    return text.strip().rstrip("/")


# --- tokens -------------------------------------------------------------------------------------


def _serializer(secret: str, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        secret, salt=salt, signer_kwargs={"digest_method": hashlib.sha256}
    )


def _read(secret: str, salt: str, token: str) -> dict[str, Any]:
    """The payload of a token signed with this secret and salt; TokenRefused otherwise."""
    if not token or len(token) > 1000:
        raise TokenRefused("forged")
    try:
        payload = _serializer(secret, salt).loads(token, max_age=int(MAX_TOKEN_AGE.total_seconds()))
    except SignatureExpired:
        raise TokenRefused("expired") from None
    except (BadData, UnicodeError, ValueError):
        raise TokenRefused("forged") from None
    if not isinstance(payload, dict):
        raise TokenRefused("forged")
    return payload


def checkin_token(secret: str, event_id: str) -> str:
    return _serializer(secret, CHECKIN_SALT).dumps({"e": event_id})


def checkin_event(secret: str, token: str) -> str:
    """The event a check-in token was made for (its signature checked, not its window)."""
    event_id = _read(secret, CHECKIN_SALT, token).get("e")
    if not isinstance(event_id, str) or not event_id:
        raise TokenRefused("forged")
    return event_id


@dataclass(frozen=True)
class Window:
    """When check-in at an event is open: [opens_at, closes_at)."""

    opens_at: dt.datetime
    closes_at: dt.datetime

    def state(self, now: dt.datetime) -> Literal["not_yet", "open", "expired"]:
        if now < self.opens_at:
            return "not_yet"
        return "open" if now < self.closes_at else "expired"


def checkin_window(event_date: dt.date) -> Window:
    """From one hour before the event's day starts to three hours after it ends (Oslo time)."""
    start = dt.datetime.combine(event_date, dt.time(0), tzinfo=OSLO)
    end = dt.datetime.combine(event_date + dt.timedelta(days=1), dt.time(0), tzinfo=OSLO)
    return Window(start - OPENS_BEFORE, end + CLOSES_AFTER)


def verify_checkin(
    secret: str,
    token: str,
    event_dates: Mapping[str, dt.date],
    now: dt.datetime,
    event_id: str | None = None,
) -> str:
    """The event of a check-in token that may be used now; TokenRefused otherwise: forged (or
    signed with another secret or salt), for another event than `event_id`, for an event that
    is not in the data (`event_dates`), or outside its window."""
    found = checkin_event(secret, token)
    if event_id is not None and found != event_id:
        raise TokenRefused("wrong_event")
    event_date = event_dates.get(found)
    if event_date is None:
        raise TokenRefused("unknown")
    state = checkin_window(event_date).state(now)
    if state != "open":
        raise TokenRefused(state)
    return found


@dataclass(frozen=True)
class RoundKey:
    """A reporting round: its key in `reporting_round`."""

    year: int
    network: str
    health_trust: str

    @property
    def label(self) -> str:
        """What the import history calls the round's answers (one undoable import)."""
        return f"spørreskjema {self.year} {self.network} {self.health_trust}"

    def params(self) -> dict[str, Any]:
        return {"year": self.year, "network": self.network, "health_trust": self.health_trust}


def answer_token(secret: str, round_key: RoundKey, member_id: str) -> str:
    payload = {
        "y": round_key.year,
        "n": round_key.network,
        "h": round_key.health_trust,
        "m": member_id,
    }
    return _serializer(secret, ANSWER_SALT).dumps(payload)


def answer_respondent(secret: str, token: str) -> tuple[RoundKey, str]:
    """The round and member of a questionnaire token (its signature checked, not the round)."""
    payload = _read(secret, ANSWER_SALT, token)
    year, network, trust, member = (payload.get(k) for k in ("y", "n", "h", "m"))
    if not (
        isinstance(year, int)
        and isinstance(network, str)
        and isinstance(trust, str)
        and isinstance(member, str)
        and member
    ):
        raise TokenRefused("forged")
    return RoundKey(year, network, trust), member


def round_closes_at(closes_on: dt.date | None) -> dt.datetime | None:
    """The end of the deadline's day, Oslo time (None: the round has no deadline)."""
    if closes_on is None:
        return None
    return dt.datetime.combine(closes_on + dt.timedelta(days=1), dt.time(0), tzinfo=OSLO)


def round_is_open(
    closes_on: dt.date | None, closed_at: dt.datetime | None, opened: bool, now: dt.datetime
) -> bool:
    """Whether answers may be given: the round was opened in the product, has a deadline that
    has not passed, and has not been closed by a coordinator."""
    closes_at = round_closes_at(closes_on)
    return opened and closed_at is None and closes_at is not None and now < closes_at


def checkin_link(base_url: str, token: str) -> str:
    return f"{base_url}/{CHECKIN_PAGE}?t={token}"


def answer_link(base_url: str, token: str) -> str:
    return f"{base_url}/{ANSWER_PAGE}?t={token}"


def today(now: dt.datetime | None = None) -> dt.date:
    """The day in Oslo."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(OSLO).date()


def looks_like_email(text: str) -> bool:
    return len(text) <= MAX_EMAIL_LENGTH and bool(_EMAIL.fullmatch(text.strip()))


# --- client address and rate limits --------------------------------------------------------------


def client_address(ip_address: str | None, forwarded_for: str | None, trust_proxy: bool) -> str:
    """Who is asking, for the rate limit: the proxy's X-Forwarded-For when one is trusted (its
    last entry: what our proxy saw; earlier entries are the client's own claims), else the
    connection's address; «lokal» for this machine."""
    if trust_proxy and forwarded_for:
        last = forwarded_for.split(",")[-1].strip()
        if last:
            return last
    return ip_address or "lokal"


def address_key(secret: str, address: str) -> str:
    """The address as a keyed hash: counted, never stored as it is."""
    digest = hmac.new(secret.encode("utf-8"), address.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Limit:
    """At most `per_address` attempts from one address and `per_link` with one link (an
    event's, or one respondent's) within `window`."""

    per_address: int
    per_link: int
    window: dt.timedelta = dt.timedelta(minutes=1)


# A meeting room's phones may share one address (the guest network): 20 a minute lets a group
# arrive; a whole conference day arrives through one event link, hence its higher limit.
LIMITS: dict[str, Limit] = {
    "innsjekk": Limit(per_address=20, per_link=120),
    "svar": Limit(per_address=30, per_link=10),
}
RATE_LIMITED = N_(
    "For mange forsøk på kort tid fra denne adressen eller med denne lenken. Vent ett minutt og "
    "prøv igjen."
)
HIT_KEEP = dt.timedelta(hours=1)


def is_limited(
    con: duckdb.DuckDBPyConnection, kind: Kind, link_key: str, address: str, now: dt.datetime
) -> bool:
    """Whether one more attempt would pass a limit (`address`: the keyed hash)."""
    limit = LIMITS[kind]
    [(n_address, n_link)] = db.execute(
        con,
        "capture_hits_count",
        {
            "kind": kind,
            "link_key": link_key,
            "address_key": address,
            "since": now - limit.window,
        },
    )
    return int(n_address) >= limit.per_address or int(n_link) >= limit.per_link


def record_hit(
    con: duckdb.DuckDBPyConnection, kind: Kind, link_key: str, address: str, now: dt.datetime
) -> None:
    """Count one attempt (in the change that makes it), and forget attempts over an hour old."""
    db.execute(con, "capture_hit_purge", {"before": now - HIT_KEEP})
    db.execute(
        con,
        "capture_hit_record",
        {"at": now, "kind": kind, "link_key": link_key, "address_key": address},
    )


def open_batch(con: duckdb.DuckDBPyConnection, label: str) -> int | None:
    """The import that captured rows of this kind join (one undoable import per event's
    check-in or round's answers): the newest import still in effect, if it is this one's;
    else None (a new import starts)."""
    rows = db.execute(con, "capture_batch", {"label": label})
    return int(rows[0][0]) if rows else None
