from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.remedy_record import RemedyRecord
from ...models.settle_remedy import SettleRemedy
from ...types import Response


def _get_kwargs(
    id: UUID,
    remedy_id: UUID,
    *,
    body: SettleRemedy,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/complaints/{id}/remedies/{remedy_id}/settle".format(
            id=quote(str(id), safe=""),
            remedy_id=quote(str(remedy_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | RemedyRecord | None:
    if response.status_code == 200:
        response_200 = RemedyRecord.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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
) -> Response[Problem | RemedyRecord]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    remedy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SettleRemedy,
    if_match: str,
) -> Response[Problem | RemedyRecord]:
    """Settle an issued remedy: carried out, or declined by the complainant. A complaint
    closes only when every issued remedy is settled.

    Args:
        id (UUID):
        remedy_id (UUID):
        if_match (str):
        body (SettleRemedy): Settle a remedy: it was carried out (paid, corrected) or the
            complainant declined it. Example: {'note': '£25.00 credited to the current account,
            payment reference RF-2611-0042.', 'status': 'completed'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RemedyRecord]
    """

    kwargs = _get_kwargs(
        id=id,
        remedy_id=remedy_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    remedy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SettleRemedy,
    if_match: str,
) -> Problem | RemedyRecord | None:
    """Settle an issued remedy: carried out, or declined by the complainant. A complaint
    closes only when every issued remedy is settled.

    Args:
        id (UUID):
        remedy_id (UUID):
        if_match (str):
        body (SettleRemedy): Settle a remedy: it was carried out (paid, corrected) or the
            complainant declined it. Example: {'note': '£25.00 credited to the current account,
            payment reference RF-2611-0042.', 'status': 'completed'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RemedyRecord
    """

    return sync_detailed(
        id=id,
        remedy_id=remedy_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    remedy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SettleRemedy,
    if_match: str,
) -> Response[Problem | RemedyRecord]:
    """Settle an issued remedy: carried out, or declined by the complainant. A complaint
    closes only when every issued remedy is settled.

    Args:
        id (UUID):
        remedy_id (UUID):
        if_match (str):
        body (SettleRemedy): Settle a remedy: it was carried out (paid, corrected) or the
            complainant declined it. Example: {'note': '£25.00 credited to the current account,
            payment reference RF-2611-0042.', 'status': 'completed'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RemedyRecord]
    """

    kwargs = _get_kwargs(
        id=id,
        remedy_id=remedy_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    remedy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SettleRemedy,
    if_match: str,
) -> Problem | RemedyRecord | None:
    """Settle an issued remedy: carried out, or declined by the complainant. A complaint
    closes only when every issued remedy is settled.

    Args:
        id (UUID):
        remedy_id (UUID):
        if_match (str):
        body (SettleRemedy): Settle a remedy: it was carried out (paid, corrected) or the
            complainant declined it. Example: {'note': '£25.00 credited to the current account,
            payment reference RF-2611-0042.', 'status': 'completed'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RemedyRecord
    """

    return (
        await asyncio_detailed(
            id=id,
            remedy_id=remedy_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
