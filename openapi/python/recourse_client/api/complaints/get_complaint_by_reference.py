from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complaint import Complaint
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    reference: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/complaints/by-reference/{reference}".format(
            reference=quote(str(reference), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Complaint | Problem | None:
    if response.status_code == 200:
        response_200 = Complaint.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Complaint | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    reference: str,
    *,
    client: AuthenticatedClient,
) -> Response[Complaint | Problem]:
    """Read a complaint by its reference.

     The reference (`CMP-2026-000123`) is what complainants and colleagues quote; the
    answer is the complaint as `get_complaint` gives it, with the same ETag. A reference
    not of that form is 400 naming `reference`.

    Args:
        reference (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Complaint | Problem]
    """

    kwargs = _get_kwargs(
        reference=reference,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    reference: str,
    *,
    client: AuthenticatedClient,
) -> Complaint | Problem | None:
    """Read a complaint by its reference.

     The reference (`CMP-2026-000123`) is what complainants and colleagues quote; the
    answer is the complaint as `get_complaint` gives it, with the same ETag. A reference
    not of that form is 400 naming `reference`.

    Args:
        reference (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Complaint | Problem
    """

    return sync_detailed(
        reference=reference,
        client=client,
    ).parsed


async def asyncio_detailed(
    reference: str,
    *,
    client: AuthenticatedClient,
) -> Response[Complaint | Problem]:
    """Read a complaint by its reference.

     The reference (`CMP-2026-000123`) is what complainants and colleagues quote; the
    answer is the complaint as `get_complaint` gives it, with the same ETag. A reference
    not of that form is 400 naming `reference`.

    Args:
        reference (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Complaint | Problem]
    """

    kwargs = _get_kwargs(
        reference=reference,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    reference: str,
    *,
    client: AuthenticatedClient,
) -> Complaint | Problem | None:
    """Read a complaint by its reference.

     The reference (`CMP-2026-000123`) is what complainants and colleagues quote; the
    answer is the complaint as `get_complaint` gives it, with the same ETag. A reference
    not of that form is 400 naming `reference`.

    Args:
        reference (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Complaint | Problem
    """

    return (
        await asyncio_detailed(
            reference=reference,
            client=client,
        )
    ).parsed
