from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recurrence_rules import RecurrenceRules
from ...models.recurrence_rules_setting import RecurrenceRulesSetting
from ...types import Response


def _get_kwargs(
    *,
    body: RecurrenceRules,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/recurrence-rules",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RecurrenceRulesSetting | None:
    if response.status_code == 200:
        response_200 = RecurrenceRulesSetting.from_dict(response.json())

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
) -> Response[Problem | RecurrenceRulesSetting]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RecurrenceRules,
) -> Response[Problem | RecurrenceRulesSetting]:
    """Set the recurrence rules' parameters (admins); recorded in the audit log.

    Args:
        body (RecurrenceRules): The recurrence rules' parameters. Example: {'by_product': True,
            'min_cases': 5, 'min_spread': 2, 'post_fix_enabled': True, 'spread_enabled': True,
            'systemic_enabled': True, 'threshold_enabled': True, 'window_days': 90}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecurrenceRulesSetting]
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
    body: RecurrenceRules,
) -> Problem | RecurrenceRulesSetting | None:
    """Set the recurrence rules' parameters (admins); recorded in the audit log.

    Args:
        body (RecurrenceRules): The recurrence rules' parameters. Example: {'by_product': True,
            'min_cases': 5, 'min_spread': 2, 'post_fix_enabled': True, 'spread_enabled': True,
            'systemic_enabled': True, 'threshold_enabled': True, 'window_days': 90}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecurrenceRulesSetting
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RecurrenceRules,
) -> Response[Problem | RecurrenceRulesSetting]:
    """Set the recurrence rules' parameters (admins); recorded in the audit log.

    Args:
        body (RecurrenceRules): The recurrence rules' parameters. Example: {'by_product': True,
            'min_cases': 5, 'min_spread': 2, 'post_fix_enabled': True, 'spread_enabled': True,
            'systemic_enabled': True, 'threshold_enabled': True, 'window_days': 90}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RecurrenceRulesSetting]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: RecurrenceRules,
) -> Problem | RecurrenceRulesSetting | None:
    """Set the recurrence rules' parameters (admins); recorded in the audit log.

    Args:
        body (RecurrenceRules): The recurrence rules' parameters. Example: {'by_product': True,
            'min_cases': 5, 'min_spread': 2, 'post_fix_enabled': True, 'spread_enabled': True,
            'systemic_enabled': True, 'threshold_enabled': True, 'window_days': 90}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RecurrenceRulesSetting
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
