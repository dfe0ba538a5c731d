//! The HTTP server behind `recourse serve`: connections accepted from a TCP listener and served
//! by hyper, HTTP/1.1 and cleartext HTTP/2 alike, under the limits in [`ConnectionLimits`].
//!
//! poem's own `Server` has an inactivity timeout but no deadline for a request's headers, so a
//! client trickling one header byte at a time, or connecting and sending nothing, held a
//! connection for as long as it liked; nor does it cap connections. Here each connection has a
//! watchdog that closes it when
//! - its request's headers take longer than the header-read timeout: counted from the opening
//!   for the first request, and from the first byte of each later one;
//! - it has no request in progress for the idle timeout (HTTP/1.1 keep-alive, and HTTP/2 whose
//!   control frames between requests do not count as activity);
//! - a response has been ready for the idle timeout and the client reads none of it.
//!
//! A request in its handler is never cut off here: the request timeout bounds that, and
//! reading the request's body happens inside it. At most `max_connections` are served at
//! once; beyond that, connections wait in the listen backlog until one closes.

use std::{
    convert::Infallible,
    future::Future,
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{Arc, Mutex, MutexGuard},
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
};
use poem::{
    Addr, Endpoint, EndpointExt,
    endpoint::BoxEndpoint,
    http::{self, uri::Scheme},
    web::{LocalAddr, RemoteAddr},
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::{Notify, OwnedSemaphorePermit, Semaphore, watch},
    task::JoinSet,
    time::Instant,
};

use crate::config::ConnectionLimits;

/// Streams an HTTP/2 client may reset before the server has accepted them, at once; more is
/// the "rapid reset" attack (CVE-2023-44487) and ends the connection with `ENHANCE_YOUR_CALM`.
const HTTP2_MAX_PENDING_ACCEPT_RESET_STREAMS: usize = 20;
/// Streams the server may reset for the client's protocol errors before it ends the connection
/// ("MadeYouReset", CVE-2025-8671).
const HTTP2_MAX_LOCAL_ERROR_RESET_STREAMS: usize = 1024;
/// The largest header block an HTTP/2 client may send (HTTP/1.1's is bounded by hyper's read
/// buffer).
const HTTP2_MAX_HEADER_LIST_SIZE: u32 = 16 * 1024;

/// Serves `app` on `listener` until `shutdown` resolves; then stops accepting, lets requests in
/// progress finish for up to `grace` (idle connections close at once), and closes the rest.
pub async fn serve<E>(
    listener: TcpListener,
    app: E,
    limits: &ConnectionLimits,
    shutdown: impl Future<Output = ()>,
    grace: Duration,
) -> io::Result<()>
where
    E: Endpoint + 'static,
{
    let local = listener.local_addr()?;
    let app: Arc<BoxEndpoint<'static>> = Arc::new(app.map_to_response().boxed());
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut at_cap = false;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            biased;
            _ = &mut shutdown => break,
            Some(finished) = connections.join_next() => {
                if let Err(err) = finished
                    && err.is_panic()
                {
                    tracing::error!(error = %err, "a connection's task panicked");
                }
            }
            accepted = accept(&listener, &slots) => match accepted {
                Ok((stream, peer, permit)) => {
                    let full = slots.available_permits() == 0;
                    if full && !at_cap {
                        tracing::warn!(
                            max_connections = limits.max_connections,
                            "connection limit reached; new connections wait until one closes"
                        );
                    }
                    at_cap = full;
                    connections.spawn(serve_connection(
                        stream,
                        (local, peer),
                        app.clone(),
                        limits.clone(),
                        stopping.clone(),
                        permit,
                    ));
                }
                Err(err) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little rather than spin on the error.
                    tracing::warn!(error = %err, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
    drop(listener);
    let _ = stop.send(true);
    let in_progress = connections.len();
    if in_progress > 0 {
        tracing::info!(
            connections = in_progress,
            "waiting for connections to finish"
        );
    }
    let drained = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(grace, drained).await.is_err() {
        tracing::warn!(
            connections = connections.len(),
            "connections still busy after the grace period are closed"
        );
        connections.shutdown().await;
    }
    Ok(())
}

/// The next connection, once there is room for it.
async fn accept(
    listener: &TcpListener,
    slots: &Arc<Semaphore>,
) -> io::Result<(TcpStream, SocketAddr, OwnedSemaphorePermit)> {
    let permit = slots
        .clone()
        .acquire_owned()
        .await
        .map_err(io::Error::other)?;
    let (stream, peer) = listener.accept().await?;
    Ok((stream, peer, permit))
}

async fn serve_connection(
    stream: TcpStream,
    (local, peer): (SocketAddr, SocketAddr),
    app: Arc<BoxEndpoint<'static>>,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let activity = Arc::new(Activity::new(&limits));
    let io = TokioIo::new(Watched {
        stream,
        activity: activity.clone(),
    });
    let service = hyper::service::service_fn({
        let activity = activity.clone();
        let local = LocalAddr(Addr::SocketAddr(local));
        let remote = RemoteAddr(Addr::SocketAddr(peer));
        move |req: http::Request<Incoming>| {
            let mut guard = activity.begin(req.version() == http::Version::HTTP_2);
            let app = app.clone();
            let req = poem::Request::from((req, local.clone(), remote.clone(), Scheme::HTTP));
            async move {
                let resp = app.get_response(req).await;
                guard.answered();
                let resp: http::Response<BoxBody<Bytes, io::Error>> = resp.into();
                Ok::<_, Infallible>(resp.map(|body| Tracked {
                    body,
                    _guard: guard,
                }))
            }
        }
    });
    let mut builder = auto::Builder::new(TokioExecutor::new());
    // The watchdog keeps the header deadline; hyper's own would also close keep-alive
    // connections between requests after it.
    builder.http1().keep_alive(true).header_read_timeout(None);
    builder
        .http2()
        .max_concurrent_streams(limits.http2_max_concurrent_streams)
        .max_pending_accept_reset_streams(HTTP2_MAX_PENDING_ACCEPT_RESET_STREAMS)
        .max_local_error_reset_streams(HTTP2_MAX_LOCAL_ERROR_RESET_STREAMS)
        .max_header_list_size(HTTP2_MAX_HEADER_LIST_SIZE);
    let conn = builder.serve_connection(io, service);
    tokio::pin!(conn);
    let mut shutting_down = *stopping.borrow();
    if shutting_down {
        conn.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            served = conn.as_mut() => {
                if let Err(err) = served {
                    tracing::debug!(%peer, error = %err, "connection ended with an error");
                }
                return;
            }
            reason = activity.expired() => {
                tracing::debug!(%peer, reason = reason.as_str(), "closing the connection");
                return;
            }
            _ = stopping.changed(), if !shutting_down => {
                shutting_down = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Why the watchdog closed a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiry {
    HeaderTimeout,
    Idle,
    Stalled,
}

impl Expiry {
    fn as_str(self) -> &'static str {
        match self {
            Expiry::HeaderTimeout => {
                "the request's headers took longer than the header-read timeout"
            }
            Expiry::Idle => "no request for the idle timeout",
            Expiry::Stalled => "the client read none of the response for the idle timeout",
        }
    }
}

/// What a connection is doing, as far as its deadlines are concerned.
#[derive(Debug)]
struct Activity {
    header_timeout: Option<Duration>,
    idle_timeout: Option<Duration>,
    state: Mutex<ActivityState>,
    changed: Notify,
}

#[derive(Debug)]
struct ActivityState {
    /// Requests whose response has not been sent in full.
    in_flight: usize,
    /// Of those, the ones still in their handler.
    handling: usize,
    /// When the last response finished (or the connection opened), while none is in flight.
    idle_since: Instant,
    /// When the next request's first bytes arrived, while none is in flight.
    head_since: Option<Instant>,
    /// When the last byte moved either way.
    progress: Instant,
    /// HTTP/2: bytes between requests are frames (pings, window updates), not a request.
    multiplexed: bool,
}

impl Activity {
    fn new(limits: &ConnectionLimits) -> Activity {
        let now = Instant::now();
        let limit = |d: Duration| (!d.is_zero()).then_some(d);
        Activity {
            header_timeout: limit(limits.header_read_timeout),
            idle_timeout: limit(limits.idle_timeout),
            state: Mutex::new(ActivityState {
                in_flight: 0,
                handling: 0,
                idle_since: now,
                // The first request's headers are due from the connection's opening.
                head_since: Some(now),
                progress: now,
                multiplexed: false,
            }),
            changed: Notify::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, ActivityState> {
        // The state stays consistent whatever panicked while holding the lock.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn read(&self) {
        let now = Instant::now();
        let mut s = self.state();
        s.progress = now;
        if s.in_flight == 0 && s.head_since.is_none() && !s.multiplexed {
            s.head_since = Some(now);
            drop(s);
            self.changed.notify_waiters();
        }
    }

    fn wrote(&self) {
        self.state().progress = Instant::now();
    }

    /// A request's headers have arrived and its handler starts.
    fn begin(self: &Arc<Self>, multiplexed: bool) -> RequestGuard {
        {
            let mut s = self.state();
            s.in_flight += 1;
            s.handling += 1;
            s.head_since = None;
            s.multiplexed |= multiplexed;
        }
        self.changed.notify_waiters();
        RequestGuard {
            activity: self.clone(),
            handling: true,
        }
    }

    /// When the connection is due to be closed, and why; `None` while a handler runs.
    fn deadline(&self) -> Option<(Instant, Expiry)> {
        let s = self.state();
        if s.in_flight == 0 {
            match (s.head_since, self.header_timeout) {
                (Some(since), Some(limit)) => Some((since + limit, Expiry::HeaderTimeout)),
                (Some(_), None) => self.idle_timeout.map(|d| (s.progress + d, Expiry::Idle)),
                (None, _) => self.idle_timeout.map(|d| (s.idle_since + d, Expiry::Idle)),
            }
        } else if s.handling == 0 {
            self.idle_timeout.map(|d| (s.progress + d, Expiry::Stalled))
        } else {
            None
        }
    }

    /// Resolves when a deadline passes; safe to drop and call again.
    async fn expired(&self) -> Expiry {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            // Registered before the state is read, so no change in between is missed.
            changed.as_mut().enable();
            match self.deadline() {
                None => changed.await,
                Some((at, why)) => {
                    if Instant::now() >= at {
                        return why;
                    }
                    tokio::select! {
                        _ = tokio::time::sleep_until(at) => {}
                        _ = changed => {}
                    }
                }
            }
        }
    }
}

/// One request on a connection: in its handler until [`RequestGuard::answered`], in flight
/// until dropped with the response body (sent in full, or abandoned).
#[derive(Debug)]
struct RequestGuard {
    activity: Arc<Activity>,
    handling: bool,
}

impl RequestGuard {
    fn answered(&mut self) {
        if std::mem::take(&mut self.handling) {
            self.activity.state().handling -= 1;
            self.activity.changed.notify_waiters();
        }
    }
}

impl Drop for RequestGuard {
    fn drop(&mut self) {
        {
            let mut s = self.activity.state();
            if self.handling {
                s.handling -= 1;
            }
            s.in_flight -= 1;
            if s.in_flight == 0 {
                s.idle_since = Instant::now();
                s.head_since = None;
            }
        }
        self.activity.changed.notify_waiters();
    }
}

/// A response body that keeps its request in flight until it is sent or dropped.
#[derive(Debug)]
struct Tracked<B> {
    body: B,
    _guard: RequestGuard,
}

impl<B: Body + Unpin> Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The connection's socket, reporting each read and write to its [`Activity`].
#[derive(Debug)]
struct Watched {
    stream: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(poll, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        poll
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write(cx, buf);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        poll
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(header_ms: u64, idle_ms: u64) -> ConnectionLimits {
        ConnectionLimits {
            header_read_timeout: Duration::from_millis(header_ms),
            idle_timeout: Duration::from_millis(idle_ms),
            ..ConnectionLimits::default()
        }
    }

    /// The deadline's kind, and how far off it is (rounded down to 100 ms).
    fn due(a: &Activity) -> Option<(Expiry, u128)> {
        a.deadline().map(|(at, why)| {
            let left = at.saturating_duration_since(Instant::now()).as_millis();
            (why, left / 100 * 100)
        })
    }

    #[test]
    fn deadlines_follow_the_connection_through_a_request() {
        let a = Arc::new(Activity::new(&limits(10_000, 60_000)));
        // Opened: the first request's headers are due.
        assert_eq!(due(&a), Some((Expiry::HeaderTimeout, 9_900)));
        a.read();
        assert_eq!(due(&a), Some((Expiry::HeaderTimeout, 9_900)));
        let mut guard = a.begin(false);
        assert_eq!(due(&a), None, "a handler is never cut off");
        guard.answered();
        assert_eq!(due(&a), Some((Expiry::Stalled, 59_900)));
        drop(guard);
        assert_eq!(due(&a), Some((Expiry::Idle, 59_900)));
        // The next request's first byte starts its header deadline.
        a.read();
        assert_eq!(due(&a), Some((Expiry::HeaderTimeout, 9_900)));
    }

    #[test]
    fn http2_frames_between_requests_do_not_start_a_header_deadline() {
        let a = Arc::new(Activity::new(&limits(10_000, 60_000)));
        drop(a.begin(true));
        a.read();
        assert_eq!(due(&a), Some((Expiry::Idle, 59_900)));
    }

    #[test]
    fn zero_turns_a_timeout_off() {
        assert_eq!(due(&Activity::new(&limits(0, 0))), None);
        assert_eq!(
            due(&Activity::new(&limits(0, 60_000))),
            Some((Expiry::Idle, 59_900)),
            "without a header deadline, a connection that sends nothing is idle"
        );
    }

    #[tokio::test]
    async fn the_watchdog_fires_at_the_deadline_and_not_before() {
        let a = Arc::new(Activity::new(&limits(200, 400)));
        let started = Instant::now();
        assert_eq!(a.expired().await, Expiry::HeaderTimeout);
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200), "{waited:?}");

        // A request begun while the watchdog waits holds it off until the request ends.
        let a = Arc::new(Activity::new(&limits(200, 400)));
        let watching = tokio::spawn({
            let a = a.clone();
            async move { a.expired().await }
        });
        let guard = a.begin(false);
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert!(!watching.is_finished());
        drop(guard);
        let idle = Instant::now();
        assert_eq!(watching.await.expect("the watchdog ran"), Expiry::Idle);
        assert!(idle.elapsed() >= Duration::from_millis(400));
    }
}
