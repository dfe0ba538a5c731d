//! The root-cause taxonomy: ten fixed groups (L1) and the codes under them (L2), written
//! `L1.L2`. Codes are deprecated or merged, never deleted; a merge leaves a mapping so history
//! and trends follow the surviving code. Sources: `procedure.md` §C.2.

/// A root-cause group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    pub code: &'static str,
    pub label: &'static str,
}

/// The ten groups.
pub const GROUPS: [Group; 10] = [
    Group {
        code: "PEO",
        label: "People",
    },
    Group {
        code: "PRC",
        label: "Process",
    },
    Group {
        code: "POL",
        label: "Policy",
    },
    Group {
        code: "SYS",
        label: "Systems and technology",
    },
    Group {
        code: "PRD",
        label: "Product and service design",
    },
    Group {
        code: "TPY",
        label: "Third party",
    },
    Group {
        code: "COM",
        label: "Communication",
    },
    Group {
        code: "CHX",
        label: "Complaint handling",
    },
    Group {
        code: "EXT",
        label: "External and customer factors",
    },
    Group {
        code: "NFF",
        label: "No failing found",
    },
];

/// A seeded code: `(code, label, definition)`.
pub type Seed = (&'static str, &'static str, &'static str);

/// The codes Recourse starts with.
pub const SEED: &[Seed] = &[
    (
        "PEO.KNOWLEDGE",
        "Knowledge gap",
        "Staff lacked the training or competence the task needed.",
    ),
    (
        "PEO.ERROR",
        "Human error",
        "A slip or lapse although adequate controls and training were in place.",
    ),
    (
        "PEO.BEHAVIOUR",
        "Behaviour",
        "Attitude or courtesy fell short of the expected standard.",
    ),
    (
        "PEO.JUDGEMENT",
        "Judgement",
        "Discretion was available and was misapplied.",
    ),
    (
        "PEO.CAPACITY",
        "Capacity",
        "Staffing or workload prevented the task being done properly.",
    ),
    (
        "PEO.SUPERVISION",
        "Supervision",
        "Oversight or quality checking of staff was missing or weak.",
    ),
    (
        "PRC.DESIGN",
        "Process design",
        "The process, followed as designed, does not achieve the intended outcome.",
    ),
    (
        "PRC.NOT_FOLLOWED",
        "Process not followed",
        "A sound process existed and was not followed.",
    ),
    (
        "PRC.HANDOFF",
        "Handoff",
        "Work was lost or delayed passing between teams or systems.",
    ),
    (
        "PRC.DELAY",
        "Backlog or queue",
        "A backlog or queue delayed the outcome.",
    ),
    (
        "PRC.CONTROL_GAP",
        "Control gap",
        "A check that would have caught the failure was missing.",
    ),
    (
        "PRC.DOCUMENTATION",
        "Procedure documentation",
        "The written procedure was unclear, wrong or out of date.",
    ),
    (
        "POL.UNCLEAR",
        "Unclear policy",
        "The policy was ambiguous, so it was applied inconsistently or wrongly.",
    ),
    (
        "POL.UNFAIR_OUTCOME",
        "Unfair outcome",
        "The policy worked as designed but gave a poor outcome for the customer.",
    ),
    (
        "POL.INCONSISTENT",
        "Inconsistent policies",
        "Two policies, or policy and practice, contradict each other.",
    ),
    (
        "POL.REGULATORY_MISALIGNMENT",
        "Regulatory misalignment",
        "The policy does not reflect a regulatory requirement.",
    ),
    (
        "POL.PRICING_FEES",
        "Pricing and fees",
        "A price, charge or fee policy caused the detriment.",
    ),
    (
        "SYS.OUTAGE",
        "Outage",
        "A system or service was unavailable.",
    ),
    (
        "SYS.DEFECT",
        "Defect",
        "Software behaved incorrectly (a bug).",
    ),
    (
        "SYS.DATA_QUALITY",
        "Data quality",
        "Data held was wrong, missing or out of date.",
    ),
    (
        "SYS.USABILITY",
        "Usability",
        "A digital journey was confusing or hard to complete.",
    ),
    (
        "SYS.INTEGRATION",
        "Integration",
        "Systems exchanged data wrongly or not at all.",
    ),
    (
        "SYS.SECURITY_FRAUD",
        "Security or fraud",
        "A security weakness or fraud caused the detriment.",
    ),
    (
        "PRD.FEATURE_GAP",
        "Feature gap",
        "The product lacks a feature customers reasonably expect.",
    ),
    (
        "PRD.TERMS",
        "Terms and conditions",
        "The terms caused the detriment or were unfair or unclear.",
    ),
    (
        "PRD.SUITABILITY",
        "Suitability",
        "The product was sold to or used by customers outside its target market.",
    ),
    (
        "PRD.QUALITY_DEFECT",
        "Quality defect",
        "The product or service was faulty or below standard.",
    ),
    (
        "PRD.VALUE",
        "Value",
        "The product gives poor value for money.",
    ),
    (
        "TPY.SUPPLIER_PERFORMANCE",
        "Supplier performance",
        "A supplier did not perform as contracted.",
    ),
    (
        "TPY.OUTSOURCED_PROCESS",
        "Outsourced process",
        "A process run by a third party failed.",
    ),
    (
        "TPY.PARTNER_COMMUNICATION",
        "Partner communication",
        "A partner gave the customer wrong or no information.",
    ),
    (
        "TPY.CONTRACTOR_QUALITY",
        "Contractor quality",
        "A contractor's work was poor or late.",
    ),
    (
        "COM.INFO_MISSING",
        "Information missing",
        "The customer was not told something they needed to know.",
    ),
    (
        "COM.INFO_INCORRECT",
        "Information incorrect",
        "The customer was told something wrong.",
    ),
    (
        "COM.UNCLEAR",
        "Unclear communication",
        "The message was right but unclear (jargon, format).",
    ),
    (
        "COM.NOT_UPDATED",
        "No progress updates",
        "The customer was not kept informed of progress.",
    ),
    (
        "COM.EXPECTATION",
        "Expectation set wrongly",
        "Sales or onboarding set an expectation the service does not meet.",
    ),
    (
        "COM.ACCESSIBILITY",
        "Accessibility",
        "Adjustments of format, language or channel were not made.",
    ),
    (
        "CHX.DELAY",
        "Complaint handling delay",
        "The complaint itself was handled too slowly.",
    ),
    (
        "CHX.INADEQUATE_INVESTIGATION",
        "Inadequate investigation",
        "The complaint was not properly investigated.",
    ),
    (
        "CHX.REDRESS_INADEQUATE",
        "Inadequate redress",
        "The redress offered did not put things right.",
    ),
    (
        "CHX.NOT_RECOGNISED",
        "Complaint not recognised",
        "Dissatisfaction was expressed but not logged as a complaint.",
    ),
    (
        "EXT.CUSTOMER_ACTION",
        "Customer action",
        "The customer's own action caused the problem.",
    ),
    (
        "EXT.MARKET_EVENT",
        "Market event",
        "A market movement outside the organisation's control.",
    ),
    (
        "EXT.REGULATORY_CHANGE",
        "Regulatory change",
        "A change in regulation or law.",
    ),
    (
        "EXT.FORCE_MAJEURE",
        "Force majeure",
        "An event outside anyone's reasonable control.",
    ),
    (
        "NFF.EXPECTATION_GAP",
        "Expectation gap",
        "No failing: the customer expected more than was promised.",
    ),
    (
        "NFF.DISAGREES_WITH_LEGITIMATE_DECISION",
        "Disagrees with a legitimate decision",
        "No failing: a correct decision the customer disagrees with.",
    ),
    (
        "NFF.INSUFFICIENT_EVIDENCE",
        "Insufficient evidence",
        "No failing could be established on the evidence.",
    ),
];

/// Where a code stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeStatus {
    Active,
    Deprecated,
    Merged,
}

impl CodeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeStatus::Active => "active",
            CodeStatus::Deprecated => "deprecated",
            CodeStatus::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<CodeStatus> {
        [
            CodeStatus::Active,
            CodeStatus::Deprecated,
            CodeStatus::Merged,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

impl crate::domain::vocabulary::Vocabulary for CodeStatus {
    fn values() -> &'static [CodeStatus] {
        &[
            CodeStatus::Active,
            CodeStatus::Deprecated,
            CodeStatus::Merged,
        ]
    }

    fn text(self) -> &'static str {
        self.as_str()
    }
}

/// Why a code is not acceptable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    Malformed,
    UnknownGroup,
}

/// Splits `L1.L2` and checks its form and group: three capitals, a dot, then capitals, digits
/// or underscores (1 to 40).
pub fn parse_code(code: &str) -> Result<(&str, &str), CodeError> {
    let (l1, l2) = code.split_once('.').ok_or(CodeError::Malformed)?;
    let l1_ok = l1.len() == 3 && l1.bytes().all(|b| b.is_ascii_uppercase());
    let l2_ok = (1..=40).contains(&l2.len())
        && l2
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !l1_ok || !l2_ok {
        return Err(CodeError::Malformed);
    }
    if !GROUPS.iter().any(|g| g.code == l1) {
        return Err(CodeError::UnknownGroup);
    }
    Ok((l1, l2))
}

/// Why a code cannot be used for a new classification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UseError {
    Unknown,
    Deprecated,
    MergedInto(String),
}

/// A code as a classification may use it: only active codes; a merged one names its survivor.
pub fn usable(status: Option<(CodeStatus, Option<&str>)>) -> Result<(), UseError> {
    match status {
        None => Err(UseError::Unknown),
        Some((CodeStatus::Active, _)) => Ok(()),
        Some((CodeStatus::Deprecated, _)) => Err(UseError::Deprecated),
        Some((CodeStatus::Merged, into)) => {
            Err(UseError::MergedInto(into.unwrap_or_default().to_owned()))
        }
    }
}

/// Every code whose history counts as `code`'s: itself and the codes merged into it, directly
/// or through a chain of merges. `merges` lists `(from, into)`.
pub fn aliases(code: &str, merges: &[(String, String)]) -> Vec<String> {
    let mut found = vec![code.to_owned()];
    let mut i = 0;
    while let Some(target) = found.get(i).cloned() {
        for (from, into) in merges {
            if *into == target && !found.contains(from) {
                found.push(from.clone());
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_has_every_group_and_well_formed_unique_codes() {
        for g in GROUPS {
            assert!(
                SEED.iter().any(|(c, _, _)| c.starts_with(g.code)),
                "{}",
                g.code
            );
        }
        for (code, label, definition) in SEED {
            assert_eq!(parse_code(code).map(|_| ()), Ok(()), "{code}");
            assert!(!label.is_empty() && !definition.is_empty(), "{code}");
        }
        let mut codes: Vec<_> = SEED.iter().map(|(c, _, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), SEED.len());
    }

    #[test]
    fn codes_are_checked_for_form_and_group() {
        let cases = [
            ("PRC.HANDOFF", Ok(("PRC", "HANDOFF"))),
            ("SYS.ERROR_2", Ok(("SYS", "ERROR_2"))),
            ("PRC", Err(CodeError::Malformed)),
            ("prc.handoff", Err(CodeError::Malformed)),
            ("PRCX.HANDOFF", Err(CodeError::Malformed)),
            ("PRC.", Err(CodeError::Malformed)),
            ("PRC.HAND-OFF", Err(CodeError::Malformed)),
            ("XYZ.THING", Err(CodeError::UnknownGroup)),
        ];
        for (code, want) in cases {
            assert_eq!(parse_code(code), want, "{code}");
        }
    }

    #[test]
    fn only_active_codes_may_be_used_and_a_merged_one_names_its_survivor() {
        assert_eq!(usable(Some((CodeStatus::Active, None))), Ok(()));
        assert_eq!(usable(None), Err(UseError::Unknown));
        assert_eq!(
            usable(Some((CodeStatus::Deprecated, None))),
            Err(UseError::Deprecated)
        );
        assert_eq!(
            usable(Some((CodeStatus::Merged, Some("PRC.HANDOFF")))),
            Err(UseError::MergedInto("PRC.HANDOFF".into()))
        );
    }

    #[test]
    fn a_surviving_code_gathers_the_history_of_codes_merged_into_it_through_chains() {
        let merges = vec![
            ("PRC.A".to_owned(), "PRC.B".to_owned()),
            ("PRC.B".to_owned(), "PRC.C".to_owned()),
            ("SYS.X".to_owned(), "SYS.Y".to_owned()),
        ];
        let mut got = aliases("PRC.C", &merges);
        got.sort();
        assert_eq!(got, ["PRC.A", "PRC.B", "PRC.C"]);
        assert_eq!(aliases("SYS.X", &merges), ["SYS.X"]);
    }
}
