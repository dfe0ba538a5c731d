import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel import Channel
from ...models.complaint_page import ComplaintPage
from ...models.complaint_sort import ComplaintSort
from ...models.complaint_state import ComplaintState
from ...models.format_ import Format
from ...models.outcome import Outcome
from ...models.problem import Problem
from ...models.timer_state import TimerState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    state: ComplaintState | Unset = UNSET,
    team: str | Unset = UNSET,
    assignee: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    received_from: datetime.datetime | Unset = UNSET,
    received_to: datetime.datetime | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    stage: int | Unset = UNSET,
    breached: bool | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    timer_state: TimerState | Unset = UNSET,
    outcome: Outcome | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    due_within: int | Unset = UNSET,
    sort: ComplaintSort | Unset = UNSET,
    format_: Format | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["team"] = team

    params["assignee"] = assignee

    params["product"] = product

    json_channel: str | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = channel.value

    params["channel"] = json_channel

    json_received_from: str | Unset = UNSET
    if not isinstance(received_from, Unset):
        json_received_from = received_from.isoformat()
    params["received_from"] = json_received_from

    json_received_to: str | Unset = UNSET
    if not isinstance(received_to, Unset):
        json_received_to = received_to.isoformat()
    params["received_to"] = json_received_to

    params["q"] = q

    params["limit"] = limit

    params["cursor"] = cursor

    params["stage"] = stage

    params["breached"] = breached

    json_due_before: str | Unset = UNSET
    if not isinstance(due_before, Unset):
        json_due_before = due_before.isoformat()
    params["due_before"] = json_due_before

    json_timer_state: str | Unset = UNSET
    if not isinstance(timer_state, Unset):
        json_timer_state = timer_state.value

    params["timer_state"] = json_timer_state

    json_outcome: str | Unset = UNSET
    if not isinstance(outcome, Unset):
        json_outcome = outcome.value

    params["outcome"] = json_outcome

    params["overdue"] = overdue

    params["due_within"] = due_within

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/complaints",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComplaintPage | Problem | None:
    if response.status_code == 200:
        response_200 = ComplaintPage.from_dict(response.json())

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
) -> Response[ComplaintPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: ComplaintState | Unset = UNSET,
    team: str | Unset = UNSET,
    assignee: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    received_from: datetime.datetime | Unset = UNSET,
    received_to: datetime.datetime | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    stage: int | Unset = UNSET,
    breached: bool | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    timer_state: TimerState | Unset = UNSET,
    outcome: Outcome | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    due_within: int | Unset = UNSET,
    sort: ComplaintSort | Unset = UNSET,
    format_: Format | Unset = UNSET,
) -> Response[ComplaintPage | Problem]:
    """List complaints in the caller's scope, newest received first.

     Filters combine with AND. Pages are stable under concurrent inserts: pass
    `next_cursor` back as `cursor`.

    Args:
        state (ComplaintState | Unset): Where the complaint stands in the formal procedure.
        team (str | Unset):
        assignee (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        received_from (datetime.datetime | Unset):
        received_to (datetime.datetime | Unset):
        q (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):
        stage (int | Unset):
        breached (bool | Unset):
        due_before (datetime.datetime | Unset):
        timer_state (TimerState | Unset): Where a timer stands.
        outcome (Outcome | Unset): The finding of a response.
        overdue (bool | Unset):
        due_within (int | Unset):
        sort (ComplaintSort | Unset): The order of a complaint list.
        format_ (Format | Unset): How a report or list is wanted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplaintPage | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        team=team,
        assignee=assignee,
        product=product,
        channel=channel,
        received_from=received_from,
        received_to=received_to,
        q=q,
        limit=limit,
        cursor=cursor,
        stage=stage,
        breached=breached,
        due_before=due_before,
        timer_state=timer_state,
        outcome=outcome,
        overdue=overdue,
        due_within=due_within,
        sort=sort,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    state: ComplaintState | Unset = UNSET,
    team: str | Unset = UNSET,
    assignee: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    received_from: datetime.datetime | Unset = UNSET,
    received_to: datetime.datetime | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    stage: int | Unset = UNSET,
    breached: bool | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    timer_state: TimerState | Unset = UNSET,
    outcome: Outcome | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    due_within: int | Unset = UNSET,
    sort: ComplaintSort | Unset = UNSET,
    format_: Format | Unset = UNSET,
) -> ComplaintPage | Problem | None:
    """List complaints in the caller's scope, newest received first.

     Filters combine with AND. Pages are stable under concurrent inserts: pass
    `next_cursor` back as `cursor`.

    Args:
        state (ComplaintState | Unset): Where the complaint stands in the formal procedure.
        team (str | Unset):
        assignee (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        received_from (datetime.datetime | Unset):
        received_to (datetime.datetime | Unset):
        q (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):
        stage (int | Unset):
        breached (bool | Unset):
        due_before (datetime.datetime | Unset):
        timer_state (TimerState | Unset): Where a timer stands.
        outcome (Outcome | Unset): The finding of a response.
        overdue (bool | Unset):
        due_within (int | Unset):
        sort (ComplaintSort | Unset): The order of a complaint list.
        format_ (Format | Unset): How a report or list is wanted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplaintPage | Problem
    """

    return sync_detailed(
        client=client,
        state=state,
        team=team,
        assignee=assignee,
        product=product,
        channel=channel,
        received_from=received_from,
        received_to=received_to,
        q=q,
        limit=limit,
        cursor=cursor,
        stage=stage,
        breached=breached,
        due_before=due_before,
        timer_state=timer_state,
        outcome=outcome,
        overdue=overdue,
        due_within=due_within,
        sort=sort,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: ComplaintState | Unset = UNSET,
    team: str | Unset = UNSET,
    assignee: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    received_from: datetime.datetime | Unset = UNSET,
    received_to: datetime.datetime | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    stage: int | Unset = UNSET,
    breached: bool | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    timer_state: TimerState | Unset = UNSET,
    outcome: Outcome | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    due_within: int | Unset = UNSET,
    sort: ComplaintSort | Unset = UNSET,
    format_: Format | Unset = UNSET,
) -> Response[ComplaintPage | Problem]:
    """List complaints in the caller's scope, newest received first.

     Filters combine with AND. Pages are stable under concurrent inserts: pass
    `next_cursor` back as `cursor`.

    Args:
        state (ComplaintState | Unset): Where the complaint stands in the formal procedure.
        team (str | Unset):
        assignee (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        received_from (datetime.datetime | Unset):
        received_to (datetime.datetime | Unset):
        q (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):
        stage (int | Unset):
        breached (bool | Unset):
        due_before (datetime.datetime | Unset):
        timer_state (TimerState | Unset): Where a timer stands.
        outcome (Outcome | Unset): The finding of a response.
        overdue (bool | Unset):
        due_within (int | Unset):
        sort (ComplaintSort | Unset): The order of a complaint list.
        format_ (Format | Unset): How a report or list is wanted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplaintPage | Problem]
    """

    kwargs = _get_kwargs(
        state=state,
        team=team,
        assignee=assignee,
        product=product,
        channel=channel,
        received_from=received_from,
        received_to=received_to,
        q=q,
        limit=limit,
        cursor=cursor,
        stage=stage,
        breached=breached,
        due_before=due_before,
        timer_state=timer_state,
        outcome=outcome,
        overdue=overdue,
        due_within=due_within,
        sort=sort,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    state: ComplaintState | Unset = UNSET,
    team: str | Unset = UNSET,
    assignee: str | Unset = UNSET,
    product: str | Unset = UNSET,
    channel: Channel | Unset = UNSET,
    received_from: datetime.datetime | Unset = UNSET,
    received_to: datetime.datetime | Unset = UNSET,
    q: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    stage: int | Unset = UNSET,
    breached: bool | Unset = UNSET,
    due_before: datetime.datetime | Unset = UNSET,
    timer_state: TimerState | Unset = UNSET,
    outcome: Outcome | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    due_within: int | Unset = UNSET,
    sort: ComplaintSort | Unset = UNSET,
    format_: Format | Unset = UNSET,
) -> ComplaintPage | Problem | None:
    """List complaints in the caller's scope, newest received first.

     Filters combine with AND. Pages are stable under concurrent inserts: pass
    `next_cursor` back as `cursor`.

    Args:
        state (ComplaintState | Unset): Where the complaint stands in the formal procedure.
        team (str | Unset):
        assignee (str | Unset):
        product (str | Unset):
        channel (Channel | Unset): How the complaint reached the organisation.
        received_from (datetime.datetime | Unset):
        received_to (datetime.datetime | Unset):
        q (str | Unset):
        limit (int | Unset):
        cursor (str | Unset):
        stage (int | Unset):
        breached (bool | Unset):
        due_before (datetime.datetime | Unset):
        timer_state (TimerState | Unset): Where a timer stands.
        outcome (Outcome | Unset): The finding of a response.
        overdue (bool | Unset):
        due_within (int | Unset):
        sort (ComplaintSort | Unset): The order of a complaint list.
        format_ (Format | Unset): How a report or list is wanted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplaintPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            state=state,
            team=team,
            assignee=assignee,
            product=product,
            channel=channel,
            received_from=received_from,
            received_to=received_to,
            q=q,
            limit=limit,
            cursor=cursor,
            stage=stage,
            breached=breached,
            due_before=due_before,
            timer_state=timer_state,
            outcome=outcome,
            overdue=overdue,
            due_within=due_within,
            sort=sort,
            format_=format_,
        )
    ).parsed
