//! The management-information dashboard: one static page over the reports API.
//!
//! The page, its script and its stylesheet are compiled into the binary and served as they
//! are, with a strict Content-Security-Policy: everything comes from this origin, no inline
//! script or style, and the script talks only to the API on the same origin with the bearer
//! token the user pastes. The dashboard is not an API operation and is not in the OpenAPI
//! document.

use poem::{Endpoint, Response, error::NotFoundError, get, handler, http::header, web::Path};

const INDEX_HTML: &str = include_str!("assets/dashboard/index.html");
const APP_JS: &str = include_str!("assets/dashboard/app.js");
const STYLE_CSS: &str = include_str!("assets/dashboard/style.css");
const FAVICON_SVG: &str = include_str!("assets/dashboard/favicon.svg");

/// Same origin only, nothing inline, no framing, no plugins, no form posts elsewhere.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'none'; frame-ancestors 'none'";

/// The assets under `/dashboard/`, by file name, with their content types.
const ASSETS: &[(&str, &str, &str)] = &[
    ("app.js", "text/javascript; charset=utf-8", APP_JS),
    ("style.css", "text/css; charset=utf-8", STYLE_CSS),
    ("favicon.svg", "image/svg+xml", FAVICON_SVG),
];

/// `GET /dashboard`: the page.
pub fn page() -> impl Endpoint {
    get(index)
}

/// `GET /dashboard/:asset`: the page's script, stylesheet and icon.
pub fn assets() -> impl Endpoint {
    get(asset)
}

#[handler]
fn index() -> Response {
    static_response("text/html; charset=utf-8", INDEX_HTML)
}

#[handler]
fn asset(Path(name): Path<String>) -> poem::Result<Response> {
    ASSETS
        .iter()
        .find(|(file, _, _)| *file == name)
        .map(|(_, content_type, body)| static_response(content_type, body))
        .ok_or_else(|| NotFoundError.into())
}

fn static_response(content_type: &str, body: &'static str) -> Response {
    Response::builder()
        .content_type(content_type)
        .header(header::CONTENT_SECURITY_POLICY, CSP)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CACHE_CONTROL, "no-store")
        .header(header::REFERRER_POLICY, "no-referrer")
        .header(header::X_FRAME_OPTIONS, "DENY")
        .body(body)
}

#[cfg(test)]
mod tests {
    use poem::{
        Request, Route,
        http::{Method, StatusCode},
    };

    use super::*;

    fn app() -> Route {
        Route::new()
            .at("/dashboard", page())
            .at("/dashboard/:asset", assets())
    }

    async fn call(method: Method, path: &str) -> Response {
        let req = Request::builder().method(method).uri_str(path).finish();
        app().get_response(req).await
    }

    fn header_of(resp: &Response, name: header::HeaderName) -> &str {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    #[tokio::test]
    async fn serves_the_page_with_a_strict_policy() {
        let resp = call(Method::GET, "/dashboard").await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(
            header_of(&resp, header::CONTENT_TYPE),
            "text/html; charset=utf-8"
        );
        assert_eq!(header_of(&resp, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(header_of(&resp, header::CONTENT_SECURITY_POLICY), CSP);
        assert!(CSP.starts_with("default-src 'self';"));
        assert!(!CSP.contains("unsafe"));
        let html = resp.into_body().into_string().await.unwrap_or_default();
        assert!(html.contains(r#"<script src="/dashboard/app.js" defer></script>"#));
        assert!(!html.contains("<script>"), "no inline script");
        assert!(!html.contains("style="), "no inline style");
        assert!(
            html.contains(r#"type="password""#),
            "the token field hides the token"
        );
    }

    #[tokio::test]
    async fn serves_each_asset_with_its_content_type() {
        for (file, content_type, body) in ASSETS {
            let resp = call(Method::GET, &format!("/dashboard/{file}")).await;
            assert_eq!(resp.status(), StatusCode::OK, "{file}");
            assert_eq!(header_of(&resp, header::CONTENT_TYPE), *content_type);
            assert_eq!(header_of(&resp, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
            assert_eq!(header_of(&resp, header::CONTENT_SECURITY_POLICY), CSP);
            let text = resp.into_body().into_string().await.unwrap_or_default();
            assert_eq!(text, *body, "{file}");
        }
    }

    #[tokio::test]
    async fn refuses_unknown_assets_and_other_methods() {
        for path in ["/dashboard/secret.txt", "/dashboard/..%2Fsrc%2Flib.rs"] {
            assert_eq!(
                call(Method::GET, path).await.status(),
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        assert_eq!(
            call(Method::POST, "/dashboard").await.status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
    }
}
