from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.complaint import Complaint
from ...models.new_complaint import NewComplaint
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: NewComplaint,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/complaints",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Complaint | Problem | None:
    if response.status_code == 201:
        response_201 = Complaint.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Complaint | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewComplaint,
    idempotency_key: str | Unset = UNSET,
) -> Response[Complaint | Problem]:
    """Log a complaint.

     With an `Idempotency-Key`, retrying the same request returns the complaint it logged
    (201, the complaint as it is now, if the caller can still see it; 404 otherwise) and
    reusing the key with a different body is 409. Keys are kept for the configured
    retention period (24 hours by default); after it, the key is new again.

    Args:
        idempotency_key (str | Unset):
        body (NewComplaint): A complaint to log. Example: {'category': 'fees', 'channel': 'phone',
            'complainant': {'customer_ref': 'CUST-40817', 'email': 'priya.shah@example.co.uk', 'name':
            'Priya Shah', 'phone': '+44 20 7946 0321'}, 'description': 'I was charged the £25
            unarranged-overdraft fee twice on 4 November. The branch told me on 6 November it would be
            refunded, but it has not been.', 'product': 'current_account', 'profile': 'fca_disp',
            'remedy_sought': 'Refund the duplicated fee and explain why the promised refund never
            arrived.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Complaint | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: NewComplaint,
    idempotency_key: str | Unset = UNSET,
) -> Complaint | Problem | None:
    """Log a complaint.

     With an `Idempotency-Key`, retrying the same request returns the complaint it logged
    (201, the complaint as it is now, if the caller can still see it; 404 otherwise) and
    reusing the key with a different body is 409. Keys are kept for the configured
    retention period (24 hours by default); after it, the key is new again.

    Args:
        idempotency_key (str | Unset):
        body (NewComplaint): A complaint to log. Example: {'category': 'fees', 'channel': 'phone',
            'complainant': {'customer_ref': 'CUST-40817', 'email': 'priya.shah@example.co.uk', 'name':
            'Priya Shah', 'phone': '+44 20 7946 0321'}, 'description': 'I was charged the £25
            unarranged-overdraft fee twice on 4 November. The branch told me on 6 November it would be
            refunded, but it has not been.', 'product': 'current_account', 'profile': 'fca_disp',
            'remedy_sought': 'Refund the duplicated fee and explain why the promised refund never
            arrived.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Complaint | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewComplaint,
    idempotency_key: str | Unset = UNSET,
) -> Response[Complaint | Problem]:
    """Log a complaint.

     With an `Idempotency-Key`, retrying the same request returns the complaint it logged
    (201, the complaint as it is now, if the caller can still see it; 404 otherwise) and
    reusing the key with a different body is 409. Keys are kept for the configured
    retention period (24 hours by default); after it, the key is new again.

    Args:
        idempotency_key (str | Unset):
        body (NewComplaint): A complaint to log. Example: {'category': 'fees', 'channel': 'phone',
            'complainant': {'customer_ref': 'CUST-40817', 'email': 'priya.shah@example.co.uk', 'name':
            'Priya Shah', 'phone': '+44 20 7946 0321'}, 'description': 'I was charged the £25
            unarranged-overdraft fee twice on 4 November. The branch told me on 6 November it would be
            refunded, but it has not been.', 'product': 'current_account', 'profile': 'fca_disp',
            'remedy_sought': 'Refund the duplicated fee and explain why the promised refund never
            arrived.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Complaint | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewComplaint,
    idempotency_key: str | Unset = UNSET,
) -> Complaint | Problem | None:
    """Log a complaint.

     With an `Idempotency-Key`, retrying the same request returns the complaint it logged
    (201, the complaint as it is now, if the caller can still see it; 404 otherwise) and
    reusing the key with a different body is 409. Keys are kept for the configured
    retention period (24 hours by default); after it, the key is new again.

    Args:
        idempotency_key (str | Unset):
        body (NewComplaint): A complaint to log. Example: {'category': 'fees', 'channel': 'phone',
            'complainant': {'customer_ref': 'CUST-40817', 'email': 'priya.shah@example.co.uk', 'name':
            'Priya Shah', 'phone': '+44 20 7946 0321'}, 'description': 'I was charged the £25
            unarranged-overdraft fee twice on 4 November. The branch told me on 6 November it would be
            refunded, but it has not been.', 'product': 'current_account', 'profile': 'fca_disp',
            'remedy_sought': 'Refund the duplicated fee and explain why the promised refund never
            arrived.'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Complaint | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
