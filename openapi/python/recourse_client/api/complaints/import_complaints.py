from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_batch import ImportBatch
from ...models.import_report import ImportReport
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: ImportBatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports/complaints/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportReport | Problem | None:
    if response.status_code == 200:
        response_200 = ImportReport.from_dict(response.json())

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
) -> Response[ImportReport | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportBatch,
) -> Response[ImportReport | Problem]:
    """Import up to 500 complaints in one request.

     Each case is imported as `import_complaint` imports one, all or nothing, and a case
    refused does not stop the others: the answer says for each case whether it was
    imported, had been imported before, or was refused and why (the problem a single
    import would have answered, its `field` within the case). The batch commits once,
    and counts once against the caller's rate limit.

    Args:
        body (ImportBatch): Cases to import in one request, each all or nothing. Example:
            {'cases': [{'complaint': {'category': 'fees', 'channel': 'phone', 'complainant':
            {'customer_ref': 'CUST-40817', 'name': 'Priya Shah'}, 'description': 'Charged the
            unarranged-overdraft fee twice on 3 March.', 'product': 'current_account', 'profile':
            'fca_disp', 'received_at': '2025-03-04T10:15:00+00:00', 'remedy_sought': 'Refund the
            duplicated fee.', 'team': 'north'}, 'history': [{'action': 'acknowledge', 'actor':
            'm.jones', 'at': '2025-03-05T09:00:00+00:00', 'channel': 'email', 'summary':
            'Acknowledged; reference given.'}, {'action': 'start_investigation', 'actor': 'm.jones',
            'at': '2025-03-05T09:05:00+00:00'}, {'action': 'issue_response', 'actor': 'm.jones', 'at':
            '2025-03-20T14:30:00+00:00', 'channel': 'letter', 'outcome': 'upheld', 'primary_cause':
            'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'kind':
            'fee_refund_or_waiver', 'status': 'completed'}], 'summary': 'Final response: fee
            refunded.'}, {'action': 'close', 'actor': 'm.jones', 'at': '2025-03-21T08:00:00+00:00'}],
            'logged_by': 'm.jones', 'source': {'id': 'C-2025-01187', 'system': 'legacy-crm'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReport | Problem]
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
    body: ImportBatch,
) -> ImportReport | Problem | None:
    """Import up to 500 complaints in one request.

     Each case is imported as `import_complaint` imports one, all or nothing, and a case
    refused does not stop the others: the answer says for each case whether it was
    imported, had been imported before, or was refused and why (the problem a single
    import would have answered, its `field` within the case). The batch commits once,
    and counts once against the caller's rate limit.

    Args:
        body (ImportBatch): Cases to import in one request, each all or nothing. Example:
            {'cases': [{'complaint': {'category': 'fees', 'channel': 'phone', 'complainant':
            {'customer_ref': 'CUST-40817', 'name': 'Priya Shah'}, 'description': 'Charged the
            unarranged-overdraft fee twice on 3 March.', 'product': 'current_account', 'profile':
            'fca_disp', 'received_at': '2025-03-04T10:15:00+00:00', 'remedy_sought': 'Refund the
            duplicated fee.', 'team': 'north'}, 'history': [{'action': 'acknowledge', 'actor':
            'm.jones', 'at': '2025-03-05T09:00:00+00:00', 'channel': 'email', 'summary':
            'Acknowledged; reference given.'}, {'action': 'start_investigation', 'actor': 'm.jones',
            'at': '2025-03-05T09:05:00+00:00'}, {'action': 'issue_response', 'actor': 'm.jones', 'at':
            '2025-03-20T14:30:00+00:00', 'channel': 'letter', 'outcome': 'upheld', 'primary_cause':
            'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'kind':
            'fee_refund_or_waiver', 'status': 'completed'}], 'summary': 'Final response: fee
            refunded.'}, {'action': 'close', 'actor': 'm.jones', 'at': '2025-03-21T08:00:00+00:00'}],
            'logged_by': 'm.jones', 'source': {'id': 'C-2025-01187', 'system': 'legacy-crm'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReport | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportBatch,
) -> Response[ImportReport | Problem]:
    """Import up to 500 complaints in one request.

     Each case is imported as `import_complaint` imports one, all or nothing, and a case
    refused does not stop the others: the answer says for each case whether it was
    imported, had been imported before, or was refused and why (the problem a single
    import would have answered, its `field` within the case). The batch commits once,
    and counts once against the caller's rate limit.

    Args:
        body (ImportBatch): Cases to import in one request, each all or nothing. Example:
            {'cases': [{'complaint': {'category': 'fees', 'channel': 'phone', 'complainant':
            {'customer_ref': 'CUST-40817', 'name': 'Priya Shah'}, 'description': 'Charged the
            unarranged-overdraft fee twice on 3 March.', 'product': 'current_account', 'profile':
            'fca_disp', 'received_at': '2025-03-04T10:15:00+00:00', 'remedy_sought': 'Refund the
            duplicated fee.', 'team': 'north'}, 'history': [{'action': 'acknowledge', 'actor':
            'm.jones', 'at': '2025-03-05T09:00:00+00:00', 'channel': 'email', 'summary':
            'Acknowledged; reference given.'}, {'action': 'start_investigation', 'actor': 'm.jones',
            'at': '2025-03-05T09:05:00+00:00'}, {'action': 'issue_response', 'actor': 'm.jones', 'at':
            '2025-03-20T14:30:00+00:00', 'channel': 'letter', 'outcome': 'upheld', 'primary_cause':
            'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'kind':
            'fee_refund_or_waiver', 'status': 'completed'}], 'summary': 'Final response: fee
            refunded.'}, {'action': 'close', 'actor': 'm.jones', 'at': '2025-03-21T08:00:00+00:00'}],
            'logged_by': 'm.jones', 'source': {'id': 'C-2025-01187', 'system': 'legacy-crm'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReport | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImportBatch,
) -> ImportReport | Problem | None:
    """Import up to 500 complaints in one request.

     Each case is imported as `import_complaint` imports one, all or nothing, and a case
    refused does not stop the others: the answer says for each case whether it was
    imported, had been imported before, or was refused and why (the problem a single
    import would have answered, its `field` within the case). The batch commits once,
    and counts once against the caller's rate limit.

    Args:
        body (ImportBatch): Cases to import in one request, each all or nothing. Example:
            {'cases': [{'complaint': {'category': 'fees', 'channel': 'phone', 'complainant':
            {'customer_ref': 'CUST-40817', 'name': 'Priya Shah'}, 'description': 'Charged the
            unarranged-overdraft fee twice on 3 March.', 'product': 'current_account', 'profile':
            'fca_disp', 'received_at': '2025-03-04T10:15:00+00:00', 'remedy_sought': 'Refund the
            duplicated fee.', 'team': 'north'}, 'history': [{'action': 'acknowledge', 'actor':
            'm.jones', 'at': '2025-03-05T09:00:00+00:00', 'channel': 'email', 'summary':
            'Acknowledged; reference given.'}, {'action': 'start_investigation', 'actor': 'm.jones',
            'at': '2025-03-05T09:05:00+00:00'}, {'action': 'issue_response', 'actor': 'm.jones', 'at':
            '2025-03-20T14:30:00+00:00', 'channel': 'letter', 'outcome': 'upheld', 'primary_cause':
            'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'kind':
            'fee_refund_or_waiver', 'status': 'completed'}], 'summary': 'Final response: fee
            refunded.'}, {'action': 'close', 'actor': 'm.jones', 'at': '2025-03-21T08:00:00+00:00'}],
            'logged_by': 'm.jones', 'source': {'id': 'C-2025-01187', 'system': 'legacy-crm'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReport | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
