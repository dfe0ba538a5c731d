import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deadline_preview import DeadlinePreview
from ...models.problem import Problem
from ...models.profile import Profile
from ...types import UNSET, Response, Unset


def _get_kwargs(
    profile: Profile,
    *,
    received_at: datetime.datetime,
    acknowledged_at: datetime.datetime | Unset = UNSET,
    escalation_received_at: datetime.datetime | Unset = UNSET,
    escalation_acknowledged_at: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_received_at = received_at.isoformat()
    params["received_at"] = json_received_at

    json_acknowledged_at: str | Unset = UNSET
    if not isinstance(acknowledged_at, Unset):
        json_acknowledged_at = acknowledged_at.isoformat()
    params["acknowledged_at"] = json_acknowledged_at

    json_escalation_received_at: str | Unset = UNSET
    if not isinstance(escalation_received_at, Unset):
        json_escalation_received_at = escalation_received_at.isoformat()
    params["escalation_received_at"] = json_escalation_received_at

    json_escalation_acknowledged_at: str | Unset = UNSET
    if not isinstance(escalation_acknowledged_at, Unset):
        json_escalation_acknowledged_at = escalation_acknowledged_at.isoformat()
    params["escalation_acknowledged_at"] = json_escalation_acknowledged_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/profiles/{profile}/deadlines".format(
            profile=quote(str(profile), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeadlinePreview | Problem | None:
    if response.status_code == 200:
        response_200 = DeadlinePreview.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeadlinePreview | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    profile: Profile,
    *,
    client: AuthenticatedClient,
    received_at: datetime.datetime,
    acknowledged_at: datetime.datetime | Unset = UNSET,
    escalation_received_at: datetime.datetime | Unset = UNSET,
    escalation_acknowledged_at: datetime.datetime | Unset = UNSET,
) -> Response[DeadlinePreview | Problem]:
    """Preview a profile's deadlines without creating a case.

     Gives every timer whose starting instant is supplied, computed by the same code that
    sets a real case's timers: what to tell a customer about when to expect an answer.

    Args:
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        received_at (datetime.datetime):
        acknowledged_at (datetime.datetime | Unset):
        escalation_received_at (datetime.datetime | Unset):
        escalation_acknowledged_at (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlinePreview | Problem]
    """

    kwargs = _get_kwargs(
        profile=profile,
        received_at=received_at,
        acknowledged_at=acknowledged_at,
        escalation_received_at=escalation_received_at,
        escalation_acknowledged_at=escalation_acknowledged_at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    profile: Profile,
    *,
    client: AuthenticatedClient,
    received_at: datetime.datetime,
    acknowledged_at: datetime.datetime | Unset = UNSET,
    escalation_received_at: datetime.datetime | Unset = UNSET,
    escalation_acknowledged_at: datetime.datetime | Unset = UNSET,
) -> DeadlinePreview | Problem | None:
    """Preview a profile's deadlines without creating a case.

     Gives every timer whose starting instant is supplied, computed by the same code that
    sets a real case's timers: what to tell a customer about when to expect an answer.

    Args:
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        received_at (datetime.datetime):
        acknowledged_at (datetime.datetime | Unset):
        escalation_received_at (datetime.datetime | Unset):
        escalation_acknowledged_at (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlinePreview | Problem
    """

    return sync_detailed(
        profile=profile,
        client=client,
        received_at=received_at,
        acknowledged_at=acknowledged_at,
        escalation_received_at=escalation_received_at,
        escalation_acknowledged_at=escalation_acknowledged_at,
    ).parsed


async def asyncio_detailed(
    profile: Profile,
    *,
    client: AuthenticatedClient,
    received_at: datetime.datetime,
    acknowledged_at: datetime.datetime | Unset = UNSET,
    escalation_received_at: datetime.datetime | Unset = UNSET,
    escalation_acknowledged_at: datetime.datetime | Unset = UNSET,
) -> Response[DeadlinePreview | Problem]:
    """Preview a profile's deadlines without creating a case.

     Gives every timer whose starting instant is supplied, computed by the same code that
    sets a real case's timers: what to tell a customer about when to expect an answer.

    Args:
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        received_at (datetime.datetime):
        acknowledged_at (datetime.datetime | Unset):
        escalation_received_at (datetime.datetime | Unset):
        escalation_acknowledged_at (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeadlinePreview | Problem]
    """

    kwargs = _get_kwargs(
        profile=profile,
        received_at=received_at,
        acknowledged_at=acknowledged_at,
        escalation_received_at=escalation_received_at,
        escalation_acknowledged_at=escalation_acknowledged_at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    profile: Profile,
    *,
    client: AuthenticatedClient,
    received_at: datetime.datetime,
    acknowledged_at: datetime.datetime | Unset = UNSET,
    escalation_received_at: datetime.datetime | Unset = UNSET,
    escalation_acknowledged_at: datetime.datetime | Unset = UNSET,
) -> DeadlinePreview | Problem | None:
    """Preview a profile's deadlines without creating a case.

     Gives every timer whose starting instant is supplied, computed by the same code that
    sets a real case's timers: what to tell a customer about when to expect an answer.

    Args:
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        received_at (datetime.datetime):
        acknowledged_at (datetime.datetime | Unset):
        escalation_received_at (datetime.datetime | Unset):
        escalation_acknowledged_at (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeadlinePreview | Problem
    """

    return (
        await asyncio_detailed(
            profile=profile,
            client=client,
            received_at=received_at,
            acknowledged_at=acknowledged_at,
            escalation_received_at=escalation_received_at,
            escalation_acknowledged_at=escalation_acknowledged_at,
        )
    ).parsed
