from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.improvement_page import ImprovementPage
from ...models.item_state import ItemState
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: ItemState | Unset = UNSET,
    cause: str | Unset = UNSET,
    owner: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["cause"] = cause

    params["owner"] = owner

    params["overdue"] = overdue

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/improvements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImprovementPage | Problem | None:
    if response.status_code == 200:
        response_200 = ImprovementPage.from_dict(response.json())

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
) -> Response[ImprovementPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: ItemState | Unset = UNSET,
    cause: str | Unset = UNSET,
    owner: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[ImprovementPage | Problem]:
    """The improvement backlog, newest first.

    Args:
        state (ItemState | Unset): Where an improvement item stands.
        cause (str | Unset):
        owner (str | Unset):
        overdue (bool | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImprovementPage | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        cause=cause,
        owner=owner,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    state: ItemState | Unset = UNSET,
    cause: str | Unset = UNSET,
    owner: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> ImprovementPage | Problem | None:
    """The improvement backlog, newest first.

    Args:
        state (ItemState | Unset): Where an improvement item stands.
        cause (str | Unset):
        owner (str | Unset):
        overdue (bool | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImprovementPage | Problem
    """

    return sync_detailed(
        client=client,
        state=state,
        cause=cause,
        owner=owner,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: ItemState | Unset = UNSET,
    cause: str | Unset = UNSET,
    owner: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[ImprovementPage | Problem]:
    """The improvement backlog, newest first.

    Args:
        state (ItemState | Unset): Where an improvement item stands.
        cause (str | Unset):
        owner (str | Unset):
        overdue (bool | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImprovementPage | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        cause=cause,
        owner=owner,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    state: ItemState | Unset = UNSET,
    cause: str | Unset = UNSET,
    owner: str | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> ImprovementPage | Problem | None:
    """The improvement backlog, newest first.

    Args:
        state (ItemState | Unset): Where an improvement item stands.
        cause (str | Unset):
        owner (str | Unset):
        overdue (bool | Unset):
        limit (int | Unset):
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImprovementPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            cause=cause,
            owner=owner,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
