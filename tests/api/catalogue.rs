//! The catalogue of products and categories that complaints are filed under, and complaints
//! as they really come: long letters, and by fax, by referral or some other way.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{CURRENT_ACCOUNT_CATEGORIES, TestApp, complaint_body, problem};
use crate::procedure::Case;

engine_tests!(
    a_fresh_installation_starts_with_the_fca_catalogue,
    intake_takes_only_an_active_category_of_an_offered_product,
    a_correction_that_moves_a_complaint_must_land_on_an_active_category,
    retiring_a_category_stops_new_complaints_and_changes_nothing_stored,
    filters_take_only_products_the_catalogue_holds,
    demo_data_is_filed_under_the_catalogue,
    a_long_letter_fits_and_one_past_the_limit_is_refused_by_field,
    complaints_and_letters_travel_by_fax_referral_or_other_means,
    an_upgrade_keeps_the_values_complaints_already_have_as_retired_entries,
);

fn admin(app: &TestApp) -> String {
    app.token("admin-1", &["admin"], None)
}

async fn json_of(resp: reqwest::Response) -> Value {
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

async fn categories(app: &TestApp, query: &str) -> Vec<Value> {
    let agent = app.agent("north");
    let body = json_of(app.get(&format!("/v1/categories{query}"), &agent).await).await;
    body["items"].as_array().unwrap().clone()
}

async fn set_category(app: &TestApp, product: &str, code: &str, active: bool) {
    let resp = app
        .request(
            Method::PUT,
            &format!("/v1/categories/{product}/{code}"),
            Some(&admin(app)),
        )
        .json(&json!({"label": code, "active": active}))
        .send()
        .await
        .unwrap();
    json_of(resp).await;
}

fn filed(product: &str, category: &str) -> Value {
    let mut body = complaint_body();
    body["product"] = json!(product);
    body["category"] = json!(category);
    body
}

async fn a_fresh_installation_starts_with_the_fca_catalogue(app: TestApp) {
    let items = categories(&app, "").await;
    let expected: Vec<(String, String)> = migration::DEFAULT_CATALOGUE
        .iter()
        .flat_map(|p| {
            p.categories
                .iter()
                .map(|(code, _)| (p.code.to_owned(), (*code).to_owned()))
        })
        .collect();
    let mut got: Vec<(String, String)> = items
        .iter()
        .map(|c| {
            assert_eq!(c["active"], true, "{c}");
            assert!(!c["label"].as_str().unwrap().is_empty(), "{c}");
            (
                c["product"].as_str().unwrap().to_owned(),
                c["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut want = expected.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    let products: std::collections::BTreeSet<&str> =
        expected.iter().map(|(p, _)| p.as_str()).collect();
    for p in [
        "current_account",
        "credit_card",
        "loan",
        "savings",
        "mortgage",
        "home_insurance",
        "motor_insurance",
        "travel_insurance",
        "protection",
        "pension",
        "investment",
    ] {
        assert!(products.contains(p), "{p}");
    }
    // Each product falls in its own grouping of the FCA return, not in "Other".
    for p in &products {
        assert_ne!(
            recourse::domain::reporting::returns::product_grouping(p),
            "Other",
            "{p}"
        );
    }
    let current: Vec<&str> = items
        .iter()
        .filter(|c| c["product"] == "current_account")
        .map(|c| c["code"].as_str().unwrap())
        .filter(|c| *c != "fees")
        .collect();
    let mut current = current;
    current.sort_unstable();
    assert_eq!(current, CURRENT_ACCOUNT_CATEGORIES);
}

async fn intake_takes_only_an_active_category_of_an_offered_product(app: TestApp) {
    let agent = app.agent("north");
    for (product, category) in [
        ("current_account", "fees"),
        ("home_insurance", "claims"),
        ("pension", "transfers"),
    ] {
        let c = app.create(&agent, &filed(product, category)).await;
        assert_eq!(
            (c["product"].as_str(), c["category"].as_str()),
            (Some(product), Some(category))
        );
    }
    let p = problem(
        app.post("/v1/complaints", &agent, &filed("car_loan", "fees"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "product", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("car_loan")
            && detail.contains("current_account, home_insurance, investment, loan"),
        "{p}"
    );
    // A category of another product is not one of this product's.
    let p = problem(
        app.post(
            "/v1/complaints",
            &agent,
            &filed("home_insurance", "interest"),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "category", "{p}");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("advice_and_sale, cancellation, claims, fees, fraud, service, terms"),
        "{p}"
    );
    // Nothing was logged by the refusals.
    let page = json_of(app.get("/v1/complaints", &agent).await).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
}

async fn a_correction_that_moves_a_complaint_must_land_on_an_active_category(app: TestApp) {
    let agent = app.agent("north");
    let c = app
        .create(&agent, &filed("current_account", "interest"))
        .await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let p = problem(
        app.patch(
            &path,
            &agent,
            Some("\"1\""),
            &json!({"product": "car_loan"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "product", "{p}");
    // A pension has no interest category: the product alone cannot move.
    let p = problem(
        app.patch(&path, &agent, Some("\"1\""), &json!({"product": "pension"}))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "category", "{p}");
    assert!(p["detail"].as_str().unwrap().contains("transfers"), "{p}");
    let p = problem(
        app.patch(&path, &agent, Some("\"1\""), &json!({"category": "claims"}))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "category", "{p}");
    // Both together land on an active category.
    let resp = app
        .patch(
            &path,
            &agent,
            Some("\"1\""),
            &json!({"product": "pension", "category": "transfers"}),
        )
        .await;
    let moved = json_of(resp).await;
    assert_eq!(moved["product"], "pension");
    assert_eq!(moved["category"], "transfers");
    assert_eq!(moved["version"], 2);
}

async fn retiring_a_category_stops_new_complaints_and_changes_nothing_stored(app: TestApp) {
    let agent = app.agent("north");
    let analyst = app.token("analyst-1", &["analyst"], None);
    let c = app.create(&agent, &filed("current_account", "fraud")).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let before = json_of(app.get(&path, &agent).await).await;
    let events_before = json_of(app.get(&format!("{path}/events"), &agent).await).await;

    set_category(&app, "current_account", "fraud", false).await;
    let retired = categories(&app, "?product=current_account").await;
    assert!(
        retired
            .iter()
            .any(|c| c["code"] == "fraud" && c["active"] == false),
        "{retired:?}"
    );

    // No new complaint takes it; the refusal lists what is still offered.
    let p = problem(
        app.post("/v1/complaints", &agent, &filed("current_account", "fraud"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "category", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("retired"), "{p}");
    let offered = detail.rsplit(": ").next().unwrap();
    assert!(
        !offered.contains("fraud") && offered.contains("fees"),
        "{p}"
    );

    // The complaint filed under it reads, lists, corrects and reports as before.
    let after = json_of(app.get(&path, &agent).await).await;
    assert_eq!(after, before);
    let events_after = json_of(app.get(&format!("{path}/events"), &agent).await).await;
    assert_eq!(events_after, events_before);
    let listed = json_of(
        app.get("/v1/complaints?product=current_account", &agent)
            .await,
    )
    .await;
    assert_eq!(listed["items"][0]["category"], "fraud");
    let corrected = json_of(
        app.patch(
            &path,
            &agent,
            Some("\"1\""),
            &json!({"description": "I was charged an overdraft fee twice, after a fraud."}),
        )
        .await,
    )
    .await;
    assert_eq!(corrected["category"], "fraud");
    let volumes = json_of(
        app.get("/v1/reports/volumes?product=current_account", &analyst)
            .await,
    )
    .await;
    assert_eq!(volumes["received"], 1, "{volumes}");

    // A product whose every category is retired is offered no more, yet stays on record.
    let pension: Vec<String> = categories(&app, "?product=pension")
        .await
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect();
    for code in &pension {
        set_category(&app, "pension", code, false).await;
    }
    let p = problem(
        app.post("/v1/complaints", &agent, &filed("pension", "transfers"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "product", "{p}");
    assert!(!p["detail"].as_str().unwrap().contains("pension, "), "{p}");
    json_of(app.get("/v1/complaints?product=pension", &agent).await).await;
    json_of(
        app.get("/v1/reports/outcomes?product=pension", &analyst)
            .await,
    )
    .await;
    // Put back, it is offered again.
    set_category(&app, "current_account", "fraud", true).await;
    app.create(&agent, &filed("current_account", "fraud")).await;
}

async fn filters_take_only_products_the_catalogue_holds(app: TestApp) {
    let analyst = app.token("analyst-1", &["analyst"], None);
    for path in [
        "/v1/complaints",
        "/v1/categories",
        "/v1/reports/volumes",
        "/v1/reports/outcomes",
        "/v1/reports/root-causes",
        "/v1/reports/timeliness",
        "/v1/reports/flow",
        "/v1/reports/people",
        "/v1/reports/satisfaction",
        "/v1/reports/vulnerable-gap",
    ] {
        let p = problem(
            app.get(&format!("{path}?product=no_such_product"), &analyst)
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["field"], "product", "{path}: {p}");
        assert!(
            p["detail"].as_str().unwrap().contains("current_account"),
            "{path}: {p}"
        );
        let resp = app
            .get(&format!("{path}?product=current_account"), &analyst)
            .await;
        assert_eq!(resp.status(), 200, "{path}");
    }
    // A hand-made improvement item names a product of the catalogue too.
    let p = problem(
        app.post(
            "/v1/improvements",
            &analyst,
            &json!({"title": "Fees", "product": "no_such_product"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "product", "{p}");
    let resp = app
        .post(
            "/v1/improvements",
            &analyst,
            &json!({"title": "Fees", "product": "current_account"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
}

async fn demo_data_is_filed_under_the_catalogue(app: TestApp) {
    let until = crate::procedure::at("2026-11-23T12:00:00Z");
    recourse::seed::seed(&app.state, 30, 7, until)
        .await
        .unwrap();
    let offered: std::collections::BTreeSet<(String, String)> = categories(&app, "")
        .await
        .iter()
        .filter(|c| c["active"] == true)
        .map(|c| {
            (
                c["product"].as_str().unwrap().to_owned(),
                c["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let admin = admin(&app);
    let page = json_of(app.get("/v1/complaints?limit=200", &admin).await).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 30);
    let mut products = std::collections::BTreeSet::new();
    for c in items {
        let key = (
            c["product"].as_str().unwrap().to_owned(),
            c["category"].as_str().unwrap().to_owned(),
        );
        assert!(offered.contains(&key), "{key:?}");
        products.insert(key.0);
    }
    assert!(products.len() > 3, "{products:?}");
}

async fn a_long_letter_fits_and_one_past_the_limit_is_refused_by_field(app: TestApp) {
    let agent = app.agent("north");
    // A real letter of 21,928 characters, accents and all.
    let paragraph =
        "Dear Sir or Madam, I am writing about my account — the fee of £25 was taken twice. ";
    let mut letter: String = paragraph.chars().cycle().take(21_928).collect();
    assert_eq!(letter.chars().count(), 21_928);
    let mut body = complaint_body();
    body["description"] = json!(letter);
    let c = app.create(&agent, &body).await;
    assert_eq!(c["description"], letter);
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let read = json_of(app.get(&path, &agent).await).await;
    assert_eq!(read["description"], letter);

    // The longest description and remedy sought, in the widest characters UTF-8 has, fit the
    // default body limit together.
    let widest: String = "😀".repeat(100_000);
    let mut body = complaint_body();
    body["description"] = json!(widest);
    body["remedy_sought"] = json!(widest);
    let c = app.create(&agent, &body).await;
    assert_eq!(
        c["remedy_sought"].as_str().unwrap().chars().count(),
        100_000
    );

    // One character more is refused, naming the field.
    for field in ["description", "remedy_sought"] {
        let mut body = complaint_body();
        body[field] = json!("x".repeat(100_001));
        let p = problem(
            app.post("/v1/complaints", &agent, &body).await,
            400,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], field, "{p}");
    }
    letter.push('x');
    let p = problem(
        app.patch(
            &path,
            &agent,
            Some("\"1\""),
            &json!({"description": "y".repeat(100_001)}),
        )
        .await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "description", "{p}");
    let longer = json_of(
        app.patch(
            &path,
            &agent,
            Some("\"1\""),
            &json!({"description": letter}),
        )
        .await,
    )
    .await;
    assert_eq!(
        longer["description"].as_str().unwrap().chars().count(),
        21_929
    );
}

async fn complaints_and_letters_travel_by_fax_referral_or_other_means(app: TestApp) {
    let agent = app.agent("north");
    let analyst = app.token("analyst-1", &["analyst"], None);
    for channel in ["fax", "referral", "other"] {
        let mut body = complaint_body();
        body["channel"] = json!(channel);
        let c = app.create(&agent, &body).await;
        assert_eq!(c["channel"], channel);
        let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
        assert_eq!(
            json_of(app.get(&path, &agent).await).await["channel"],
            channel
        );
        let listed = json_of(
            app.get(&format!("/v1/complaints?channel={channel}"), &agent)
                .await,
        )
        .await;
        let items = listed["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{listed}");
        assert_eq!(items[0]["channel"], channel);
        let volumes = json_of(
            app.get(&format!("/v1/reports/volumes?channel={channel}"), &analyst)
                .await,
        )
        .await;
        assert_eq!(volumes["received"], 1, "{channel}: {volumes}");

        // The acknowledgement goes back the same way, and a correction can say how it came.
        let mut case = Case {
            app: &app,
            token: agent.clone(),
            path: path.clone(),
            version: 1,
        };
        case.ok(
            "acknowledge",
            json!({"communication": {"channel": channel}}),
        )
        .await;
        let letters = json_of(app.get(&format!("{path}/communications"), &agent).await).await;
        assert_eq!(letters["items"][0]["channel"], channel, "{letters}");
        let corrected = json_of(
            app.patch(
                &path,
                &agent,
                Some(&format!("\"{}\"", case.version)),
                &json!({"channel": "phone"}),
            )
            .await,
        )
        .await;
        assert_eq!(corrected["channel"], "phone");
        let back = json_of(
            app.patch(
                &path,
                &agent,
                Some(&format!("\"{}\"", case.version + 1)),
                &json!({"channel": channel}),
            )
            .await,
        )
        .await;
        assert_eq!(back["channel"], channel);
    }
    let p = problem(
        app.post("/v1/complaints", &agent, &{
            let mut b = complaint_body();
            b["channel"] = json!("pigeon");
            b
        })
        .await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "channel", "{p}");
}

async fn an_upgrade_keeps_the_values_complaints_already_have_as_retired_entries(app: TestApp) {
    use migration::MigratorTrait;
    use sea_orm::ConnectionTrait;
    let agent = app.agent("north");
    let analyst = app.token("analyst-1", &["analyst"], None);
    let c = app.create(&agent, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    // As a database from before the catalogue: a complaint under values of its own, and no
    // categories at all.
    let db = &app.state.db.conn;
    db.execute_unprepared("UPDATE complaints SET product = 'legacy_product', category = 'misc'")
        .await
        .unwrap();
    // Back to before the catalogue's migration (and the one after it), then up again.
    let after_catalogue = migration::Migrator::migrations()
        .iter()
        .rev()
        .take_while(|m| !m.name().contains("catalogue_and_channels"))
        .count();
    let back = u32::try_from(after_catalogue + 1).unwrap();
    migration::Migrator::down(db, Some(back)).await.unwrap();
    db.execute_unprepared("DELETE FROM categories")
        .await
        .unwrap();
    migration::Migrator::up(db, None).await.unwrap();

    let items = categories(&app, "").await;
    let legacy: Vec<&Value> = items
        .iter()
        .filter(|c| c["product"] == "legacy_product")
        .collect();
    assert_eq!(legacy.len(), 1, "{items:?}");
    assert_eq!(legacy[0]["code"], "misc");
    assert_eq!(legacy[0]["active"], false);
    // The default catalogue came with it.
    assert!(
        items.iter().any(|c| c["product"] == "current_account"
            && c["code"] == "fees"
            && c["active"] == true),
        "{items:?}"
    );
    // The complaint lists and reports by its product, which takes no new complaint.
    let listed = json_of(
        app.get("/v1/complaints?product=legacy_product", &agent)
            .await,
    )
    .await;
    assert_eq!(listed["items"][0]["category"], "misc");
    let volumes = json_of(
        app.get("/v1/reports/volumes?product=legacy_product", &analyst)
            .await,
    )
    .await;
    assert_eq!(volumes["received"], 1, "{volumes}");
    json_of(app.get(&path, &agent).await).await;
    let p = problem(
        app.post("/v1/complaints", &agent, &filed("legacy_product", "misc"))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "product", "{p}");
}
