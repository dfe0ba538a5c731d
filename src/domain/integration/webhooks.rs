//! Webhooks: which changes integrators hear about, how a delivery is signed (the Standard
//! Webhooks scheme), when a failed one is tried again, and which target addresses are refused.
//!
//! The signature is written here rather than with the scheme's `standardwebhooks` crate. That
//! crate takes a secret without the `whsec_` prefix as readily as one with it, where a secret
//! not in our format must sign nothing; it signs only UTF-8 bodies, copying each into a
//! string first; and it brings a second base64 (0.21), a second HMAC-SHA-256 and the `time`
//! crate beside chrono, for what is here one HMAC over `hmac` and `sha2`, pinned to the
//! scheme's published test vector below.

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr},
    time::Duration,
};

use base64::{Engine as _, engine::general_purpose::STANDARD as B64};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::domain::{case::complaint::State, case::procedure::is_terminal};

/// The event types a subscription can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    ComplaintCreated,
    ComplaintAcknowledged,
    ComplaintResponded,
    ComplaintClosed,
    TimerWarning,
    TimerBreached,
    TimerMissed,
    EscalationRaised,
    ImprovementCreated,
    ImprovementVerdict,
}

impl EventType {
    pub const ALL: [EventType; 10] = [
        EventType::ComplaintCreated,
        EventType::ComplaintAcknowledged,
        EventType::ComplaintResponded,
        EventType::ComplaintClosed,
        EventType::TimerWarning,
        EventType::TimerBreached,
        EventType::TimerMissed,
        EventType::EscalationRaised,
        EventType::ImprovementCreated,
        EventType::ImprovementVerdict,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::ComplaintCreated => "complaint.created",
            EventType::ComplaintAcknowledged => "complaint.acknowledged",
            EventType::ComplaintResponded => "complaint.responded",
            EventType::ComplaintClosed => "complaint.closed",
            EventType::TimerWarning => "timer.warning",
            EventType::TimerBreached => "timer.breached",
            EventType::TimerMissed => "timer.missed",
            EventType::EscalationRaised => "escalation.raised",
            EventType::ImprovementCreated => "improvement.created",
            EventType::ImprovementVerdict => "improvement.verdict",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl crate::domain::vocabulary::Vocabulary for EventType {
    fn values() -> &'static [EventType] {
        &EventType::ALL
    }

    fn text(self) -> &'static str {
        self.as_str()
    }
}

/// The integration events a complaint's audit event stands for: `kind` is the audit event's
/// kind, and the states are the complaint's before and after it.
pub fn complaint_events(kind: &str, state_before: &str, state_after: &str) -> Vec<EventType> {
    let mut out = Vec::new();
    match kind {
        "complaint.created" => out.push(EventType::ComplaintCreated),
        "complaint.acknowledge" => out.push(EventType::ComplaintAcknowledged),
        // A summary resolution is the complainant's answer as much as a final response is.
        "complaint.issue_response" | "complaint.resolve_summarily" => {
            out.push(EventType::ComplaintResponded)
        }
        "timer.warning" => out.push(EventType::TimerWarning),
        "timer.breached" => out.push(EventType::TimerBreached),
        "timer.missed" => out.push(EventType::TimerMissed),
        "escalation.raised" => out.push(EventType::EscalationRaised),
        _ => {}
    }
    // Closing is reaching any state that ends the procedure (closed, withdrawn, not a
    // complaint, transferred), by whichever action.
    let ended = |s: &str| State::parse(s).is_some_and(is_terminal);
    if ended(state_after) && !ended(state_before) {
        out.push(EventType::ComplaintClosed);
    }
    out
}

/// The integration event an improvement item's audit record stands for, if any.
pub fn improvement_event(kind: &str, has_verdict: bool) -> Option<EventType> {
    match kind {
        "improvement.created" => Some(EventType::ImprovementCreated),
        "improvement.check" if has_verdict => Some(EventType::ImprovementVerdict),
        _ => None,
    }
}

/// The `webhook-signature` header value: `v1,` and the base64 HMAC-SHA256, keyed with the
/// secret's decoded bytes, of `{id}.{timestamp}.{body}`. `None` for a malformed secret.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let key = B64.decode(secret.strip_prefix(SECRET_PREFIX)?).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Some(format!("v1,{}", B64.encode(mac.finalize().into_bytes())))
}

/// How secrets are written: the prefix, then the base64 key.
pub const SECRET_PREFIX: &str = "whsec_";

/// A secret from 32 random bytes.
pub fn secret_from(bytes: &[u8; 32]) -> String {
    format!("{SECRET_PREFIX}{}", B64.encode(bytes))
}

/// How failed deliveries are tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// The wait after the first failure; each later one doubles it.
    pub base: Duration,
    /// No wait is longer than this.
    pub cap: Duration,
    /// Retrying stops this long after the delivery was queued.
    pub window: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_secs(30),
            cap: Duration::from_secs(3600),
            window: Duration::from_secs(24 * 3600),
        }
    }
}

impl RetryPolicy {
    /// The wait after `failures` failed attempts (1 or more), before jitter.
    pub fn backoff(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(30);
        self.base
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.cap)
            .min(self.cap)
    }

    /// The wait after `failures` failed attempts with jitter applied: `jitter` in [0, 1] picks
    /// a point between half the backoff and all of it, so receivers that failed together are
    /// not all retried at the same instant.
    pub fn wait(&self, failures: u32, jitter: f64) -> Duration {
        let full = self.backoff(failures);
        full.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// Whether another attempt, `wait` from an attempt made `elapsed` after queueing, is still
    /// inside the retry window.
    pub fn may_retry(&self, elapsed: Duration, wait: Duration) -> bool {
        elapsed.saturating_add(wait) <= self.window
    }
}

/// Which target addresses a subscription may reach.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetPolicy {
    /// Loopback, private (RFC 1918, unique-local, site-local, local-use NAT64), shared
    /// (CGNAT) and reserved (documentation, benchmarking, future use) addresses.
    pub allow_private: bool,
    /// Link-local addresses, which is where cloud metadata services answer.
    pub allow_link_local: bool,
}

/// Why a target is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetRefusal {
    Scheme,
    NoHost,
    Credentials,
    Address(IpAddr, &'static str),
    /// An IPv6 address that carries an IPv4 address the policy refuses (mapped, compatible,
    /// NAT64, 6to4, Teredo): the packets end up at the IPv4 address.
    Embedded(Ipv6Addr, Ipv4Addr, &'static str),
    MetadataHost,
    LoopbackName,
}

impl std::fmt::Display for TargetRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetRefusal::Scheme => f.write_str("must be an http or https URL"),
            TargetRefusal::NoHost => f.write_str("must name a host"),
            TargetRefusal::Credentials => f.write_str("must not carry a user name or password"),
            TargetRefusal::Address(ip, why) => write!(f, "{ip} is a {why} address"),
            TargetRefusal::Embedded(v6, v4, why) => {
                write!(f, "{v6} carries the IPv4 address {v4}, a {why} address")
            }
            TargetRefusal::MetadataHost => f.write_str("names a cloud metadata service"),
            TargetRefusal::LoopbackName => {
                f.write_str("names the local host (localhost), a loopback address")
            }
        }
    }
}

/// Host names of cloud metadata services that do not look like addresses.
const METADATA_HOSTS: [&str; 3] = [
    "metadata.google.internal",
    "metadata.goog",
    "metadata.azure.internal",
];

/// The checks on a target URL's parts that need no name lookup: scheme, credentials, a
/// metadata or local host name, and the address when the host is written as one.
pub fn check_target(
    scheme: &str,
    host: Option<&str>,
    has_credentials: bool,
    policy: TargetPolicy,
) -> Result<(), TargetRefusal> {
    if scheme != "http" && scheme != "https" {
        return Err(TargetRefusal::Scheme);
    }
    if has_credentials {
        return Err(TargetRefusal::Credentials);
    }
    let host = host
        .filter(|h| !h.is_empty())
        .ok_or(TargetRefusal::NoHost)?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let name = bare.trim_end_matches('.').to_ascii_lowercase();
    if METADATA_HOSTS.contains(&name.as_str()) && !policy.allow_link_local {
        return Err(TargetRefusal::MetadataHost);
    }
    // RFC 6761 6.3: these names are the loopback address wherever they are resolved.
    if (name == "localhost" || name.ends_with(".localhost")) && !policy.allow_private {
        return Err(TargetRefusal::LoopbackName);
    }
    match bare.parse::<IpAddr>() {
        Ok(ip) => check_address(ip, policy),
        Err(_) => Ok(()),
    }
}

/// Whether a target may be reached at `ip` (checked again on every delivery, against each
/// address the host name resolves to, so a name cannot be pointed inward later). An IPv6
/// address passes only if every IPv4 address it may carry passes too.
pub fn check_address(ip: IpAddr, policy: TargetPolicy) -> Result<(), TargetRefusal> {
    check_one(ip, policy)?;
    if let IpAddr::V6(v6) = ip {
        for v4 in embedded_ipv4(v6) {
            check_one(IpAddr::V4(v4), policy).map_err(|refusal| match refusal {
                TargetRefusal::Address(_, why) => TargetRefusal::Embedded(v6, v4, why),
                other => other,
            })?;
        }
    }
    Ok(())
}

fn check_one(ip: IpAddr, policy: TargetPolicy) -> Result<(), TargetRefusal> {
    let refuse = |why| Err(TargetRefusal::Address(ip, why));
    if ip.is_unspecified() || ip.is_multicast() || is_broadcast(ip) {
        return refuse("non-unicast");
    }
    if is_metadata(ip) && !policy.allow_link_local {
        return refuse("cloud metadata");
    }
    if is_link_local(ip) && !policy.allow_link_local {
        return refuse("link-local");
    }
    if ip.is_loopback() && !policy.allow_private {
        return refuse("loopback");
    }
    if is_private(ip) && !policy.allow_private {
        return refuse("private");
    }
    if is_reserved(ip) && !policy.allow_private {
        return refuse("reserved");
    }
    Ok(())
}

/// The 32 bits of `v6` that start `start` bits from the top, as an IPv4 address.
#[expect(
    clippy::as_conversions,
    reason = "the value is masked to 32 bits first, so the cast keeps every bit"
)]
fn v4_at(v6: u128, start: u32) -> Ipv4Addr {
    Ipv4Addr::from(((v6 >> (96 - start)) & 0xffff_ffff) as u32)
}

/// `len` bits of `v6` starting `start` bits from the top.
#[expect(
    clippy::as_conversions,
    reason = "callers take at most 32 bits and the value is masked to them, so the cast keeps every bit"
)]
fn bits(v6: u128, start: u32, len: u32) -> u32 {
    ((v6 >> (128 - start - len)) & ((1u128 << len) - 1)) as u32
}

/// The IPv4 addresses an IPv6 address hands its packets to, by the transition mechanisms a
/// host or its network may apply on the way.
fn embedded_ipv4(v6: Ipv6Addr) -> Vec<Ipv4Addr> {
    let n = u128::from(v6);
    let s = v6.segments();
    let mut out = Vec::new();
    // ::ffff:a.b.c.d, IPv4-mapped (RFC 4291 2.5.5.2).
    if let Some(v4) = v6.to_ipv4_mapped() {
        out.push(v4);
    }
    // ::a.b.c.d, IPv4-compatible (RFC 4291 2.5.5.1, deprecated but still routed by some
    // stacks); :: and ::1 are the unspecified and loopback addresses themselves.
    if n >> 32 == 0 && n > 1 {
        out.push(v4_at(n, 96));
    }
    // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765).
    if n >> 32 == 0xffff_0000 {
        out.push(v4_at(n, 96));
    }
    // 64:ff9b::/96, the NAT64 well-known prefix (RFC 6052).
    if n >> 32 == 0x0064_ff9b_0000_0000_0000_0000 {
        out.push(v4_at(n, 96));
    }
    // 64:ff9b:1::/48, local-use NAT64 (RFC 8215): the network picks the prefix length, so
    // every RFC 6052 position it may use (/48, /56, /64, /96) is checked. The positions not
    // in use read as the zero padding or prefix bits around the address; 0.0.0.0/8 is no
    // target a translator forwards to, so those readings are left out.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 {
        let candidates = [
            Ipv4Addr::from((bits(n, 48, 16) << 16) | bits(n, 72, 16)),
            Ipv4Addr::from((bits(n, 56, 8) << 24) | bits(n, 72, 24)),
            v4_at(n, 72),
            v4_at(n, 96),
        ];
        out.extend(candidates.into_iter().filter(|v4| v4.octets()[0] != 0));
    }
    // 2002::/16, 6to4 (RFC 3056): the relay is at bits 16 to 48.
    if s[0] == 0x2002 {
        out.push(v4_at(n, 16));
    }
    // 2001::/32, Teredo (RFC 4380): the server at bits 32 to 64 and the client, inverted,
    // in the last 32.
    if s[0] == 0x2001 && s[1] == 0 {
        out.push(v4_at(n, 32));
        out.push(Ipv4Addr::from(!bits(n, 96, 32)));
    }
    out
}

fn is_broadcast(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V4(v4) if v4.is_broadcast())
}

fn is_metadata(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4 == Ipv4Addr::new(169, 254, 169, 254),
        // AWS's IPv6 instance metadata address.
        IpAddr::V6(v6) => v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254),
    }
}

fn is_link_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_link_local(),
        IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
    }
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 besides RFC 1918.
            v4.is_private() || (a == 100 && (64..128).contains(&b)) || a == 0
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            // fc00::/7 unique-local, fec0::/10 site-local (deprecated, still routed inside
            // some networks), 64:ff9b:1::/48 local-use NAT64.
            (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfec0
                || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1)
                || is_metadata(ip)
        }
    }
}

/// Special-purpose blocks that are not the public internet (RFC 6890 and its updates).
fn is_reserved(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            // 192.0.0.0/24 protocol assignments, 192.0.2.0/24, 198.51.100.0/24 and
            // 203.0.113.0/24 documentation, 198.18.0.0/15 benchmarking, 240.0.0.0/4 future use.
            (a, b, c) == (192, 0, 0)
                || (a, b, c) == (192, 0, 2)
                || (a, b, c) == (198, 51, 100)
                || (a, b, c) == (203, 0, 113)
                || (a == 198 && (b & 0xfe) == 18)
                || a >= 240
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            // 100::/64 discard-only, 2001:db8::/32 documentation.
            (s[0] == 0x100 && s[1..4] == [0, 0, 0]) || (s[0] == 0x2001 && s[1] == 0xdb8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_integrators_hear_about_maps_to_its_event_types() {
        use EventType::*;
        let cases: [(&str, &str, &str, &[EventType]); 11] = [
            (
                "complaint.created",
                "received",
                "received",
                &[ComplaintCreated],
            ),
            (
                "complaint.acknowledge",
                "received",
                "acknowledged",
                &[ComplaintAcknowledged],
            ),
            (
                "complaint.issue_response",
                "approved",
                "responded",
                &[ComplaintResponded],
            ),
            (
                "complaint.resolve_summarily",
                "acknowledged",
                "closed",
                &[ComplaintResponded, ComplaintClosed],
            ),
            ("complaint.close", "responded", "closed", &[ComplaintClosed]),
            (
                "complaint.withdraw",
                "investigating",
                "closed",
                &[ComplaintClosed],
            ),
            (
                "timer.breached",
                "investigating",
                "investigating",
                &[TimerBreached],
            ),
            (
                "escalation.raised",
                "investigating",
                "investigating",
                &[EscalationRaised],
            ),
            ("complaint.assign", "acknowledged", "acknowledged", &[]),
            ("complaint.reopen", "closed", "investigating", &[]),
            (
                "complaint.transfer",
                "acknowledged",
                "transferred",
                &[ComplaintClosed],
            ),
        ];
        for (kind, before, after, expected) in cases {
            assert_eq!(complaint_events(kind, before, after), expected, "{kind}");
        }
    }

    #[test]
    fn only_a_check_with_a_verdict_is_an_improvement_verdict() {
        assert_eq!(
            improvement_event("improvement.check", true),
            Some(EventType::ImprovementVerdict)
        );
        assert_eq!(improvement_event("improvement.check", false), None);
        assert_eq!(
            improvement_event("improvement.created", false),
            Some(EventType::ImprovementCreated)
        );
        assert_eq!(improvement_event("improvement.triage", false), None);
    }

    #[test]
    fn event_type_names_read_back() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert_eq!(EventType::parse("complaint.deleted"), None);
    }

    #[test]
    fn the_signature_matches_the_standard_webhooks_reference_vector() {
        // The example from the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
    }

    #[test]
    fn a_malformed_secret_signs_nothing() {
        assert_eq!(
            sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "id", 1, b"{}"),
            None
        );
        assert_eq!(sign("whsec_not base64!", "id", 1, b"{}"), None);
    }

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let p = RetryPolicy::default();
        let secs: Vec<u64> = (1..=9).map(|n| p.backoff(n).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(p.backoff(1000).as_secs(), 3600);
    }

    #[test]
    fn jitter_keeps_a_wait_between_half_and_all_of_the_backoff() {
        let p = RetryPolicy::default();
        assert_eq!(p.wait(2, 0.0).as_secs(), 30);
        assert_eq!(p.wait(2, 1.0).as_secs(), 60);
        assert_eq!(p.wait(2, 7.0).as_secs(), 60);
    }

    #[test]
    fn retries_stop_at_the_end_of_the_window() {
        let p = RetryPolicy::default();
        let hour = Duration::from_secs(3600);
        assert!(p.may_retry(23 * hour, hour));
        assert!(!p.may_retry(23 * hour, hour + Duration::from_secs(1)));
    }

    #[test]
    fn targets_are_refused_by_scheme_credentials_and_address() {
        let strict = TargetPolicy::default();
        let open = TargetPolicy {
            allow_private: true,
            allow_link_local: false,
        };
        let cases: [(&str, Option<&str>, bool, TargetPolicy, bool); 14] = [
            ("https", Some("hooks.example.com"), false, strict, true),
            ("http", Some("hooks.example.com"), false, strict, true),
            ("ftp", Some("hooks.example.com"), false, strict, false),
            ("file", None, false, strict, false),
            ("https", Some("hooks.example.com"), true, strict, false),
            ("http", Some("169.254.169.254"), false, open, false),
            ("http", Some("metadata.google.internal"), false, open, false),
            ("http", Some("[fe80::1]"), false, open, false),
            ("http", Some("[::ffff:169.254.169.254]"), false, open, false),
            ("http", Some("127.0.0.1"), false, strict, false),
            ("http", Some("127.0.0.1"), false, open, true),
            ("http", Some("10.1.2.3"), false, strict, false),
            ("http", Some("0.0.0.0"), false, open, false),
            ("http", Some("93.184.216.34"), false, strict, true),
        ];
        for (scheme, host, creds, policy, allowed) in cases {
            assert_eq!(
                check_target(scheme, host, creds, policy).is_ok(),
                allowed,
                "{scheme}://{host:?} {policy:?}"
            );
        }
    }

    #[test]
    fn an_ipv4_address_inside_an_ipv6_one_is_held_to_the_ipv4_rules() {
        let strict = TargetPolicy::default();
        let open = TargetPolicy {
            allow_private: true,
            allow_link_local: false,
        };
        // (host, allowed under the strict policy, allowed with private targets allowed)
        let cases: &[(&str, bool, bool)] = &[
            // IPv4-compatible ::a.b.c.d
            ("[::127.0.0.1]", false, true),
            ("[::10.0.0.1]", false, true),
            ("[::169.254.169.254]", false, false),
            ("[::8.8.8.8]", true, true),
            // IPv4-mapped ::ffff:a.b.c.d, written either way
            ("[::ffff:127.0.0.1]", false, true),
            ("[::ffff:7f00:1]", false, true),
            ("[::ffff:192.168.1.1]", false, true),
            ("[::ffff:169.254.169.254]", false, false),
            ("[::ffff:0.0.0.0]", false, false),
            ("[::ffff:8.8.8.8]", true, true),
            // IPv4-translated ::ffff:0:a.b.c.d
            ("[::ffff:0:127.0.0.1]", false, true),
            ("[::ffff:0:8.8.8.8]", true, true),
            // NAT64 well-known prefix 64:ff9b::/96
            ("[64:ff9b::127.0.0.1]", false, true),
            ("[64:ff9b::10.1.2.3]", false, true),
            ("[64:ff9b::a9fe:a9fe]", false, false),
            ("[64:ff9b::8.8.8.8]", true, true),
            // local-use NAT64 64:ff9b:1::/48: private itself, and each position checked
            ("[64:ff9b:1::8.8.8.8]", false, true),
            ("[64:ff9b:1::169.254.169.254]", false, false),
            ("[64:ff9b:1:a9fe:a9:fe00::]", false, false),
            // 6to4 2002:a.b.c.d::/48
            ("[2002:7f00:1::1]", false, true),
            ("[2002:c0a8:101::1]", false, true),
            ("[2002:a9fe:a9fe::1]", false, false),
            ("[2002:808:808::1]", true, true),
            // Teredo 2001:0::/32: server in bits 32-64, client inverted in the last 32
            ("[2001:0:7f00:1::808:808]", false, true),
            ("[2001:0:808:808::80ff:fffe]", false, true),
            ("[2001:0:808:808::5601:5601]", false, false),
            ("[2001:0:808:808::f7f7:f7f7]", true, true),
            // Plain IPv6 and the other special blocks
            ("[::1]", false, true),
            ("[::]", false, false),
            ("[fd00::1]", false, true),
            ("[fec0::1]", false, true),
            ("[fe80::1]", false, false),
            ("[fd00:ec2::254]", false, false),
            ("[2001:db8::1]", false, true),
            ("[100::1]", false, true),
            ("[2606:4700::1111]", true, true),
            // Reserved IPv4 blocks
            ("198.18.0.1", false, true),
            ("192.0.0.170", false, true),
            ("192.0.2.1", false, true),
            ("240.0.0.1", false, true),
            ("255.255.255.255", false, false),
            // Names that are the loopback address by definition (RFC 6761)
            ("localhost", false, true),
            ("LocalHost.", false, true),
            ("api.localhost", false, true),
            ("localhost.example.com", true, true),
        ];
        for &(host, strict_ok, open_ok) in cases {
            for (policy, expected) in [(strict, strict_ok), (open, open_ok)] {
                let got = check_target("https", Some(host), false, policy);
                assert_eq!(got.is_ok(), expected, "{host} {policy:?}: {got:?}");
            }
        }
        // The refusal names both addresses, so a delivery's error says what happened.
        let refusal = check_target("http", Some("[::ffff:127.0.0.1]"), false, strict)
            .expect_err("refused")
            .to_string();
        assert_eq!(
            refusal,
            "::ffff:127.0.0.1 carries the IPv4 address 127.0.0.1, a loopback address"
        );
    }

    #[test]
    fn link_local_addresses_are_allowed_only_when_configured() {
        let policy = TargetPolicy {
            allow_private: false,
            allow_link_local: true,
        };
        let metadata = IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254));
        assert!(check_address(metadata, policy).is_ok());
        assert!(check_address(metadata, TargetPolicy::default()).is_err());
    }
}
