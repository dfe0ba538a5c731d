from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.calendar_id import CalendarId
from ...models.holiday_list import HolidayList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    calendar: CalendarId,
    *,
    year: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/calendars/{calendar}/holidays".format(
            calendar=quote(str(calendar), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HolidayList | Problem | None:
    if response.status_code == 200:
        response_200 = HolidayList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HolidayList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    calendar: CalendarId,
    *,
    client: AuthenticatedClient,
    year: int | Unset = UNSET,
) -> Response[HolidayList | Problem]:
    """A holiday calendar's dates, including those an admin removed.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HolidayList | Problem]
    """

    kwargs = _get_kwargs(
        calendar=calendar,
        year=year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    calendar: CalendarId,
    *,
    client: AuthenticatedClient,
    year: int | Unset = UNSET,
) -> HolidayList | Problem | None:
    """A holiday calendar's dates, including those an admin removed.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HolidayList | Problem
    """

    return sync_detailed(
        calendar=calendar,
        client=client,
        year=year,
    ).parsed


async def asyncio_detailed(
    calendar: CalendarId,
    *,
    client: AuthenticatedClient,
    year: int | Unset = UNSET,
) -> Response[HolidayList | Problem]:
    """A holiday calendar's dates, including those an admin removed.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HolidayList | Problem]
    """

    kwargs = _get_kwargs(
        calendar=calendar,
        year=year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    calendar: CalendarId,
    *,
    client: AuthenticatedClient,
    year: int | Unset = UNSET,
) -> HolidayList | Problem | None:
    """A holiday calendar's dates, including those an admin removed.

    Args:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a
            profile's deadlines.
        year (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HolidayList | Problem
    """

    return (
        await asyncio_detailed(
            calendar=calendar,
            client=client,
            year=year,
        )
    ).parsed
