//! Logs a complaint and lists the caller's complaints through the generated client.
//!
//! ```sh
//! TOKEN=$(cargo run -q -- token --sub alice --role agent --team north)
//! RECOURSE_TOKEN=$TOKEN cargo run -p recourse-client --example first_complaint
//! ```

use recourse_client::{Client, Error, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("RECOURSE_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let token = std::env::var("RECOURSE_TOKEN")?;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse()?,
    );
    let client = Client::new_with_client(
        &base,
        reqwest::Client::builder()
            .default_headers(headers)
            .build()?,
    );

    let complaint = types::NewComplaint::builder()
        .complainant(
            types::NewComplainant::builder()
                .name("Jo Bloggs".parse::<types::NewComplainantName>()?)
                .email(Some(
                    "jo@example.com".parse::<types::NewComplainantEmail>()?,
                )),
        )
        .channel(types::Channel::Email)
        .product("current_account".parse::<types::NewComplaintProduct>()?)
        .category("fees".parse::<types::NewComplaintCategory>()?)
        .description(
            "I was charged an overdraft fee twice.".parse::<types::NewComplaintDescription>()?,
        )
        .remedy_sought("Refund the duplicate fee.".parse::<types::NewComplaintRemedySought>()?);
    // The same Idempotency-Key on a retry returns the original complaint, never a second one.
    let created = client
        .create_complaint()
        .idempotency_key("example-first-complaint".parse::<types::CreateComplaintIdempotencyKey>()?)
        .body(complaint)
        .send()
        .await?;
    let etag = created.headers().get("etag").cloned();
    let created = created.into_inner();
    println!(
        "logged {} ({:?}), ETag {etag:?}",
        created.reference, created.state
    );

    let page = client
        .list_complaints()
        .limit(std::num::NonZeroU32::new(20).ok_or("limit")?)
        .send()
        .await?;
    for c in &page.items {
        println!("{}  {:?}  {}", c.reference, c.state, c.complainant.name);
    }

    // Errors arrive as typed problem documents.
    match client.get_complaint().id(uuid::Uuid::nil()).send().await {
        Err(Error::ErrorResponse(problem)) => println!(
            "as expected: {} {}",
            problem.status(),
            problem.into_inner().code
        ),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
