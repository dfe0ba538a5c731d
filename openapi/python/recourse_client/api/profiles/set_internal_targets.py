from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.internal_targets import InternalTargets
from ...models.internal_targets_setting import InternalTargetsSetting
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: InternalTargets,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/profiles/internal/targets",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InternalTargetsSetting | Problem | None:
    if response.status_code == 200:
        response_200 = InternalTargetsSetting.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[InternalTargetsSetting | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InternalTargets,
) -> Response[InternalTargetsSetting | Problem]:
    """Set the `internal` profile's targets (admins). They apply to timers started from now
    on; running timers keep their due instants. Recorded in the audit log.

    Args:
        body (InternalTargets): The `internal` profile's targets: complaints no regulator governs.
            Example: {'acknowledgement_business_days': 2, 'calendar': 'uk-england-wales',
            'rca_pending_allowed': False, 'stage1_response_business_days': 10,
            'stage2_response_business_days': 20, 'stages': 2}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalTargetsSetting | Problem]
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
    body: InternalTargets,
) -> InternalTargetsSetting | Problem | None:
    """Set the `internal` profile's targets (admins). They apply to timers started from now
    on; running timers keep their due instants. Recorded in the audit log.

    Args:
        body (InternalTargets): The `internal` profile's targets: complaints no regulator governs.
            Example: {'acknowledgement_business_days': 2, 'calendar': 'uk-england-wales',
            'rca_pending_allowed': False, 'stage1_response_business_days': 10,
            'stage2_response_business_days': 20, 'stages': 2}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalTargetsSetting | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InternalTargets,
) -> Response[InternalTargetsSetting | Problem]:
    """Set the `internal` profile's targets (admins). They apply to timers started from now
    on; running timers keep their due instants. Recorded in the audit log.

    Args:
        body (InternalTargets): The `internal` profile's targets: complaints no regulator governs.
            Example: {'acknowledgement_business_days': 2, 'calendar': 'uk-england-wales',
            'rca_pending_allowed': False, 'stage1_response_business_days': 10,
            'stage2_response_business_days': 20, 'stages': 2}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalTargetsSetting | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InternalTargets,
) -> InternalTargetsSetting | Problem | None:
    """Set the `internal` profile's targets (admins). They apply to timers started from now
    on; running timers keep their due instants. Recorded in the audit log.

    Args:
        body (InternalTargets): The `internal` profile's targets: complaints no regulator governs.
            Example: {'acknowledgement_business_days': 2, 'calendar': 'uk-england-wales',
            'rca_pending_allowed': False, 'stage1_response_business_days': 10,
            'stage2_response_business_days': 20, 'stages': 2}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalTargetsSetting | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
