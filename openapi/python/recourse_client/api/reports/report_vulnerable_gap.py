import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel import Channel
from ...models.format_ import Format
from ...models.problem import Problem
from ...models.profile import Profile
from ...models.vulnerable_gap_report import VulnerableGapReport
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: Format | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    team: str | Unset = UNSET,
    agent: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    profile: Profile | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["team"] = team

    params["agent"] = agent

    params["product"] = product

    json_channel: str | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = channel.value

    params["channel"] = json_channel

    json_profile: str | Unset = UNSET
    if not isinstance(profile, Unset):
        json_profile = profile.value

    params["profile"] = json_profile

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/vulnerable-gap",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VulnerableGapReport | None:
    if response.status_code == 200:
        response_200 = VulnerableGapReport.from_dict(response.json())

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
) -> Response[Problem | VulnerableGapReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    team: str | Unset = UNSET,
    agent: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    profile: Profile | Unset = UNSET,
) -> Response[Problem | VulnerableGapReport]:
    """The vulnerable-customer gap: upheld rate and time to respond for customers with a
    recorded vulnerability against the others, over the same period and filters.

    Args:
        format_ (Format | Unset): How a report or list is wanted.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        team (str | Unset):
        agent (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        profile (Profile | Unset): Regulatory profile whose deadlines govern the complaint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VulnerableGapReport]
    """

    kwargs = _get_kwargs(
        format_=format_,
        from_=from_,
        to=to,
        team=team,
        agent=agent,
        product=product,
        channel=channel,
        profile=profile,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    team: str | Unset = UNSET,
    agent: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    profile: Profile | Unset = UNSET,
) -> Problem | VulnerableGapReport | None:
    """The vulnerable-customer gap: upheld rate and time to respond for customers with a
    recorded vulnerability against the others, over the same period and filters.

    Args:
        format_ (Format | Unset): How a report or list is wanted.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        team (str | Unset):
        agent (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        profile (Profile | Unset): Regulatory profile whose deadlines govern the complaint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VulnerableGapReport
    """

    return sync_detailed(
        client=client,
        format_=format_,
        from_=from_,
        to=to,
        team=team,
        agent=agent,
        product=product,
        channel=channel,
        profile=profile,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    team: str | Unset = UNSET,
    agent: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    profile: Profile | Unset = UNSET,
) -> Response[Problem | VulnerableGapReport]:
    """The vulnerable-customer gap: upheld rate and time to respond for customers with a
    recorded vulnerability against the others, over the same period and filters.

    Args:
        format_ (Format | Unset): How a report or list is wanted.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        team (str | Unset):
        agent (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        profile (Profile | Unset): Regulatory profile whose deadlines govern the complaint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VulnerableGapReport]
    """

    kwargs = _get_kwargs(
        format_=format_,
        from_=from_,
        to=to,
        team=team,
        agent=agent,
        product=product,
        channel=channel,
        profile=profile,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: Format | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    team: str | Unset = UNSET,
    agent: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    profile: Profile | Unset = UNSET,
) -> Problem | VulnerableGapReport | None:
    """The vulnerable-customer gap: upheld rate and time to respond for customers with a
    recorded vulnerability against the others, over the same period and filters.

    Args:
        format_ (Format | Unset): How a report or list is wanted.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        team (str | Unset):
        agent (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        profile (Profile | Unset): Regulatory profile whose deadlines govern the complaint.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VulnerableGapReport
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            from_=from_,
            to=to,
            team=team,
            agent=agent,
            product=product,
            channel=channel,
            profile=profile,
        )
    ).parsed
