//! The generated Rust client against the live server: create, get, list, typed errors.

use recourse_client::{Error, types};

use crate::harness::TestApp;

engine_tests!(the_generated_client_creates_reads_and_lists);

async fn the_generated_client_creates_reads_and_lists(app: TestApp) {
    let client = app.client(&app.agent("north"));
    let body = types::NewComplaint::builder()
        .complainant(
            types::NewComplainant::builder()
                .name("Sam Client".parse::<types::NewComplainantName>().unwrap())
                .email(Some(
                    "sam@example.com"
                        .parse::<types::NewComplainantEmail>()
                        .unwrap(),
                )),
        )
        .channel(types::Channel::Web)
        .product("credit_card".parse::<types::NewComplaintProduct>().unwrap())
        .category("interest".parse::<types::NewComplaintCategory>().unwrap())
        .description(
            "Interest applied during the promotional period."
                .parse::<types::NewComplaintDescription>()
                .unwrap(),
        )
        .remedy_sought(
            "Refund the interest."
                .parse::<types::NewComplaintRemedySought>()
                .unwrap(),
        );
    let created = client
        .create_complaint()
        .idempotency_key(
            "client-1"
                .parse::<types::CreateComplaintIdempotencyKey>()
                .unwrap(),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    assert_eq!(created.headers()["etag"], "\"1\"");
    let created = created.into_inner();
    assert_eq!(created.state, types::ComplaintState::Received);

    let read = client
        .get_complaint()
        .id(created.id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(read.reference, created.reference);

    let page = client
        .list_complaints()
        .channel(types::Channel::Web)
        .limit(std::num::NonZeroU32::new(10).unwrap())
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, created.id);

    match client.get_complaint().id(uuid::Uuid::now_v7()).send().await {
        Err(Error::ErrorResponse(rv)) => {
            assert_eq!(rv.status().as_u16(), 404);
            assert_eq!(rv.into_inner().code, types::ErrorCode::NotFound);
        }
        other => panic!("expected a typed 404 problem, got {other:?}"),
    }
}
