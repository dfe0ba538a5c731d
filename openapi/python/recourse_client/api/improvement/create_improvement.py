from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.improvement import Improvement
from ...models.new_improvement import NewImprovement
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: NewImprovement,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/improvements",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Improvement | Problem | None:
    if response.status_code == 201:
        response_201 = Improvement.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Improvement | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewImprovement,
) -> Response[Improvement | Problem]:
    """Open an item by hand (analysts, admins): from an audit, an ombudsman decision, a
    handler's report.

    Args:
        body (NewImprovement): A hand-made item. Example: {'cause': 'PRC.HANDOFF', 'complaints':
            ['0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01'], 'description': 'Refunds promised in branch are
            lost between the branch and the back office.', 'product': 'current_account', 'title':
            'Track branch refund requests to the back office'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Improvement | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NewImprovement,
) -> Improvement | Problem | None:
    """Open an item by hand (analysts, admins): from an audit, an ombudsman decision, a
    handler's report.

    Args:
        body (NewImprovement): A hand-made item. Example: {'cause': 'PRC.HANDOFF', 'complaints':
            ['0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01'], 'description': 'Refunds promised in branch are
            lost between the branch and the back office.', 'product': 'current_account', 'title':
            'Track branch refund requests to the back office'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Improvement | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewImprovement,
) -> Response[Improvement | Problem]:
    """Open an item by hand (analysts, admins): from an audit, an ombudsman decision, a
    handler's report.

    Args:
        body (NewImprovement): A hand-made item. Example: {'cause': 'PRC.HANDOFF', 'complaints':
            ['0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01'], 'description': 'Refunds promised in branch are
            lost between the branch and the back office.', 'product': 'current_account', 'title':
            'Track branch refund requests to the back office'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Improvement | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewImprovement,
) -> Improvement | Problem | None:
    """Open an item by hand (analysts, admins): from an audit, an ombudsman decision, a
    handler's report.

    Args:
        body (NewImprovement): A hand-made item. Example: {'cause': 'PRC.HANDOFF', 'complaints':
            ['0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01'], 'description': 'Refunds promised in branch are
            lost between the branch and the back office.', 'product': 'current_account', 'title':
            'Track branch refund requests to the back office'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Improvement | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
