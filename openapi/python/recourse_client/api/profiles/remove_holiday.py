import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar_id import CalendarId
from ...models.holiday import Holiday
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    calendar: CalendarId,
    date: datetime.date,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/calendars/{calendar}/holidays/{date}".format(
            calendar=quote(str(calendar), safe=""),
            date=quote(str(date), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Holiday | Problem | None:
    if response.status_code == 200:
        response_200 = Holiday.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Holiday | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    calendar: CalendarId,
    date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Response[Holiday | Problem]:
    """Remove a holiday (admins): it stays listed as inactive, and is never re-seeded.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Holiday | Problem]
    """

    kwargs = _get_kwargs(
        calendar=calendar,
        date=date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    calendar: CalendarId,
    date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Holiday | Problem | None:
    """Remove a holiday (admins): it stays listed as inactive, and is never re-seeded.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Holiday | Problem
    """

    return sync_detailed(
        calendar=calendar,
        date=date,
        client=client,
    ).parsed


async def asyncio_detailed(
    calendar: CalendarId,
    date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Response[Holiday | Problem]:
    """Remove a holiday (admins): it stays listed as inactive, and is never re-seeded.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Holiday | Problem]
    """

    kwargs = _get_kwargs(
        calendar=calendar,
        date=date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    calendar: CalendarId,
    date: datetime.date,
    *,
    client: AuthenticatedClient,
) -> Holiday | Problem | None:
    """Remove a holiday (admins): it stays listed as inactive, and is never re-seeded.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Holiday | Problem
    """

    return (
        await asyncio_detailed(
            calendar=calendar,
            date=date,
            client=client,
        )
    ).parsed
