//! The real `recourse serve` and what a connection may cost it: a client slow to send its
//! headers (or sending nothing) is disconnected after the header-read timeout, an idle
//! keep-alive connection after the idle timeout, connections beyond the cap wait until one
//! closes, and HTTP/2 (cleartext, prior knowledge) announces its stream limit, is closed when
//! idle, and ends a connection that resets streams as fast as it opens them.
//!
//! Each test runs on a SQLite file and, when `TEST_DATABASE_URL` is set (required under
//! `CI=true`), on PostgreSQL, though nothing here depends on the database.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]

// `lifecycle` uses the rest of it.
#[allow(dead_code)]
#[path = "../lifecycle/process.rs"]
mod process;

use std::{
    future::Future,
    time::{Duration, Instant},
};

use futures::future::join_all;
use poem::http;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use process::{Server, Store, http as client};

/// No test may run longer than this: a hung server or client fails the test instead.
const TEST_LIMIT: Duration = Duration::from_secs(120);

/// Declares each listed `async fn(Store)` as `sqlite::name` and `postgres::name`.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::bounded(super::$name(super::Store::sqlite())).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(store) = super::Store::postgres().await {
                        super::bounded(super::$name(store)).await
                    }
                }
            )*
        }
    };
}

on_both_engines!(
    a_client_slow_to_send_its_headers_is_disconnected,
    an_idle_keep_alive_connection_is_closed_and_a_busy_one_kept,
    connections_beyond_the_cap_wait_until_one_closes,
    http2_limits_streams_closes_when_idle_and_ends_rapid_resets,
);

async fn bounded(test: impl Future<Output = ()>) {
    tokio::time::timeout(TEST_LIMIT, test)
        .await
        .expect("the test ran past its time limit");
}

/// How long after `since` the server closed `stream`, or `None` if it was still open at
/// `limit`. With `trickle`, one more header byte is sent every 200 ms while waiting.
async fn closed_after(
    stream: &mut TcpStream,
    since: Instant,
    trickle: bool,
    limit: Duration,
) -> Option<Duration> {
    let mut buf = [0u8; 4096];
    while since.elapsed() < limit {
        match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(since.elapsed()),
            Ok(Ok(_)) => {}
            Err(_) => {
                if trickle && stream.write_all(b"X").await.is_err() {
                    return Some(since.elapsed());
                }
            }
        }
    }
    None
}

/// A connection that sends `first` (if anything) and then trickles, or sends nothing more.
async fn held(addr: &str, first: Option<&'static [u8]>, limit: Duration) -> Option<Duration> {
    let opened = Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    if let Some(first) = first {
        stream.write_all(first).await.unwrap();
    }
    closed_after(&mut stream, opened, first.is_some(), limit).await
}

/// Sends `GET /healthz` on `stream` and reads the whole answer.
async fn healthz(stream: &mut TcpStream) -> String {
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: recourse\r\n\r\n")
        .await
        .unwrap();
    read_answer(stream).await
}

/// Reads one answer with a `Content-Length`.
async fn read_answer(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .expect("an answer within 10 s")
            .unwrap();
        assert!(
            n > 0,
            "closed mid-answer: {}",
            String::from_utf8_lossy(&got)
        );
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().unwrap())
                })
                .expect("a Content-Length");
            if body.len() >= length {
                return text;
            }
        }
    }
}

async fn a_client_slow_to_send_its_headers_is_disconnected(store: Store) {
    let server = Server::start(
        &store,
        "serve",
        &[
            ("RECOURSE_HEADER_READ_TIMEOUT", "1s"),
            ("RECOURSE_IDLE_TIMEOUT", "30s"),
        ],
    )
    .await;
    let limit = Duration::from_secs(10);
    // Twenty trickling a header byte every 200 ms, and twenty sending nothing at all.
    let trickling = (0..20).map(|_| {
        held(
            &server.addr,
            Some(b"GET /healthz HTTP/1.1\r\nHost: recourse\r\n"),
            limit,
        )
    });
    let silent = (0..20).map(|_| held(&server.addr, None, limit));
    let (trickling, silent) = tokio::join!(join_all(trickling), join_all(silent));
    for (kind, closed) in [("trickling", trickling), ("silent", silent)] {
        for after in closed {
            let after = after
                .unwrap_or_else(|| panic!("a {kind} connection was still open after {limit:?}"));
            assert!(
                after >= Duration::from_millis(900) && after < Duration::from_secs(4),
                "a {kind} connection was closed after {after:?}, not about 1 s:\n{}",
                server.log_tail()
            );
        }
    }
    // A client that sends its request promptly is served as before.
    let mut stream = TcpStream::connect(&server.addr).await.unwrap();
    let answer = healthz(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

async fn an_idle_keep_alive_connection_is_closed_and_a_busy_one_kept(store: Store) {
    let server = Server::start(
        &store,
        "serve",
        &[
            ("RECOURSE_HEADER_READ_TIMEOUT", "10s"),
            ("RECOURSE_IDLE_TIMEOUT", "1s"),
        ],
    )
    .await;
    // Idle after one request: closed about 1 s after the answer, well before the header
    // timeout.
    let mut idle = TcpStream::connect(&server.addr).await.unwrap();
    let answer = healthz(&mut idle).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let answered = Instant::now();
    let after = closed_after(&mut idle, answered, false, Duration::from_secs(10))
        .await
        .expect("the idle connection was still open after 10 s");
    assert!(
        after >= Duration::from_millis(900) && after < Duration::from_secs(4),
        "closed {after:?} after the answer, not about 1 s"
    );
    // A request every 500 ms keeps a connection, for longer than the idle timeout.
    let mut busy = TcpStream::connect(&server.addr).await.unwrap();
    let started = Instant::now();
    for _ in 0..6 {
        let answer = healthz(&mut busy).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(started.elapsed() > Duration::from_secs(2));
}

async fn connections_beyond_the_cap_wait_until_one_closes(store: Store) {
    let server = Server::start(
        &store,
        "serve",
        &[
            ("RECOURSE_MAX_CONNECTIONS", "2"),
            ("RECOURSE_HEADER_READ_TIMEOUT", "60s"),
            ("RECOURSE_IDLE_TIMEOUT", "60s"),
        ],
    )
    .await;
    // The readiness probe's connection is closed with its client; give the server a moment
    // to see it go.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let first = TcpStream::connect(&server.addr).await.unwrap();
    let mut second = TcpStream::connect(&server.addr).await.unwrap();
    let answer = healthz(&mut second).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // A third connects (the listen backlog takes it) but is not served while two are open.
    let mut third = TcpStream::connect(&server.addr).await.unwrap();
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: recourse\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    assert!(
        tokio::time::timeout(Duration::from_millis(1500), third.read(&mut buf))
            .await
            .is_err(),
        "the third connection was served beyond the cap of two"
    );
    // The first closes: the third is served straight away.
    drop(first);
    let waited = Instant::now();
    let answer = read_answer(&mut third).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        waited.elapsed() < Duration::from_secs(2),
        "{:?}",
        waited.elapsed()
    );
    // And the second is still served.
    let answer = healthz(&mut second).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

async fn http2_limits_streams_closes_when_idle_and_ends_rapid_resets(store: Store) {
    let server = Server::start(
        &store,
        "serve",
        &[
            ("RECOURSE_HTTP2_MAX_CONCURRENT_STREAMS", "10"),
            ("RECOURSE_IDLE_TIMEOUT", "1s"),
        ],
    )
    .await;
    let request = || {
        http::Request::get(format!("{}/healthz", server.base))
            .body(())
            .unwrap()
    };

    // One request, then idle: the server's SETTINGS carried the stream limit, and the
    // connection ends about 1 s after the answer.
    let tcp = TcpStream::connect(&server.addr).await.unwrap();
    let (h2, connection) = h2::client::handshake(tcp).await.unwrap();
    let connection = tokio::spawn(connection);
    let mut h2 = h2.ready().await.unwrap();
    let (answer, _) = h2.send_request(request(), true).unwrap();
    let answer = answer.await.unwrap();
    assert_eq!(answer.status(), 200);
    let mut body = answer.into_body();
    while let Some(chunk) = body.data().await {
        chunk.unwrap();
    }
    assert_eq!(h2.current_max_send_streams(), 10);
    let answered = Instant::now();
    let ended = tokio::time::timeout(Duration::from_secs(10), connection)
        .await
        .expect("the idle HTTP/2 connection was still open after 10 s")
        .unwrap();
    let after = answered.elapsed();
    assert!(
        after >= Duration::from_millis(900) && after < Duration::from_secs(4),
        "ended {after:?} after the answer ({ended:?}), not about 1 s"
    );

    // Rapid reset: streams opened and cancelled at once, over and over. The server ends the
    // connection with ENHANCE_YOUR_CALM rather than start a handler for each.
    let tcp = TcpStream::connect(&server.addr).await.unwrap();
    let (h2, connection) = h2::client::handshake(tcp).await.unwrap();
    let connection = tokio::spawn(connection);
    let mut opened = 0;
    for _ in 0..5_000 {
        let Ok(mut ready) = h2.clone().ready().await else {
            break;
        };
        let Ok((_, mut stream)) = ready.send_request(request(), false) else {
            break;
        };
        stream.send_reset(h2::Reason::CANCEL);
        opened += 1;
    }
    let ended = tokio::time::timeout(Duration::from_secs(10), connection)
        .await
        .expect("the resetting connection was still open 10 s after the last reset")
        .unwrap();
    // The GOAWAY, or a broken pipe when the client is still writing as the server hangs up.
    let err = ended.expect_err("the server ended the connection");
    assert!(
        err.reason() == Some(h2::Reason::ENHANCE_YOUR_CALM) || err.is_io(),
        "after {opened} streams: {err}"
    );

    // Others are still served.
    let resp = client()
        .get(format!("{}/healthz", server.base))
        .send()
        .await;
    assert_eq!(resp.unwrap().status(), 200);
}
