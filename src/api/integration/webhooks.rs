//! `/v1/webhooks`: admins register subscriptions, read their deliveries, and replay them.

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use uuid::Uuid;

use crate::api::{
    ApiTags, dto, etag,
    kit::{locate::Located, precondition::IfMatchHeader},
    respond,
};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::access::rbac::Permission,
    service::integration::webhooks::{self as service, DeliveryFilter, SubscriptionInput},
    state::AppState,
};

api_response! {
    pub enum CreateWebhookResponse {
        /// The subscription, with its signing secret shown this once.
        #[oai(status = 201)]
        Created(
            Json<dto::CreatedWebhook>,
            /// Where the subscription lives.
            #[oai(header = "Location")] String,
            /// The subscription's version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The target URL is refused (`field` is `url`).
        Unprocessable = 422,
    }
}

api_response! {
    pub enum ListWebhooksResponse {
        /// Every subscription.
        #[oai(status = 200)]
        Ok(Json<dto::WebhookList>),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
    }
}

api_response! {
    pub enum GetWebhookResponse {
        /// The subscription.
        #[oai(status = 200)]
        Ok(
            Json<dto::Webhook>,
            /// The subscription's version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// No such subscription.
        NotFound = 404,
    }
}

api_response! {
    pub enum UpdateWebhookResponse {
        /// The subscription as changed.
        #[oai(status = 200)]
        Ok(
            Json<dto::Webhook>,
            /// The subscription's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// No such subscription.
        NotFound = 404,
        /// `If-Match` does not name the subscription's current version.
        PreconditionFailed = 412,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The target URL is refused (`field` is `url`).
        Unprocessable = 422,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

api_response! {
    pub enum ListDeliveriesResponse {
        /// A page of the subscription's deliveries, newest first.
        #[oai(status = 200)]
        Ok(Json<dto::WebhookDeliveryPage>),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// No such subscription.
        NotFound = 404,
    }
}

api_response! {
    pub enum GetDeliveryResponse {
        /// The delivery and its attempts.
        #[oai(status = 200)]
        Ok(Json<dto::WebhookDeliveryDetail>),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// No such delivery of this subscription.
        NotFound = 404,
    }
}

api_response! {
    pub enum ReplayDeliveryResponse {
        /// The new delivery of the same event, queued now.
        #[oai(status = 202)]
        Accepted(Json<dto::WebhookDelivery>),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// No such delivery of this subscription.
        NotFound = 404,
    }
}

api_response! {
    pub enum ReplayRangeResponse {
        /// How many deliveries were queued.
        #[oai(status = 202)]
        Accepted(Json<dto::ReplayQueued>),
    }
    errors {
        /// Only admins manage webhooks.
        Forbidden = 403,
        /// No such subscription.
        NotFound = 404,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// `to` is not after `from`, or the range holds too many events (`field` is `to`).
        Unprocessable = 422,
    }
}

fn types(list: Vec<dto::WebhookEventType>) -> Vec<crate::domain::integration::webhooks::EventType> {
    list.into_iter().map(Into::into).collect()
}

#[derive(Debug)]
pub struct WebhooksApi;

#[OpenApi(tag = "ApiTags::Integrations")]
impl WebhooksApi {
    /// Register a webhook subscription. The response carries its signing secret, which is not
    /// shown again.
    #[oai(
        path = "/v1/webhooks",
        method = "post",
        operation_id = "create_webhook"
    )]
    async fn create_webhook(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::NewWebhook>>,
    ) -> CreateWebhookResponse {
        respond(async {
            let actor = auth.require(Permission::ManageWebhooks)?;
            let b = body.0.0;
            let input = SubscriptionInput {
                url: Some(b.url.into_inner()),
                event_types: Some(types(b.event_types)),
                description: b.description.into_option().map(|d| d.into_inner()),
                active: b.active.into_option(),
            };
            let (sub, secret) = service::create(&state, &actor, input).await?;
            let (loc, tag) = (format!("/v1/webhooks/{}", sub.id), etag(sub.version));
            Ok(CreateWebhookResponse::Created(
                Json(dto::CreatedWebhook {
                    subscription: sub.into(),
                    secret,
                }),
                loc,
                tag,
            ))
        })
        .await
    }

    /// Every webhook subscription, oldest first.
    #[oai(path = "/v1/webhooks", method = "get", operation_id = "list_webhooks")]
    async fn list_webhooks(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ListWebhooksResponse {
        respond(async {
            auth.require(Permission::ManageWebhooks)?;
            let items = service::list(&state).await?;
            Ok(ListWebhooksResponse::Ok(Json(dto::WebhookList {
                items: items.into_iter().map(Into::into).collect(),
            })))
        })
        .await
    }

    /// One webhook subscription.
    #[oai(
        path = "/v1/webhooks/:id",
        method = "get",
        operation_id = "get_webhook"
    )]
    async fn get_webhook(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> GetWebhookResponse {
        respond(async {
            auth.require(Permission::ManageWebhooks)?;
            let sub = service::get(&state, id.0).await?;
            let tag = etag(sub.version);
            Ok(GetWebhookResponse::Ok(Json(sub.into()), tag))
        })
        .await
    }

    /// Change a webhook subscription's target, event types, description or active flag.
    #[oai(
        path = "/v1/webhooks/:id",
        method = "patch",
        operation_id = "update_webhook"
    )]
    async fn update_webhook(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The subscription's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::WebhookPatch>>,
    ) -> UpdateWebhookResponse {
        respond(async {
            let actor = auth.require(Permission::ManageWebhooks)?;
            let expected = if_match.0.require("webhook subscription")?;
            let b = body.0.0;
            let input = SubscriptionInput {
                url: b.url.into_option().map(|u| u.into_inner()),
                event_types: b.event_types.into_option().map(types),
                description: b.description.into_option().map(|d| d.into_inner()),
                active: b.active.into_option(),
            };
            let sub = service::update(&state, &actor, id.0, expected.versions(), input).await?;
            let tag = etag(sub.version);
            Ok(UpdateWebhookResponse::Ok(Json(sub.into()), tag))
        })
        .await
    }

    /// A subscription's deliveries, newest first.
    #[oai(
        path = "/v1/webhooks/:id/deliveries",
        method = "get",
        operation_id = "list_webhook_deliveries"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list_webhook_deliveries(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Only deliveries in this state.
        #[oai(name = "state")]
        state_filter: Query<Option<dto::DeliveryState>>,
        /// Only deliveries of this event type.
        event_type: Query<Option<dto::WebhookEventType>>,
        /// Page size, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        cursor: Query<Option<Uuid>>,
    ) -> ListDeliveriesResponse {
        respond(async {
            auth.require(Permission::ManageWebhooks)?;
            let filter = DeliveryFilter {
                state: state_filter.0.map(|s| s.as_str().to_owned()),
                event_type: event_type.0.map(|t| {
                    crate::domain::integration::webhooks::EventType::from(t)
                        .as_str()
                        .to_owned()
                }),
                before: cursor.0,
            };
            let limit = u64::from(limit.0.unwrap_or(50));
            let (rows, next) = service::deliveries(&state, id.0, filter, limit).await?;
            Ok(ListDeliveriesResponse::Ok(Json(dto::WebhookDeliveryPage {
                items: rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?,
                next_cursor: next.map(|n| n.to_string()),
            })))
        })
        .await
    }

    /// One delivery with every attempt made at it: status, latency, the start of the answer.
    #[oai(
        path = "/v1/webhooks/:id/deliveries/:delivery_id",
        method = "get",
        operation_id = "get_webhook_delivery"
    )]
    async fn get_webhook_delivery(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        delivery_id: Path<Uuid>,
    ) -> GetDeliveryResponse {
        respond(async {
            auth.require(Permission::ManageWebhooks)?;
            let (delivery, attempts) = service::delivery(&state, id.0, delivery_id.0).await?;
            Ok(GetDeliveryResponse::Ok(Json(dto::WebhookDeliveryDetail {
                delivery: delivery.try_into()?,
                attempts: attempts.into_iter().map(Into::into).collect(),
            })))
        })
        .await
    }

    /// Deliver one delivery's event again, as a new delivery with the same `webhook-id`.
    #[oai(
        path = "/v1/webhooks/:id/deliveries/:delivery_id/replay",
        method = "post",
        operation_id = "replay_webhook_delivery"
    )]
    async fn replay_webhook_delivery(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        delivery_id: Path<Uuid>,
    ) -> ReplayDeliveryResponse {
        respond(async {
            let actor = auth.require(Permission::ManageWebhooks)?;
            let d = service::replay_one(&state, &actor, id.0, delivery_id.0).await?;
            Ok(ReplayDeliveryResponse::Accepted(Json(d.try_into()?)))
        })
        .await
    }

    /// Deliver again every event of the subscription's types that occurred in a time range
    /// (at most 10,000 at a time).
    #[oai(
        path = "/v1/webhooks/:id/replay",
        method = "post",
        operation_id = "replay_webhook_range"
    )]
    async fn replay_webhook_range(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<Located<dto::ReplayRange>>,
    ) -> ReplayRangeResponse {
        respond(async {
            let actor = auth.require(Permission::ManageWebhooks)?;
            let b = body.0.0;
            let queued = service::replay_range(&state, &actor, id.0, b.from, b.to).await?;
            Ok(ReplayRangeResponse::Accepted(Json(dto::ReplayQueued {
                queued,
            })))
        })
        .await
    }
}
