"""Who is asking: a bearer token, or the browser session of a form this server served.

The server is the reference of the contract, not an identity provider: any bearer token
identifies its holder (a portal puts its login, e.g. VNeID, in front and passes the token
on). Only the SHA-256 of a token is stored, as the owner of the applications it filed; an
application is shown to its owner alone.

A form served by the preview sets a session cookie (``HttpOnly``, ``SameSite=Strict``) and
carries, in a hidden ``_csrf`` part, an HMAC of that session under the server's secret. A
post authenticated by the cookie must bring that token (the double-submit check) and, when
the browser says where it comes from (``Origin``, ``Sec-Fetch-Site``), come from this site.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable

from starlette.requests import Request

__all__ = ["SESSION", "TOKEN_PATTERN", "accepts", "bearer", "csrf_token", "digest",
           "is_token", "owner", "wants_html"]

SESSION = "pg_session"
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"
"""A draft token or session id: 32 random bytes, base64url without padding."""
_TOKEN = re.compile(TOKEN_PATTERN)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_session() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(secret: bytes, session: str) -> str:
    mac = hmac.new(secret, session.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def bearer(request: Request) -> str | None:
    """The bearer token of ``Authorization``, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > 4096:
        return None
    return token


def is_token(value: str) -> bool:
    """Whether ``value`` has the shape of a draft token or session id.

    >>> is_token("a" * 43), is_token("a" * 42), is_token("a" * 42 + "/")
    (True, False, False)
    """
    return _TOKEN.fullmatch(value) is not None


def session(request: Request) -> str | None:
    value = request.cookies.get(SESSION)
    return value if value and is_token(value) else None


def owner(request: Request, secret: bytes) -> tuple[str | None, Callable[[str | None], bool]]:
    """The requester's owner id (None: nobody), and the check a cookie-authenticated post
    must pass with its ``_csrf`` part (a bearer request passes it already)."""
    token = bearer(request)
    if token is not None:
        return "bearer:" + digest(token), lambda _given: True
    sid = session(request)
    if sid is None:
        return None, lambda _given: False

    def check(given: str | None) -> bool:
        return (given is not None and hmac.compare_digest(given, csrf_token(secret, sid))
                and same_site(request))

    return "session:" + digest(sid), check


def same_site(request: Request) -> bool:
    """The browser's own word that the request comes from this site (absent: not refused,
    as older browsers and non-browser clients send neither header).

    A page sent with ``Referrer-Policy: no-referrer`` (the forms are) makes Chromium post
    its form with ``Origin: null``; then ``Sec-Fetch-Site``, which no page can set, decides."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and fetch_site == "same-origin"):
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def accepts(header: str | None, media: str) -> bool:
    """Whether an ``Accept`` header allows ``media`` (no header allows everything).

    >>> accepts(None, "application/json"), accepts("text/html", "application/json")
    (True, False)
    >>> accepts("application/*;q=0.5", "application/json"), accepts("*/*", "text/html")
    (True, True)
    >>> accepts("application/json;q=0", "application/json")
    False
    """
    if header is None or not header.strip():
        return True
    kind = media.split("/")[0]
    for item in header.split(","):
        name, *params = (x.strip() for x in item.split(";"))
        q = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            if float(q) <= 0:
                continue
        except ValueError:
            continue
        if name.lower() in (media, f"{kind}/*", "*/*"):
            return True
    return False


def wants_html(request: Request) -> bool:
    """A browser's own form post (no JavaScript): it asks for a page, not JSON."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept
