//! End-to-end check of the Rust client against a live Recourse server: an idempotent create,
//! a filtered list, a procedure action under `If-Match`, typed problem documents, and the
//! import of a closed case with its history.
//!
//! ```sh
//! export RECOURSE_URL=http://127.0.0.1:8080
//! export RECOURSE_TOKEN=$(cargo run -q -- token --sub e2e --role agent --role team_leader --team north)
//! export RECOURSE_IMPORT_TOKEN=$(cargo run -q -- token --sub e2e-import --role integrator --team north)
//! cargo run -p recourse-client --example e2e
//! ```
//!
//! The token needs a team and the agent role; the import token the integrator role. Exits
//! non-zero, naming the failed step, when anything is not as the API promises. `.ci/clients`
//! runs it.

use std::process::ExitCode;

use recourse_client::{Client, ClientInfo, Error, ResponseValue, types};

/// A failed step, in words.
type Failure = Box<dyn std::error::Error>;

fn check(condition: bool, message: impl FnOnce() -> String) -> Result<(), Failure> {
    if condition {
        Ok(())
    } else {
        Err(message().into())
    }
}

fn env(name: &str) -> Result<String, Failure> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Ok(value),
        _ => Err(format!("{name} is not set").into()),
    }
}

/// The client: every request carries the bearer token.
fn client(base: &str, token: &str) -> Result<Client, Failure> {
    let mut headers = reqwest::header::HeaderMap::new();
    let mut auth = reqwest::header::HeaderValue::from_str(&format!("Bearer {token}"))?;
    auth.set_sensitive(true);
    headers.insert(reqwest::header::AUTHORIZATION, auth);
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(30))
        .build()?;
    Ok(Client::new_with_client(base.trim_end_matches('/'), http))
}

/// What a step returned: the value on success, else the failure in words.
fn ok<T>(
    step: &str,
    result: Result<ResponseValue<T>, Error<types::Problem>>,
) -> Result<ResponseValue<T>, Failure> {
    result.map_err(|err| match err {
        Error::ErrorResponse(rv) => {
            let status = rv.status();
            let p = rv.into_inner();
            format!(
                "{step}: {status} {} ({})",
                p.code,
                p.detail.unwrap_or_default()
            )
            .into()
        }
        other => format!("{step}: {other}").into(),
    })
}

/// The problem document a step must answer with.
fn expect_problem<T>(
    step: &str,
    result: Result<ResponseValue<T>, Error<types::Problem>>,
    status: u16,
    code: &str,
) -> Result<types::Problem, Failure> {
    match result {
        Err(Error::ErrorResponse(rv)) => {
            let got = rv.status().as_u16();
            let content_type = rv
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let problem = rv.into_inner();
            check(got == status && problem.code.to_string() == code, || {
                format!(
                    "{step}: expected {status} {code}, got {got} {}",
                    problem.code
                )
            })?;
            check(content_type.starts_with("application/problem+json"), || {
                format!("{step}: the error is {content_type}, not application/problem+json")
            })?;
            Ok(problem)
        }
        Err(other) => Err(format!("{step}: expected {status} {code}, got {other}").into()),
        Ok(rv) => Err(format!("{step}: expected {status} {code}, got {}", rv.status()).into()),
    }
}

fn etag<T>(rv: &ResponseValue<T>) -> Option<String> {
    rv.headers()
        .get(reqwest::header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn new_complaint(remedy: &str) -> Result<types::builder::NewComplaint, Failure> {
    Ok(types::NewComplaint::builder()
        .complainant(
            types::NewComplainant::builder()
                .name("Ferris Rust".parse::<types::NewComplainantName>()?)
                .email(Some(
                    "ferris@example.com".parse::<types::NewComplainantEmail>()?,
                )),
        )
        .channel(types::Channel::Letter)
        .product("mortgage".parse::<types::NewComplaintProduct>()?)
        .category("arrears".parse::<types::NewComplaintCategory>()?)
        .description(
            "Arrears fees were added after the payment holiday was agreed."
                .parse::<types::NewComplaintDescription>()?,
        )
        .remedy_sought(remedy.parse::<types::NewComplaintRemedySought>()?))
}

async fn run() -> Result<(), Failure> {
    let client = client(&env("RECOURSE_URL")?, &env("RECOURSE_TOKEN")?)?;

    let me = ok("GET /v1/me", client.get_me().send().await)?.into_inner();
    let team = me
        .team
        .ok_or("the token names no team; mint one with --team")?;

    // 1. Create with an Idempotency-Key, then retry: the same complaint comes back.
    let key = format!("rust-e2e-{}", uuid::Uuid::new_v4());
    let created = ok(
        "create",
        client
            .create_complaint()
            .idempotency_key(key.parse::<types::CreateComplaintIdempotencyKey>()?)
            .body(new_complaint("Remove the arrears fees.")?)
            .send()
            .await,
    )?;
    check(created.status() == 201, || {
        format!("create: status {}", created.status())
    })?;
    let location = created
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let complaint = created.into_inner();
    check(complaint.state == types::ComplaintState::Received, || {
        format!("create: state {:?}, expected received", complaint.state)
    })?;
    check(
        location.as_deref() == Some(&format!("/v1/complaints/{}", complaint.id)),
        || format!("create: Location {location:?}"),
    )?;
    let retried = ok(
        "retry",
        client
            .create_complaint()
            .idempotency_key(key.parse::<types::CreateComplaintIdempotencyKey>()?)
            .body(new_complaint("Remove the arrears fees.")?)
            .send()
            .await,
    )?
    .into_inner();
    check(
        retried.id == complaint.id && retried.reference == complaint.reference,
        || {
            format!(
                "retry: got {}, expected the original {}",
                retried.id, complaint.id
            )
        },
    )?;
    let reused = client
        .create_complaint()
        .idempotency_key(key.parse::<types::CreateComplaintIdempotencyKey>()?)
        .body(new_complaint("Something else.")?)
        .send()
        .await;
    expect_problem(
        "same key, different body",
        reused,
        409,
        "idempotency_key_reused",
    )?;
    println!(
        "created {} ({}); the retry returned it again",
        complaint.reference, complaint.id
    );

    // 2. List with filters: the new complaint is among the team's received complaints.
    let mut found = false;
    let mut cursor: Option<String> = None;
    for _ in 0..50 {
        let mut request = client
            .list_complaints()
            .state(types::ComplaintState::Received)
            .team(team.parse::<types::ListComplaintsTeam>()?)
            .limit(std::num::NonZeroU32::new(200).ok_or("limit")?);
        if let Some(cursor) = &cursor {
            request = request.cursor(cursor.parse::<types::ListComplaintsCursor>()?);
        }
        let page = ok("list", request.send().await)?.into_inner();
        for item in &page.items {
            check(
                item.state == types::ComplaintState::Received && item.team == team,
                || format!("list: {} does not match the filter", item.reference),
            )?;
            found |= item.id == complaint.id;
        }
        cursor = page.next_cursor;
        if found || cursor.is_none() {
            break;
        }
    }
    check(found, || {
        format!(
            "list: {} is not among the received complaints of team {team}",
            complaint.reference
        )
    })?;
    println!(
        "listed state=received team={team}: found {}",
        complaint.reference
    );

    // The same list as CSV. The generated method asks for JSON, so use the inner reqwest
    // client, which carries the token.
    let csv = client
        .client()
        .get(format!("{}/v1/complaints", client.baseurl()))
        .query(&[("state", "received"), ("team", team.as_str())])
        .header(reqwest::header::ACCEPT, "text/csv")
        .send()
        .await?;
    check(csv.status() == 200, || {
        format!("CSV export: status {}", csv.status())
    })?;
    let content_type = csv
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    check(content_type.starts_with("text/csv"), || {
        format!("CSV export: {content_type}")
    })?;
    let text = csv.text().await?;
    check(text.contains(&complaint.reference), || {
        "CSV export: the complaint is missing".into()
    })?;

    // 3. A procedure action with If-Match: the ETag from a GET.
    let got = ok("get", client.get_complaint().id(complaint.id).send().await)?;
    let tag = etag(&got).ok_or("get: no ETag header")?;
    let acked = ok(
        "acknowledge",
        client
            .acknowledge()
            .id(complaint.id)
            .if_match(tag.clone())
            .body(
                types::AcknowledgeAction::builder().communication(
                    types::CommunicationInput::builder()
                        .channel(types::Channel::Letter)
                        .summary(Some(
                            "Acknowledgement letter posted."
                                .parse::<types::CommunicationInputSummary>()?,
                        )),
                ),
            )
            .send()
            .await,
    )?;
    let new_tag = etag(&acked);
    let acked = acked.into_inner();
    check(acked.state == types::ComplaintState::Acknowledged, || {
        format!("acknowledge: state {:?}", acked.state)
    })?;
    check(
        new_tag.is_some() && new_tag.as_deref() != Some(tag.as_str()),
        || format!("acknowledge: ETag {new_tag:?} should differ from {tag}"),
    )?;
    println!(
        "acknowledged with If-Match {tag}; ETag now {}",
        new_tag.unwrap_or_default()
    );

    // 4. Typed problems: a stale If-Match is 412, a missing one 428, an unknown id 404.
    let patch = || -> Result<types::builder::ComplaintPatch, Failure> {
        Ok(types::ComplaintPatch::builder()
            .product(Some("savings".parse::<types::ComplaintPatchProduct>()?)))
    };
    let stale = client
        .update_complaint()
        .id(complaint.id)
        .if_match(tag.clone())
        .body(patch()?)
        .send()
        .await;
    expect_problem("stale If-Match", stale, 412, "precondition_failed")?;
    // If-Match is a required argument, so the client will not send a change without it...
    let unsent = client
        .update_complaint()
        .id(complaint.id)
        .body(patch()?)
        .send()
        .await;
    check(matches!(unsent, Err(Error::InvalidRequest(_))), || {
        "a change without If-Match was sent".to_owned()
    })?;
    // ...and a caller that goes around the client gets 428 from the server.
    let missing = client
        .client()
        .patch(format!(
            "{}/v1/complaints/{}",
            client.baseurl(),
            complaint.id
        ))
        .json(&serde_json::json!({"product": "savings"}))
        .send()
        .await?;
    let status = missing.status().as_u16();
    let body: serde_json::Value = missing.json().await?;
    check(
        status == 428 && body["code"] == "precondition_required",
        || format!("missing If-Match: expected 428 precondition_required, got {status} {body}"),
    )?;
    let unknown = client.get_complaint().id(uuid::Uuid::new_v4()).send().await;
    let problem = expect_problem("unknown complaint", unknown, 404, "not_found")?;
    println!(
        "problems: 412 precondition_failed, 428 precondition_required, 404 {} ({})",
        problem.code, problem.title
    );

    import(&env("RECOURSE_URL")?, &env("RECOURSE_IMPORT_TOKEN")?, &team).await
}

/// Step 5: a closed case imported from another system with its history answers 201 the first
/// time, then 200 with the same complaint, unchanged, when the same source id comes again.
async fn import(base: &str, token: &str, team: &str) -> Result<(), Failure> {
    let client = client(base, token)?;
    let source = format!("rust-e2e-{}", uuid::Uuid::new_v4());
    let actor = "e2e.rust";
    // The body as JSON, read into the generated type: its constrained strings are checked here.
    let body: types::ImportCase = serde_json::from_value(serde_json::json!({
        "source": {"system": "e2e-legacy", "id": source},
        "complaint": {
            "complainant": {"name": "Ferris Rust", "customer_ref": "RS-E2E-1"},
            "channel": "letter",
            "product": "current_account",
            "category": "fees",
            "description": "Charged the unarranged-overdraft fee twice.",
            "remedy_sought": "Refund the duplicated fee.",
            "received_at": "2025-03-04T10:15:00Z",
            "team": team
        },
        "history": [
            {"action": "acknowledge", "at": "2025-03-05T09:00:00Z", "actor": actor,
             "channel": "letter"},
            {"action": "start_investigation", "at": "2025-03-05T09:05:00Z", "actor": actor},
            {"action": "issue_response", "at": "2025-03-20T14:30:00Z", "actor": actor,
             "outcome": "upheld", "primary_cause": "PRC.HANDOFF",
             "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 2500,
                           "currency": "GBP", "status": "completed"}],
             "channel": "letter"},
            {"action": "close", "at": "2025-03-21T08:00:00Z", "actor": actor}
        ]
    }))?;
    let first = ok(
        "import",
        client.import_complaint().body(body.clone()).send().await,
    )?;
    check(first.status() == 201, || {
        format!("import: status {}, expected 201", first.status())
    })?;
    let first_tag = etag(&first);
    let imported = first.into_inner();
    check(imported.state == types::ComplaintState::Closed, || {
        format!("import: state {:?}, expected closed", imported.state)
    })?;
    check(
        imported
            .imported
            .as_ref()
            .is_some_and(|from| from.system == "e2e-legacy" && from.id == source),
        || format!("import: imported {:?}", imported.imported),
    )?;
    let again = ok(
        "re-import",
        client.import_complaint().body(body).send().await,
    )?;
    let again_status = again.status();
    let again_tag = etag(&again);
    let again = again.into_inner();
    check(
        again_status == 200 && again.id == imported.id && again_tag == first_tag,
        || {
            format!(
                "re-import: {again_status} {} {again_tag:?}, expected 200 {} {first_tag:?}",
                again.id, imported.id
            )
        },
    )?;
    println!(
        "imported {source} as {} (closed): 201, then 200 unchanged on the same source id",
        imported.reference
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    // Built with the whole workspace, reqwest carries the server's `rustls-no-provider` feature
    // and needs a crypto provider to build a client; elsewhere this is harmless. An error only
    // says one is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    match run().await {
        Ok(()) => {
            println!("RUST E2E OK");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("RUST E2E FAILED: {failure}");
            ExitCode::FAILURE
        }
    }
}
