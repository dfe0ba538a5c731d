"""Conveniences over the generated client: typed errors, every page of a list, retries of 429
and 503 that honour ``Retry-After``, and a refusal of naive datetimes before anything is sent.

This module is written by hand and kept by ``openapi/generate.sh`` when it regenerates the rest
of the package. It relies only on what every Recourse operation shares (problem documents,
``items``/``next_cursor`` pages, ``cursor`` parameters), so new operations work with it as
they are generated::

    from recourse_client.api.complaints import get_complaint, list_complaints
    from recourse_client.helpers import RecourseError, call, connect, paginate

    client = connect("http://127.0.0.1:8080", token)
    for summary in paginate(list_complaints.sync_detailed, client=client, team="north", limit=200):
        print(summary.reference)
    try:
        got = call(get_complaint.sync_detailed, complaint_id, client=client)
        print(got.data.state, got.etag)
    except RecourseError as error:
        print(error.status, error.code, error.field, error.detail)
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import json
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, cast

import attrs
import httpx

from .client import AuthenticatedClient
from .models.error_code import ErrorCode
from .models.problem import Problem
from .models.refusal_reason import RefusalReason
from .types import Response, Unset

__all__ = [
    "NaiveDatetimeError",
    "Ok",
    "RecourseError",
    "RecourseTransport",
    "RetryPolicy",
    "acall",
    "apaginate",
    "apages",
    "call",
    "connect",
    "pages",
    "paginate",
    "require_aware",
]

T = TypeVar("T")
Item = TypeVar("Item", covariant=True)
P = ParamSpec("P")


# --- errors ---------------------------------------------------------------------------------


class RecourseError(Exception):
    """An answer other than 2xx, from its problem document (RFC 9457) when it has one.

    Match on ``code`` (an ``ErrorCode``, or the string itself for a code newer than this
    client) and, for ``guard_failed``, on ``reason``; never on ``detail``, which is prose.
    ``field`` names the request field at fault. ``retry_after`` is the ``Retry-After`` header in
    seconds (a 429 or 503 still there after the retries ran out).
    """

    def __init__(
        self,
        status: int,
        *,
        code: ErrorCode | str | None = None,
        title: str | None = None,
        detail: str | None = None,
        field: str | None = None,
        reason: RefusalReason | str | None = None,
        type_: str | None = None,
        problem: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.field = field
        self.reason = reason
        self.type = type_
        self.problem: Mapping[str, Any] = problem or {}
        self.headers: Mapping[str, str] = headers or {}
        self.retry_after = parse_retry_after(self.headers.get("retry-after"))
        summary = f"{status} {code or 'error'}"
        if field:
            summary += f" ({field})"
        super().__init__(f"{summary}: {detail or title or 'no problem document'}")

    @classmethod
    def from_response(cls, status: int, content: bytes, headers: Mapping[str, str]) -> RecourseError:
        """Reads the problem document from the raw answer, so that it works for any status,
        including those an operation does not declare, and for codes this client predates."""
        try:
            body = json.loads(content) if content else None
        except ValueError:
            body = None
        if not isinstance(body, dict):
            excerpt = content[:300].decode("utf-8", "replace").strip() or None
            return cls(status, detail=excerpt, headers=headers)

        def text(key: str) -> str | None:
            value = body.get(key)
            return value if isinstance(value, str) else None

        return cls(
            status,
            code=_enum(ErrorCode, text("code")),
            title=text("title"),
            detail=text("detail"),
            field=text("field"),
            reason=_enum(RefusalReason, text("reason")),
            type_=text("type"),
            problem=body,
            headers=headers,
        )


def _enum(kind: Any, value: str | None) -> Any:
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        return value


class NaiveDatetimeError(ValueError):
    """A datetime without a UTC offset was about to be sent. Recourse refuses them (an instant
    needs a zone); give it one, e.g. ``datetime.now(timezone.utc)`` or ``.astimezone()``."""

    def __init__(self, where: str, value: object) -> None:
        self.where = where
        self.value = value
        super().__init__(
            f"{where} is a datetime without a UTC offset ({value!s}); Recourse needs an instant: "
            "use an aware datetime, e.g. datetime.now(timezone.utc) or dt.replace(tzinfo=timezone.utc)"
        )


def require_aware(value: object, where: str = "argument") -> None:
    """Raises ``NaiveDatetimeError`` when ``value`` is, or holds (in a generated model, a list or
    a dict), a ``datetime`` without a UTC offset."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(where, value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            require_aware(item, f"{where}.{key}")
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            require_aware(item, f"{where}[{index}]")
    elif attrs.has(type(value)) and type(value).__module__.startswith(f"{__package__}.models"):
        for attribute in attrs.fields(cast(Any, type(value))):
            require_aware(getattr(value, attribute.name), f"{where}.{attribute.name}")


def _require_aware_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for index, arg in enumerate(args):
        require_aware(arg, f"argument {index + 1}")
    for name, arg in kwargs.items():
        if name != "client":
            require_aware(arg, name)


# --- calls ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ok(Generic[T]):
    """A successful answer: the parsed body and what the headers say."""

    data: T
    status: int
    headers: Mapping[str, str]

    @property
    def etag(self) -> str | None:
        """The resource's version, for ``If-Match`` on the next change."""
        return self.headers.get("etag")

    @property
    def location(self) -> str | None:
        """Where a created resource lives."""
        return self.headers.get("location")


def _ok(response: Response[Any]) -> Ok[Any]:
    status = int(response.status_code)
    if status >= 400 or isinstance(response.parsed, Problem):
        raise RecourseError.from_response(status, response.content, response.headers)
    return Ok(response.parsed, status, response.headers)


def call(op: Callable[P, Response[T | Problem]], *args: P.args, **kwargs: P.kwargs) -> Ok[T]:
    """Calls a generated ``sync_detailed`` function: its parsed answer, or ``RecourseError``.

    Refuses naive datetimes among the arguments (``NaiveDatetimeError``) before any request.
    """
    _require_aware_arguments(args, kwargs)
    return _ok(op(*args, **kwargs))


async def acall(op: Callable[P, Awaitable[Response[T | Problem]]], *args: P.args, **kwargs: P.kwargs) -> Ok[T]:
    """``call`` for a generated ``asyncio_detailed`` function."""
    _require_aware_arguments(args, kwargs)
    return _ok(await op(*args, **kwargs))


class Page(Protocol[Item]):
    """What every list answers: a page of ``items`` and, unless it is the last, ``next_cursor``."""

    @property
    def items(self) -> Sequence[Item]: ...

    @property
    def next_cursor(self) -> str | Unset: ...


PageT = TypeVar("PageT", bound=Page[Any])


def _first_cursor(kwargs: Mapping[str, Any]) -> str | None:
    given = kwargs.get("cursor")
    return given if isinstance(given, str) else None


def _next_cursor(page: Any, previous: str | None) -> str | None:
    cursor = getattr(page, "next_cursor", None)
    if not isinstance(cursor, str) or not cursor:
        return None
    if cursor == previous:
        raise RuntimeError(f"the server answered the same cursor twice ({cursor}); stopping rather than looping")
    return cursor


def pages(op: Callable[P, Response[PageT | Problem]], *args: P.args, **kwargs: P.kwargs) -> Iterator[PageT]:
    """Every page of a list: calls the generated ``sync_detailed`` list function with the same
    filters and each page's ``next_cursor`` as ``cursor``, until a page has none. A ``cursor``
    among the arguments starts from there. Raises ``RecourseError`` as ``call`` does."""
    cursor = _first_cursor(kwargs)
    while True:
        page = call(op, *args, **kwargs).data
        yield page
        cursor = _next_cursor(page, cursor)
        if cursor is None:
            return
        kwargs["cursor"] = cursor


def paginate(op: Callable[P, Response[PageT | Problem]], *args: P.args, **kwargs: P.kwargs) -> Iterator[Any]:
    """Every item of a list, across all its pages (fetched as they are reached)::

    for c in paginate(list_complaints.sync_detailed, client=client, state=ComplaintState.RECEIVED):
        ...
    """
    for page in pages(op, *args, **kwargs):
        yield from page.items


async def apages(
    op: Callable[P, Awaitable[Response[PageT | Problem]]], *args: P.args, **kwargs: P.kwargs
) -> AsyncIterator[PageT]:
    """``pages`` for a generated ``asyncio_detailed`` list function."""
    cursor = _first_cursor(kwargs)
    while True:
        page = (await acall(op, *args, **kwargs)).data
        yield page
        cursor = _next_cursor(page, cursor)
        if cursor is None:
            return
        kwargs["cursor"] = cursor


async def apaginate(
    op: Callable[P, Awaitable[Response[PageT | Problem]]], *args: P.args, **kwargs: P.kwargs
) -> AsyncIterator[Any]:
    """``paginate`` for a generated ``asyncio_detailed`` list function."""
    async for page in apages(op, *args, **kwargs):
        for item in page.items:
            yield item


# --- retries and the transport --------------------------------------------------------------


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds from now: delay-seconds or an HTTP date; None when absent or
    unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


# Methods that may be repeated whatever happened to the first attempt (RFC 9110, 9.2.2).
_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class RetryPolicy:
    """When to try a request again.

    A 429 is always retried: Recourse's rate limiter answers it before the request does
    anything. A 503 (overloaded, or the request ran past the server's timeout) may come after a
    write committed, so it is retried only for GET, HEAD, OPTIONS, PUT and DELETE, and for
    requests that carry ``Idempotency-Key`` (the retry answers the original result) or
    ``If-Match`` (a change that did commit answers 412 rather than applying twice). Other POSTs
    and PATCHes come back as they are.

    The wait is ``Retry-After`` when the answer has one, else ``backoff`` seconds doubling per
    attempt (with jitter). At most ``attempts`` tries in all, and at most ``max_wait`` seconds
    of waiting in all: an answer that asks for longer is returned at once (``call`` raises it
    as a ``RecourseError`` with ``retry_after``). ``on_retry(request, response, delay)`` is
    called before each wait, e.g. to log it.
    """

    attempts: int = 4
    max_wait: float = 30.0
    backoff: float = 0.5
    on_retry: Callable[[httpx.Request, httpx.Response, float], None] | None = None

    def delay(self, request: httpx.Request, response: httpx.Response, attempt: int, waited: float) -> float | None:
        """Seconds to wait before trying again after ``attempt`` tries, or None to stop."""
        if attempt >= self.attempts or not self.retryable(request, response.status_code):
            return None
        wait = parse_retry_after(response.headers.get("retry-after"))
        if wait is None:
            wait = self.backoff * 2 ** (attempt - 1) * random.uniform(0.5, 1.0)
        if waited + wait > self.max_wait:
            return None
        return wait

    @staticmethod
    def retryable(request: httpx.Request, status: int) -> bool:
        if status == 429:
            return True
        if status == 503:
            return (
                request.method in _IDEMPOTENT or "idempotency-key" in request.headers or "if-match" in request.headers
            )
        return False


# An RFC 3339 date-time as a client writes it, lacking the `Z` or `+hh:mm` that makes it an
# instant (what `datetime.isoformat()` gives for a naive datetime).
_NAIVE_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def _refuse_naive_strings(request: httpx.Request) -> None:
    for name, value in request.url.params.multi_items():
        if _NAIVE_DATETIME.fullmatch(value):
            raise NaiveDatetimeError(f"query parameter {name}", value)
    if "json" not in request.headers.get("content-type", "") or not request.content:
        return
    try:
        body = json.loads(request.content)
    except ValueError:
        return

    def walk(node: Any, where: str) -> None:
        if isinstance(node, str):
            if _NAIVE_DATETIME.fullmatch(node):
                raise NaiveDatetimeError(where, node)
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, f"{where}.{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}[{index}]")

    walk(body, "body")


class RecourseTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport, for ``httpx.Client`` and ``httpx.AsyncClient`` alike, that retries
    by ``retry`` (None: never) and refuses, before sending, a request whose JSON body or query
    holds a date-time string without a UTC offset. ``connect`` installs it.

    httpx reads no proxy from the environment (``HTTPS_PROXY``, ...) for a client given its own
    transport: pass ``proxy`` to go through one."""

    def __init__(
        self,
        retry: RetryPolicy | None = None,
        *,
        verify: Any = True,
        proxy: str | None = None,
        inner: httpx.BaseTransport | None = None,
        async_inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.retry = retry
        self._verify = verify
        self._proxy = proxy
        self._inner = inner
        self._async_inner = async_inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _refuse_naive_strings(request)
        if self._inner is None:
            self._inner = httpx.HTTPTransport(verify=self._verify, proxy=self._proxy)
        attempt, waited = 1, 0.0
        while True:
            response = self._inner.handle_request(request)
            delay = self.retry.delay(request, response, attempt, waited) if self.retry else None
            if delay is None:
                return response
            response.read()
            response.close()
            if self.retry and self.retry.on_retry:
                self.retry.on_retry(request, response, delay)
            time.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _refuse_naive_strings(request)
        if self._async_inner is None:
            self._async_inner = httpx.AsyncHTTPTransport(verify=self._verify, proxy=self._proxy)
        attempt, waited = 1, 0.0
        while True:
            response = await self._async_inner.handle_async_request(request)
            delay = self.retry.delay(request, response, attempt, waited) if self.retry else None
            if delay is None:
                return response
            await response.aread()
            await response.aclose()
            if self.retry and self.retry.on_retry:
                self.retry.on_retry(request, response, delay)
            await asyncio.sleep(delay)
            attempt, waited = attempt + 1, waited + delay

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()

    async def aclose(self) -> None:
        if self._async_inner is not None:
            await self._async_inner.aclose()


_DEFAULT_RETRY = RetryPolicy()


def connect(
    base_url: str,
    token: str,
    *,
    retry: RetryPolicy | None = _DEFAULT_RETRY,
    timeout: float = 30.0,
    verify_ssl: Any = True,
    proxy: str | None = None,
    headers: Mapping[str, str] | None = None,
    httpx_args: Mapping[str, Any] | None = None,
) -> AuthenticatedClient:
    """An ``AuthenticatedClient`` whose requests (sync and async) go through a
    ``RecourseTransport``: retried by ``retry`` (None turns retries off) and refused when they
    would send a naive date-time. Pass it as ``client=`` to every generated function.
    ``proxy`` (e.g. ``"http://proxy.example.com:3128"``) is the only proxy used: the
    environment's ``HTTPS_PROXY`` and the like are not read."""
    args = dict(httpx_args or {})
    args.setdefault("transport", RecourseTransport(retry, verify=verify_ssl, proxy=proxy))
    return AuthenticatedClient(
        base_url=base_url.rstrip("/"),
        token=token,
        timeout=httpx.Timeout(timeout),
        verify_ssl=verify_ssl,
        headers=dict(headers or {}),
        httpx_args=args,
    )
