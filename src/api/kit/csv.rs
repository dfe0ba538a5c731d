//! CSV exports. Every report and the complaint list answer `text/csv` when the request says
//! `Accept: text/csv` or `?format=csv`; the spec declares both media types on their 200.
//!
//! A report becomes one table: a `section` column naming the part of the report each row comes
//! from (`summary` for its single figures, else the list's name, e.g. `series`), then one column
//! per figure, nested figures as dotted names (`on_time.percent`). The complaint list is
//! streamed page by page, so a large export never sits in memory whole.

use std::borrow::Cow;

use futures::StreamExt;
use poem::{Body, IntoResponse, Request, Response, http::header};
use poem_openapi::{
    Enum, ResponseContent,
    registry::{MetaMediaType, MetaSchema, MetaSchemaRef, Registry},
    types::{ToJSON, Type},
};
use serde_json::{Map, Value};

/// How a report or list is wanted.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Format {
    /// JSON, as described by the schema (the default).
    Json,
    /// CSV with a header row.
    Csv,
}

/// A 200 body that is JSON or CSV, as the request asked; CSV with the name a browser or a
/// client saves it under ([`file_name`]).
#[derive(Debug)]
pub enum JsonOrCsv<T> {
    Json(T),
    Csv(Body, String),
}

/// The name a CSV download is saved under: what it holds and the day (UTC) it was made, such
/// as `complaints-2026-12-03.csv`, so that exports of different days do not overwrite one
/// another in a downloads folder.
pub fn file_name(what: &str, made_at: chrono::DateTime<chrono::Utc>) -> String {
    format!("{what}-{}.csv", made_at.date_naive())
}

/// `Content-Disposition` for a download named `name`. The names are built from ASCII
/// constants and dates; anything else is dropped rather than escaped.
fn disposition(name: &str) -> String {
    let safe: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    format!("attachment; filename=\"{safe}\"")
}

impl<T: ToJSON + Send> IntoResponse for JsonOrCsv<T> {
    fn into_response(self) -> Response {
        match self {
            JsonOrCsv::Json(value) => Response::builder()
                .content_type("application/json; charset=utf-8")
                .body(value.to_json_string()),
            JsonOrCsv::Csv(body, name) => Response::builder()
                .content_type("text/csv; charset=utf-8")
                .header(header::CONTENT_DISPOSITION, disposition(&name))
                .body(body),
        }
    }
}

impl<T: Type + ToJSON + Send> ResponseContent for JsonOrCsv<T> {
    fn media_types() -> Vec<MetaMediaType> {
        vec![
            MetaMediaType {
                content_type: "application/json; charset=utf-8",
                schema: T::schema_ref(),
            },
            MetaMediaType {
                content_type: "text/csv; charset=utf-8",
                schema: MetaSchemaRef::Inline(Box::new(MetaSchema::new("string"))),
            },
        ]
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// Whether the caller asked for CSV: `format` decides when given; otherwise the first of
/// `text/csv` and `application/json` (or a wildcard) named in `Accept`.
pub fn wants_csv(req: &Request, format: Option<Format>) -> bool {
    if let Some(f) = format {
        return f == Format::Csv;
    }
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    accept
        .split(',')
        .map(|part| {
            let mut bits = part.split(';');
            let media = bits.next().unwrap_or_default().trim().to_ascii_lowercase();
            let refused = bits.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (media, refused)
        })
        .filter(|(_, refused)| !refused)
        .map(|(media, _)| media)
        .find(|m| {
            matches!(
                m.as_str(),
                "text/csv" | "application/json" | "*/*" | "application/*"
            )
        })
        .is_some_and(|m| m == "text/csv")
}

/// The report as JSON, or as one CSV table named `name`.
pub fn report<T: ToJSON + Send>(value: T, csv: bool, name: String) -> JsonOrCsv<T> {
    if csv {
        JsonOrCsv::Csv(
            Body::from_string(table(&value.to_json().unwrap_or_default())),
            name,
        )
    } else {
        JsonOrCsv::Json(value)
    }
}

/// Wraps a report the way [`wants_csv`] decided, a CSV one to be saved as `name`.
pub fn reply<T: ToJSON + Send>(csv: bool, name: String) -> impl FnOnce(T) -> JsonOrCsv<T> {
    move |value| report(value, csv, name)
}

/// A field as spreadsheets should see it: with a leading apostrophe when a spreadsheet would
/// otherwise read it as a formula. The `csv` crate quotes for CSV's sake only, so this comes
/// first; a number keeps its sign, as it is data and no formula.
fn defused(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The writer every export uses: RFC 4180 line endings, quoting only where needed, and rows of
/// any length (a table's rows are all as wide as its header anyway).
fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new())
}

/// The text written so far. Writing to memory cannot fail and the fields are UTF-8, so the
/// fallbacks are never taken; they only keep a panic out of the response path.
fn written(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes one row of defused fields.
fn record<'a>(w: &mut csv::Writer<Vec<u8>>, fields: impl IntoIterator<Item = &'a str>) {
    if let Err(e) = w.write_record(fields.into_iter().map(|f| defused(f).into_owned())) {
        tracing::error!(error = %e, "CSV row not written");
    }
}

/// A field as CSV: quoted when it holds a separator, a quote or a line break, and with a
/// leading apostrophe when a spreadsheet would otherwise read it as a formula.
pub fn field(s: &str) -> Cow<'_, str> {
    // Alone on a line an empty field would be written `""`, but among others it is nothing.
    if s.is_empty() {
        return Cow::Borrowed(s);
    }
    let s = defused(s);
    let mut w = writer();
    if w.write_record([s.as_bytes()]).is_err() {
        return s;
    }
    let quoted = written(w);
    match quoted.strip_suffix("\r\n") {
        Some(q) if q == s => s,
        Some(q) => Cow::Owned(q.to_owned()),
        None => Cow::Owned(quoted),
    }
}

/// One CSV line from its fields, with the line ending.
pub fn line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut w = writer();
    record(&mut w, fields);
    written(w)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    let name = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                flatten(&name(k), x, out);
            }
        }
        // A list of records inside a row (redress per currency) keeps each field in a column
        // of its own (`redress_paid.currency`, `redress_paid.sum_minor`), so an amount is a
        // number a spreadsheet can add up. The rare row holding several (a second currency)
        // lists them in the same order in each column, separated by `; `. An empty list adds
        // no column: its fields are not known.
        Value::Array(items) if items.iter().all(Value::is_object) => {
            let mut fields: Vec<(String, Vec<String>)> = Vec::new();
            for item in items {
                let mut cells = Vec::new();
                flatten("", item, &mut cells);
                for (k, v) in cells {
                    match fields.iter_mut().find(|(name, _)| *name == k) {
                        Some((_, values)) => values.push(v),
                        None => fields.push((k, vec![v])),
                    }
                }
            }
            for (k, values) in fields {
                out.push((name(&k), values.join("; ")));
            }
        }
        Value::Array(items) => out.push((
            prefix.to_owned(),
            items.iter().map(scalar).collect::<Vec<_>>().join("; "),
        )),
        other => out.push((prefix.to_owned(), scalar(other))),
    }
}

/// A report as one table (see the module docs). `definitions` are left out: they describe the
/// columns, not data. Columns follow the JSON's key order, which is alphabetical.
pub fn table(report: &Value) -> String {
    let empty = Map::new();
    let top = report.as_object().unwrap_or(&empty);
    let mut rows: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut summary = Vec::new();
    for (key, v) in top {
        if key == "definitions" {
            continue;
        }
        match v {
            Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
                for item in items {
                    let mut cells = Vec::new();
                    flatten("", item, &mut cells);
                    rows.push((key.clone(), cells));
                }
            }
            Value::Array(items) if items.is_empty() => {}
            other => flatten(key, other, &mut summary),
        }
    }
    if !summary.is_empty() {
        rows.insert(0, ("summary".to_owned(), summary));
    }
    let mut columns: Vec<String> = Vec::new();
    for (_, cells) in &rows {
        for (name, _) in cells {
            if !columns.contains(name) {
                columns.push(name.clone());
            }
        }
    }
    let mut w = writer();
    record(
        &mut w,
        std::iter::once("section").chain(columns.iter().map(String::as_str)),
    );
    for (section, cells) in &rows {
        let values = columns.iter().map(|c| {
            cells
                .iter()
                .find(|(name, _)| name == c)
                .map_or("", |(_, v)| v.as_str())
        });
        record(&mut w, std::iter::once(section.as_str()).chain(values));
    }
    written(w)
}

/// A body streamed from chunks of CSV text produced one after another (e.g. one page of a list
/// each). A failure after the first chunk can only cut the body short, as the status has been
/// sent; it is logged.
pub fn streamed<S>(chunks: S) -> Body
where
    S: futures::Stream<Item = Result<String, crate::error::ApiError>> + Send + 'static,
{
    Body::from_bytes_stream(chunks.map(|chunk| {
        chunk.map(bytes::Bytes::from).map_err(|e| {
            tracing::error!(error = %e, "CSV export stopped");
            std::io::Error::other("export failed")
        })
    }))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        for (raw, csv) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-12.5", "-12.5"),
        ] {
            assert_eq!(field(raw), csv, "{raw}");
        }
    }

    #[test]
    fn a_report_becomes_one_table_with_a_section_column() {
        let report = json!({
            "in_scope": 4,
            "upheld": {"numerator": 1, "denominator": 2, "percent": 50.0},
            "series": [
                {"period_start": "2026-11-02", "received": 2},
                {"period_start": "2026-11-09", "received": 0},
            ],
            "empty": [],
            "definitions": [{"name": "x", "rule": "y"}],
        });
        assert_eq!(
            table(&report),
            "section,in_scope,upheld.denominator,upheld.numerator,upheld.percent,period_start,received\r\n\
             summary,4,2,1,50.0,,\r\n\
             series,,,,,2026-11-02,2\r\n\
             series,,,,,2026-11-09,0\r\n"
        );
    }

    #[test]
    fn money_inside_a_row_is_an_amount_column_and_a_currency_column() {
        let report = json!({
            "rows": [
                {"product": "banking", "redress_paid": [{"currency": "GBP", "sum_minor": 64500}]},
                {"product": "loans", "redress_paid": []},
                {"product": "cards", "redress_paid": [
                    {"currency": "GBP", "sum_minor": 100},
                    {"currency": "EUR", "sum_minor": 250},
                ]},
            ],
        });
        assert_eq!(
            table(&report),
            "section,product,redress_paid.currency,redress_paid.sum_minor\r\n\
             rows,banking,GBP,64500\r\n\
             rows,loans,,\r\n\
             rows,cards,GBP; EUR,100; 250\r\n"
        );
    }

    #[test]
    fn a_download_is_named_after_what_it_holds_and_its_day() {
        let at = crate::domain::testing::t("2026-12-04T00:30:00Z");
        assert_eq!(file_name("complaints", at), "complaints-2026-12-04.csv");
        assert_eq!(
            disposition("a \"b\"/..\\c.csv"),
            "attachment; filename=\"ab..c.csv\""
        );
    }

    #[test]
    fn accept_and_format_choose_csv() {
        let req = |accept: Option<&str>| {
            let mut b = Request::builder();
            if let Some(a) = accept {
                b = b.header(header::ACCEPT, a);
            }
            b.finish()
        };
        for (accept, format, csv) in [
            (None, None, false),
            (Some("text/csv"), None, true),
            (Some("application/json, text/csv"), None, false),
            (Some("text/csv;q=0.9, application/json"), None, true),
            (Some("text/csv;q=0, application/json"), None, false),
            (Some("*/*"), None, false),
            (Some("application/json"), Some(Format::Csv), true),
            (Some("text/csv"), Some(Format::Json), false),
        ] {
            assert_eq!(
                wants_csv(&req(accept), format),
                csv,
                "{accept:?} {format:?}"
            );
        }
    }
}
