//! Recurrence rules: when complaints with the same root cause amount to something an
//! improvement item should look at. Each rule is a plain function over the complaints the
//! service hands it, and each hit says which complaints matched and why. Sources:
//! `procedure.md` §C.3 (R1, R5, R6, R10).

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// A classified complaint as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub id: Uuid,
    pub received_at: DateTime<Utc>,
    pub product: String,
    pub channel: String,
}

/// The rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// R1: at least N complaints with the same primary cause (optionally per product) received
    /// within W days.
    Threshold,
    /// R5: one complaint flagged potentially systemic.
    Systemic,
    /// R6: the same cause across at least K products or channels within W days.
    Spread,
    /// R10: a cause whose fix went live crosses the threshold again afterwards.
    PostFix,
}

impl Rule {
    pub const ALL: [Rule; 4] = [Rule::Threshold, Rule::Systemic, Rule::Spread, Rule::PostFix];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Threshold => "threshold",
            Rule::Systemic => "systemic",
            Rule::Spread => "spread",
            Rule::PostFix => "post_fix",
        }
    }

    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The parameters of the rules, as an admin set them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    pub threshold_enabled: bool,
    pub min_cases: u32,
    pub window_days: u32,
    /// Count per product rather than across products.
    pub by_product: bool,
    pub systemic_enabled: bool,
    pub spread_enabled: bool,
    pub min_spread: u32,
    pub post_fix_enabled: bool,
}

impl Default for Params {
    /// 5 in 30 days across products; a systemic flag counts; spread over 2 products or
    /// channels; recurrence after a fix reopens.
    fn default() -> Self {
        Params {
            threshold_enabled: true,
            min_cases: 5,
            window_days: 30,
            by_product: false,
            systemic_enabled: true,
            spread_enabled: true,
            min_spread: 2,
            post_fix_enabled: true,
        }
    }
}

/// A rule that fired: the complaints that matched, the window they fell in, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub rule: Rule,
    /// Oldest first.
    pub matched: Vec<Uuid>,
    pub window_from: DateTime<Utc>,
    pub window_to: DateTime<Utc>,
    pub explanation: String,
}

/// The key an improvement item is kept under: one open item per cause (and product, when the
/// threshold counts per product).
pub fn rule_key(cause: &str, product: Option<&str>) -> String {
    format!("{cause}|{}", product.unwrap_or("*"))
}

/// The cases a key counts: those of its product when the threshold counts per product, else
/// all of them.
pub fn of_key(cases: &[Case], product: Option<&str>) -> Vec<Case> {
    cases
        .iter()
        .filter(|c| product.is_none_or(|p| c.product == p))
        .cloned()
        .collect()
}

fn sorted(cases: &[Case]) -> Vec<&Case> {
    let mut v: Vec<&Case> = cases.iter().collect();
    v.sort_by_key(|c| (c.received_at, c.id));
    v
}

/// Every window `[t, t + W days)` starting at a complaint's receipt that satisfies `fires`:
/// the union of their complaints, and the span from the first such window's start to the last
/// one's end.
fn windows(
    cases: &[Case],
    window_days: u32,
    fires: impl Fn(&[&Case]) -> bool,
) -> Option<(Vec<Uuid>, DateTime<Utc>, DateTime<Utc>)> {
    let cases = sorted(cases);
    let width = Duration::days(i64::from(window_days));
    let mut matched: Vec<Uuid> = Vec::new();
    let mut span: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    // Both ends of the window only move forward, and so does the end of what is already
    // matched: one pass, linear in the cases (a key can hold thousands at scale).
    let mut end_ix = 0;
    let mut matched_to = 0;
    for (i, first) in cases.iter().enumerate() {
        let end = first.received_at + width;
        end_ix = end_ix.max(i);
        while cases.get(end_ix).is_some_and(|c| c.received_at < end) {
            end_ix += 1;
        }
        // `i <= end_ix <= cases.len()`, and `matched_to` never passes `end_ix`.
        let inside = cases.get(i..end_ix).unwrap_or_default();
        if fires(inside) {
            for c in cases.get(matched_to.max(i)..end_ix).unwrap_or_default() {
                matched.push(c.id);
            }
            matched_to = matched_to.max(end_ix);
            span = Some(span.map_or((first.received_at, end), |(from, _)| (from, end)));
        }
    }
    span.map(|(from, to)| (matched, from, to))
}

/// R1 over the complaints of one key.
pub fn threshold(cause: &str, cases: &[Case], p: &Params) -> Option<Hit> {
    if !p.threshold_enabled || p.min_cases == 0 {
        return None;
    }
    let n = usize::try_from(p.min_cases).unwrap_or(usize::MAX);
    windows(cases, p.window_days, |inside| inside.len() >= n).map(|(matched, from, to)| Hit {
        rule: Rule::Threshold,
        explanation: format!(
            "{} complaints with primary cause {cause} received within {} days (rule: at least {} in {} days{})",
            matched.len(),
            p.window_days,
            p.min_cases,
            p.window_days,
            if p.by_product { ", per product" } else { "" },
        ),
        matched,
        window_from: from,
        window_to: to,
    })
}

/// R6: the cause spread across products or channels.
pub fn spread(cause: &str, cases: &[Case], p: &Params) -> Option<Hit> {
    if !p.spread_enabled || p.min_spread < 2 {
        return None;
    }
    let k = usize::try_from(p.min_spread).unwrap_or(usize::MAX);
    let distinct = |inside: &[&Case], field: fn(&Case) -> &str| {
        let mut seen: Vec<&str> = inside.iter().map(|c| field(c)).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    windows(cases, p.window_days, |inside| {
        distinct(inside, |c| &c.product) >= k || distinct(inside, |c| &c.channel) >= k
    })
    .map(|(matched, from, to)| Hit {
        rule: Rule::Spread,
        explanation: format!(
            "primary cause {cause} across {k} or more products or channels within {} days",
            p.window_days
        ),
        matched,
        window_from: from,
        window_to: to,
    })
}

/// R5: a complaint flagged potentially systemic.
pub fn systemic(cause: &str, case: &Case, p: &Params) -> Option<Hit> {
    p.systemic_enabled.then(|| Hit {
        rule: Rule::Systemic,
        matched: vec![case.id],
        window_from: case.received_at,
        window_to: case.received_at,
        explanation: format!("a complaint with primary cause {cause} flagged potentially systemic"),
    })
}

/// R10: after a fix went live (`live_from`, lag included), the complaints received since cross
/// the threshold again.
pub fn post_fix(cause: &str, cases: &[Case], live_from: DateTime<Utc>, p: &Params) -> Option<Hit> {
    if !p.post_fix_enabled {
        return None;
    }
    let since: Vec<Case> = cases
        .iter()
        .filter(|c| c.received_at >= live_from)
        .cloned()
        .collect();
    threshold(
        cause,
        &since,
        &Params {
            threshold_enabled: true,
            ..*p
        },
    )
    .map(|hit| Hit {
        rule: Rule::PostFix,
        explanation: format!(
            "after the fix went live on {}: {}",
            live_from.to_rfc3339(),
            hit.explanation
        ),
        ..hit
    })
}

#[cfg(test)]
#[expect(
    clippy::as_conversions,
    reason = "fixtures number their items from a small loop counter"
)]
mod tests {
    use super::*;
    use crate::domain::testing::t;

    fn case(n: u128, at: &str, product: &str, channel: &str) -> Case {
        Case {
            id: Uuid::from_u128(n),
            received_at: t(at),
            product: product.into(),
            channel: channel.into(),
        }
    }

    fn days_apart(offsets: &[i64]) -> Vec<Case> {
        offsets
            .iter()
            .enumerate()
            .map(|(i, d)| Case {
                id: Uuid::from_u128(i as u128 + 1),
                received_at: t("2026-10-01T12:00:00Z") + Duration::days(*d),
                product: "current_account".into(),
                channel: "phone".into(),
            })
            .collect()
    }

    #[test]
    fn the_threshold_fires_on_n_cases_inside_the_window_and_not_at_its_edge() {
        let p = Params::default();
        // (receipt offsets in days, fires, matched, why)
        let table: &[(&[i64], bool, usize, &str)] = &[
            (&[0, 1, 2, 3], false, 0, "four are too few"),
            (&[0, 5, 10, 20, 29], true, 5, "five inside 30 days"),
            (
                &[0, 5, 10, 20, 30],
                false,
                0,
                "the fifth lands exactly 30 days on: outside",
            ),
            (
                &[0, 5, 10, 20, 29, 45],
                true,
                5,
                "a later case outside every window is not evidence",
            ),
            (
                &[0, 5, 10, 20, 29, 31],
                true,
                6,
                "a sixth inside a second window is evidence",
            ),
            (&[0, 40, 80, 120, 160], false, 0, "spread out over months"),
        ];
        for (offsets, fires, matched, why) in table {
            let hit = threshold("PRC.HANDOFF", &days_apart(offsets), &p);
            assert_eq!(hit.is_some(), *fires, "{why}");
            assert_eq!(hit.map_or(0, |h| h.matched.len()), *matched, "{why}");
        }
        let mut off = p;
        off.threshold_enabled = false;
        assert!(threshold("PRC.HANDOFF", &days_apart(&[0, 1, 2, 3, 4]), &off).is_none());
    }

    #[test]
    fn a_hit_names_its_cases_oldest_first_its_window_and_its_rule() {
        let cases = days_apart(&[3, 0, 2, 1, 4]);
        let hit = threshold("SYS.OUTAGE", &cases, &Params::default());
        let hit = hit.expect("fires");
        assert_eq!(
            hit.matched,
            [2, 4, 3, 1, 5].map(Uuid::from_u128).to_vec(),
            "ordered by receipt"
        );
        assert_eq!(hit.window_from, t("2026-10-01T12:00:00Z"));
        assert_eq!(hit.window_to, t("2026-10-31T12:00:00Z"));
        assert!(hit.explanation.contains("SYS.OUTAGE"));
        assert!(hit.explanation.contains("at least 5 in 30 days"));
    }

    #[test]
    fn counted_per_product_five_cases_split_three_and_two_do_not_fire() {
        let mut cases = days_apart(&[0, 1, 2, 3, 4]);
        for c in cases.iter_mut().skip(3) {
            c.product = "savings".into();
        }
        let across = Params::default();
        assert!(threshold("PRC.HANDOFF", &of_key(&cases, None), &across).is_some());
        let per_product = Params {
            by_product: true,
            ..Params::default()
        };
        for product in ["current_account", "savings"] {
            let keyed = of_key(&cases, Some(product));
            assert!(
                threshold("PRC.HANDOFF", &keyed, &per_product).is_none(),
                "{product}"
            );
        }
        assert_eq!(of_key(&cases, Some("savings")).len(), 2);
    }

    #[test]
    fn spread_needs_two_products_or_two_channels_inside_the_window() {
        let p = Params::default();
        let one = [
            case(1, "2026-10-01T00:00:00Z", "mortgage", "phone"),
            case(2, "2026-10-05T00:00:00Z", "mortgage", "phone"),
        ];
        assert!(spread("COM.UNCLEAR", &one, &p).is_none());
        let products = [
            case(1, "2026-10-01T00:00:00Z", "mortgage", "phone"),
            case(2, "2026-10-05T00:00:00Z", "savings", "phone"),
        ];
        assert_eq!(
            spread("COM.UNCLEAR", &products, &p).map(|h| h.matched.len()),
            Some(2)
        );
        let channels = [
            case(1, "2026-10-01T00:00:00Z", "mortgage", "phone"),
            case(2, "2026-10-05T00:00:00Z", "mortgage", "web"),
        ];
        assert!(spread("COM.UNCLEAR", &channels, &p).is_some());
        let apart = [
            case(1, "2026-10-01T00:00:00Z", "mortgage", "phone"),
            case(2, "2026-11-05T00:00:00Z", "savings", "web"),
        ];
        assert!(spread("COM.UNCLEAR", &apart, &p).is_none());
    }

    #[test]
    fn recurrence_after_a_fix_counts_only_cases_received_once_it_went_live() {
        let p = Params::default();
        let cases = days_apart(&[0, 1, 2, 3, 4, 40, 41, 42, 43]);
        let live = t("2026-10-20T00:00:00Z");
        assert!(
            post_fix("PRC.HANDOFF", &cases, live, &p).is_none(),
            "four since"
        );
        let more = days_apart(&[0, 1, 2, 3, 4, 40, 41, 42, 43, 44]);
        let hit = post_fix("PRC.HANDOFF", &more, live, &p).expect("five since");
        assert_eq!(hit.rule, Rule::PostFix);
        assert_eq!(hit.matched.len(), 5);
        assert!(hit.explanation.starts_with("after the fix went live"));
    }

    #[test]
    fn a_systemic_flag_is_a_hit_on_its_own_and_keys_name_cause_and_product() {
        let c = case(7, "2026-10-01T00:00:00Z", "mortgage", "phone");
        let hit = systemic("PRD.TERMS", &c, &Params::default()).expect("fires");
        assert_eq!(hit.matched, vec![Uuid::from_u128(7)]);
        let off = Params {
            systemic_enabled: false,
            ..Params::default()
        };
        assert!(systemic("PRD.TERMS", &c, &off).is_none());
        assert_eq!(rule_key("PRD.TERMS", None), "PRD.TERMS|*");
        assert_eq!(
            rule_key("PRD.TERMS", Some("mortgage")),
            "PRD.TERMS|mortgage"
        );
    }
}
