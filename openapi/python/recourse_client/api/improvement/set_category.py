from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.category import Category
from ...models.category_input import CategoryInput
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    product: str,
    code: str,
    *,
    body: CategoryInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/categories/{product}/{code}".format(
            product=quote(str(product), safe=""),
            code=quote(str(code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Category | Problem | None:
    if response.status_code == 200:
        response_200 = Category.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Category | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    product: str,
    code: str,
    *,
    client: AuthenticatedClient,
    body: CategoryInput,
) -> Response[Category | Problem]:
    """Add or change a category (admins); `active: false` retires it, it is never deleted.

    Args:
        product (str):
        code (str):
        body (CategoryInput): A category's name and whether it is offered. Example: {'active':
            True, 'label': 'Fees and charges'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Category | Problem]
    """

    kwargs = _get_kwargs(
        product=product,
        code=code,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    product: str,
    code: str,
    *,
    client: AuthenticatedClient,
    body: CategoryInput,
) -> Category | Problem | None:
    """Add or change a category (admins); `active: false` retires it, it is never deleted.

    Args:
        product (str):
        code (str):
        body (CategoryInput): A category's name and whether it is offered. Example: {'active':
            True, 'label': 'Fees and charges'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Category | Problem
    """

    return sync_detailed(
        product=product,
        code=code,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    product: str,
    code: str,
    *,
    client: AuthenticatedClient,
    body: CategoryInput,
) -> Response[Category | Problem]:
    """Add or change a category (admins); `active: false` retires it, it is never deleted.

    Args:
        product (str):
        code (str):
        body (CategoryInput): A category's name and whether it is offered. Example: {'active':
            True, 'label': 'Fees and charges'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Category | Problem]
    """

    kwargs = _get_kwargs(
        product=product,
        code=code,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    product: str,
    code: str,
    *,
    client: AuthenticatedClient,
    body: CategoryInput,
) -> Category | Problem | None:
    """Add or change a category (admins); `active: false` retires it, it is never deleted.

    Args:
        product (str):
        code (str):
        body (CategoryInput): A category's name and whether it is offered. Example: {'active':
            True, 'label': 'Fees and charges'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Category | Problem
    """

    return (
        await asyncio_detailed(
            product=product,
            code=code,
            client=client,
            body=body,
        )
    ).parsed
