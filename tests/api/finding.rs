//! Finding complaints the way people do: by the reference they quote, and by the list's
//! filters on category, profile, vulnerability and when a complaint was answered or ended; and
//! what a CSV download is called and how it shows money.

use recourse::{auth::Principal, domain::access::rbac::Permission, service::cases::queue};
use sea_orm::{ConnectionTrait, QuerySelect, QueryTrait, Statement};
use serde_json::{Value, json};

use crate::harness::{TestApp, claims, complaint_body, problem};
use crate::procedure::{Case, at};

engine_tests!(
    a_complaint_is_found_by_its_reference_within_the_callers_scope,
    the_list_filters_by_category_profile_vulnerability_and_when_answered_or_closed,
    a_period_that_ends_before_it_starts_is_refused_naming_its_end,
    csv_downloads_are_named_and_show_money_as_amount_and_currency,
    the_complaint_export_shows_since_when_a_case_is_overdue,
);

async fn a_complaint_is_found_by_its_reference_within_the_callers_scope(app: TestApp) {
    let north = app.agent("north");
    let mut body = complaint_body();
    body["vulnerability"] = json!({"drivers": ["health"], "notes": "Recently bereaved"});
    let created = app.create(&north, &body).await;
    let (id, reference) = (
        created["id"].as_str().unwrap(),
        created["reference"].as_str().unwrap(),
    );

    let by_id = app.get(&format!("/v1/complaints/{id}"), &north).await;
    let by_ref = app
        .get(&format!("/v1/complaints/by-reference/{reference}"), &north)
        .await;
    assert_eq!(by_ref.status(), 200);
    assert_eq!(by_ref.headers()["etag"], by_id.headers()["etag"]);
    let (by_id, by_ref): (Value, Value) =
        (by_id.json().await.unwrap(), by_ref.json().await.unwrap());
    assert_eq!(by_ref, by_id, "the same complaint, shown the same way");
    assert_eq!(by_ref["vulnerable"], true);
    assert!(by_ref.get("vulnerability").is_none(), "{by_ref}");

    // The details were not read, so the access log has nothing to show.
    let auditor = app.token("audit-1", &["auditor"], None);
    let reads: Value = app
        .get(
            &format!("/v1/complaints/{id}/vulnerability/reads"),
            &auditor,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reads["items"], json!([]));

    // Another team's agent is told what a caller asking for a reference never issued is.
    let south = app.agent("south");
    let hidden = problem(
        app.get(&format!("/v1/complaints/by-reference/{reference}"), &south)
            .await,
        404,
        "not_found",
    )
    .await;
    let missing = problem(
        app.get("/v1/complaints/by-reference/CMP-2026-999999", &north)
            .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(hidden["detail"], missing["detail"]);

    for bad in [
        "cmp-2026-000001",
        "CMP-26-000001",
        "CMP-2026-1",
        "CMP-2026-000001x",
        "000001",
        id,
    ] {
        let p = problem(
            app.get(&format!("/v1/complaints/by-reference/{bad}"), &north)
                .await,
            400,
            "invalid_request",
        )
        .await;
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains("`reference`"), "{bad}: {p}");
    }
    // The reference's path does not shadow the complaint's own.
    assert_eq!(
        app.get(&format!("/v1/complaints/{id}/events"), &north)
            .await
            .status(),
        200
    );
}

/// Three complaints of north in November 2026: `a` (fees, vulnerable, answered on the 2nd at
/// 10:00 and closed on the 10th at 09:00), `b` (service, FCA PSD, answered on the 4th at
/// 10:00) and `c` (fees, not yet answered). Returns their ids.
async fn three_complaints(app: &TestApp) -> [String; 3] {
    let token = app.agent("north");
    let log = |received: &'static str, body: Value| {
        let token = token.clone();
        async move {
            app.set_now(at(received));
            let c = app.create(&token, &body).await;
            Case {
                app,
                token,
                path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
                version: 1,
            }
        }
    };
    let respond = async |case: &mut Case<'_>| {
        case.ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
        case.ok("start_investigation", json!({})).await;
        case.ok(
            "issue_response",
            json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP", "communication": {"channel": "letter"}}),
        )
        .await;
    };
    let mut a_body = complaint_body();
    a_body["vulnerability"] = json!({"drivers": ["health"]});
    let mut a = log("2026-11-02T10:00:00Z", a_body).await;
    respond(&mut a).await;
    let mut b_body = complaint_body();
    b_body["category"] = json!("service");
    b_body["profile"] = json!("fca_psd");
    let mut b = log("2026-11-03T10:00:00Z", b_body).await;
    app.set_now(at("2026-11-04T10:00:00Z"));
    respond(&mut b).await;
    let c = log("2026-11-05T10:00:00Z", complaint_body()).await;
    app.set_now(at("2026-11-10T09:00:00Z"));
    a.ok("close", json!({})).await;
    app.set_now(at("2026-11-30T12:00:00Z"));
    let id = |case: &Case<'_>| case.path.rsplit('/').next().unwrap().to_owned();
    [id(&a), id(&b), id(&c)]
}

async fn listed(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/complaints?{query}&cursor={c}"),
            None => format!("/v1/complaints?{query}"),
        };
        let resp = app.get(&path, token).await;
        assert_eq!(resp.status(), 200, "{path}");
        let page: Value = resp.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match page.get("next_cursor") {
            Some(c) => cursor = Some(c.as_str().unwrap().to_owned()),
            None => return seen,
        }
    }
}

async fn the_list_filters_by_category_profile_vulnerability_and_when_answered_or_closed(
    app: TestApp,
) {
    let ids = three_complaints(&app).await;
    let [a, b, c] = [ids[0].as_str(), &ids[1], &ids[2]];
    let analyst = app.token("analyst-1", &["analyst"], None);
    let cases: &[(&str, Vec<&str>)] = &[
        ("category=fees", vec![c, a]),
        ("category=service", vec![b]),
        ("profile=fca_psd", vec![b]),
        ("profile=fca_disp", vec![c, a]),
        ("profile=spso", vec![]),
        ("vulnerable=true", vec![a]),
        ("vulnerable=false", vec![c, b]),
        // The start is inclusive and the end exclusive, as for `received_from`/`received_to`.
        ("responded_from=2026-11-02T10:00:00Z", vec![b, a]),
        (
            "responded_from=2026-11-02T10:00:00Z&responded_to=2026-11-04T10:00:00Z",
            vec![a],
        ),
        (
            "responded_from=2026-11-02T10:00:01Z&responded_to=2026-11-04T10:00:01Z",
            vec![b],
        ),
        ("responded_to=2026-12-01T00:00:00Z", vec![b, a]),
        ("closed_from=2026-11-10T09:00:00Z", vec![a]),
        ("closed_to=2026-11-10T09:00:00Z", vec![]),
        ("closed_to=2026-11-10T09:00:01Z", vec![a]),
        (
            "closed_from=2026-11-01T00:00:00Z&closed_to=2026-12-01T00:00:00Z&vulnerable=false",
            vec![],
        ),
        (
            "closed_from=2026-11-10T09:00:00Z&closed_to=2026-11-10T09:00:00Z",
            vec![],
        ),
        // Combined with each other and with the older filters (AND), and across pages.
        ("category=fees&vulnerable=false", vec![c]),
        ("category=fees&responded_from=2026-11-01T00:00:00Z", vec![a]),
        ("profile=fca_disp&state=received", vec![c]),
        ("responded_from=2026-11-01T00:00:00Z&limit=1", vec![b, a]),
        (
            "responded_from=2026-11-01T00:00:00Z&sort=next_due&limit=1",
            vec![b],
        ),
        ("category=fees&team=north&limit=1", vec![c, a]),
    ];
    for (query, expected) in cases {
        assert_eq!(listed(&app, &analyst, query).await, *expected, "{query}");
    }
    // An agent of another team finds nothing of north's through the new filters either.
    assert!(
        listed(&app, &app.agent("south"), "category=fees")
            .await
            .is_empty()
    );
    // The export takes the same filters.
    let resp = app
        .get(
            "/v1/complaints?format=csv&category=fees&vulnerable=true",
            &analyst,
        )
        .await;
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(rows[0].starts_with(a), "{text}");

    // A category filter takes only the catalogue's codes (of the product, when one is named),
    // so a typo is refused rather than answered with an empty page.
    for query in ["category=Fees", "product=savings&category=payments"] {
        let p = problem(
            app.get(&format!("/v1/complaints?{query}"), &analyst).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["field"], "category", "{query}: {p}");
        assert!(p["detail"].as_str().unwrap().contains("fees"), "{p}");
    }

    for (query, field) in [
        ("profile=fca", "profile"),
        ("vulnerable=maybe", "vulnerable"),
        ("closed_from=yesterday", "closed_from"),
        ("responded_to=2026-13-01T00:00:00Z", "responded_to"),
        ("category=", "category"),
    ] {
        let p = problem(
            app.get(&format!("/v1/complaints?{query}"), &analyst).await,
            400,
            "invalid_request",
        )
        .await;
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains(&format!("`{field}`")), "{query}: {p}");
        assert_eq!(p["field"], field, "{query}: {p}");
    }
}

async fn a_period_that_ends_before_it_starts_is_refused_naming_its_end(app: TestApp) {
    let token = app.agent("north");
    app.create(&token, &complaint_body()).await;
    for (pair, field) in [
        ("received", "received_to"),
        ("responded", "responded_to"),
        ("closed", "closed_to"),
    ] {
        for format in ["json", "csv"] {
            let query = format!(
                "{pair}_from=2026-11-02T00:00:00Z&{pair}_to=2026-11-01T23:59:59Z&format={format}"
            );
            let p = problem(
                app.get(&format!("/v1/complaints?{query}"), &token).await,
                422,
                "validation_failed",
            )
            .await;
            assert_eq!(p["field"], field, "{query}: {p}");
        }
        // An empty period is a question with no answer, not a mistake.
        let query = format!("{pair}_from=2026-11-02T00:00:00Z&{pair}_to=2026-11-02T00:00:00Z");
        assert!(listed(&app, &token, &query).await.is_empty(), "{query}");
    }
}

async fn csv_downloads_are_named_and_show_money_as_amount_and_currency(app: TestApp) {
    crate::reports::known_set(&app).await;
    app.set_now(at("2026-12-03T23:30:00Z"));
    let analyst = app.token("analyst-1", &["analyst"], None);
    let download = |path: &'static str| {
        let analyst = analyst.clone();
        let app = &app;
        async move {
            let resp = app.get(path, &analyst).await;
            assert_eq!(resp.status(), 200, "{path}");
            let disposition = resp.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .to_owned();
            (disposition, resp.text().await.unwrap())
        }
    };
    for (path, name) in [
        ("/v1/complaints?format=csv", "complaints-2026-12-03.csv"),
        ("/v1/reports/volumes?format=csv", "volumes-2026-12-03.csv"),
        (
            "/v1/reports/vulnerable-gap?format=csv",
            "vulnerable-gap-2026-12-03.csv",
        ),
        (
            "/v1/reports/returns/fca-disp?period_start=2026-11-01&period_end=2026-11-30&format=csv",
            "fca-disp-return-2026-11-01-to-2026-11-30.csv",
        ),
    ] {
        let (disposition, _) = download(path).await;
        assert_eq!(
            disposition,
            format!("attachment; filename=\"{name}\""),
            "{path}"
        );
    }
    // JSON answers are not downloads.
    let json = app.get("/v1/reports/volumes", &analyst).await;
    assert!(json.headers().get("content-disposition").is_none());

    let (_, text) = download(
        "/v1/reports/returns/fca-disp?period_start=2026-11-01&period_end=2026-11-30&format=csv",
    )
    .await;
    let table: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let column = |name: &str| {
        let at = table[0]
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", table[0]));
        table[1..]
            .iter()
            .find(|r| r[0] == "summary")
            .map(|r| r[at])
            .unwrap()
    };
    assert_eq!(column("totals.redress_paid.currency"), "GBP");
    assert_eq!(column("totals.redress_paid.sum_minor"), "12500");
    assert!(!text.contains("GBP 12500"), "{text}");
}

async fn the_complaint_export_shows_since_when_a_case_is_overdue(app: TestApp) {
    let token = app.agent("north");
    app.set_now(at("2026-11-02T10:00:00Z"));
    let late = app.create(&token, &complaint_body()).await;
    app.set_now(at("2027-03-01T10:00:00Z"));
    app.create(&token, &complaint_body()).await;
    let page: Value = app
        .get("/v1/complaints?sort=next_due", &token)
        .await
        .json()
        .await
        .unwrap();
    let since = page["items"][0]["overdue_since"].as_str().unwrap();
    assert_eq!(page["items"][0]["id"], late["id"]);
    assert_eq!(page["items"][1]["overdue_since"], Value::Null);

    let text = app
        .get("/v1/complaints?sort=next_due&format=csv", &token)
        .await
        .text()
        .await
        .unwrap();
    let table: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let at_col = table[0].iter().position(|c| *c == "overdue_since").unwrap();
    let cell = |row: usize| {
        chrono::DateTime::parse_from_rfc3339(table[row][at_col])
            .ok()
            .map(|t| t.to_utc())
    };
    assert_eq!(table[1][0], late["id"].as_str().unwrap());
    assert_eq!(cell(1), Some(at(since)));
    assert_eq!(table[2][at_col], "");
}

/// SQLite plans without statistics, so a plan does not depend on the data. A page of one
/// category (or profile, or vulnerability) is one range of that column's index, in the list's
/// order with no sort; a period of closings is read through the closings' index and only its
/// complaints are sorted, rather than every complaint received since the period being walked.
#[tokio::test]
async fn on_sqlite_the_new_filters_read_their_own_index() {
    let app = TestApp::sqlite().await;
    let backend = app.state.db.backend();
    let actor = Principal::from_claims(claims("analyst-1", &["analyst"], None))
        .unwrap()
        .require(Permission::ReadComplaint)
        .unwrap();
    let now = at("2026-11-30T12:00:00Z");
    let day = |s: &str| Some(at(s));
    let cases: Vec<(queue::ListFilter, &[&str])> = vec![
        (
            queue::ListFilter {
                category: Some("fees".into()),
                ..Default::default()
            },
            &["SEARCH complaints USING INDEX ix_complaints_category (category=?)"],
        ),
        (
            queue::ListFilter {
                profile: Some(recourse::domain::case::complaint::Profile::FcaPsd),
                ..Default::default()
            },
            &["SEARCH complaints USING INDEX ix_complaints_profile (profile=?)"],
        ),
        (
            queue::ListFilter {
                vulnerable: Some(true),
                ..Default::default()
            },
            &["SEARCH complaints USING INDEX ix_complaints_vulnerable (vulnerable=?)"],
        ),
        (
            queue::ListFilter {
                closed_from: day("2026-11-01T00:00:00Z"),
                closed_to: day("2026-12-01T00:00:00Z"),
                ..Default::default()
            },
            &[
                "SEARCH complaints USING INDEX ix_complaints_closed (closed_at>? AND closed_at<?)",
                "USE TEMP B-TREE FOR ORDER BY",
            ],
        ),
        (
            queue::ListFilter {
                responded_from: day("2026-11-01T00:00:00Z"),
                responded_to: day("2026-12-01T00:00:00Z"),
                ..Default::default()
            },
            &[
                "SEARCH complaints USING INDEX ix_complaints_responded (responded_at>? AND responded_at<?)",
                "USE TEMP B-TREE FOR ORDER BY",
            ],
        ),
    ];
    for (filter, expected) in cases {
        let query = queue::select(&app.state, &actor, &filter, None, now)
            .await
            .unwrap()
            .unwrap()
            .limit(51)
            .build(backend);
        let plan: Vec<String> = app
            .state
            .db
            .conn
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!("EXPLAIN QUERY PLAN {}", query.sql),
                query.values.map(|v| v.0).unwrap_or_default(),
            ))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get::<String>("", "detail").unwrap())
            .collect();
        assert_eq!(plan, expected, "{filter:?}");
    }
}
