//! What a case records as it goes: the communications sent to the complainant, the remedies
//! offered, and the referral to an ombudsman or external scheme.

use crate::domain::case::complaint::vocabulary;

vocabulary!(
    /// What a communication to the complainant was.
    CommunicationKind {
        Acknowledgement = "acknowledgement",
        SummaryResolution = "summary_resolution",
        HoldingResponse = "holding_response",
        ExtensionNotice = "extension_notice",
        StageResponse = "stage_response",
        FinalResponse = "final_response",
        ReferralRights = "referral_rights",
    }
);

vocabulary!(
    /// What a remedy is.
    RemedyKind {
        Apology = "apology",
        Explanation = "explanation",
        CorrectiveAction = "corrective_action",
        DecisionChanged = "decision_changed",
        RecordAmended = "record_amended",
        FinancialLossCompensation = "financial_loss_compensation",
        DistressInconveniencePayment = "distress_inconvenience_payment",
        Interest = "interest",
        GoodwillPayment = "goodwill_payment",
        FeeRefundOrWaiver = "fee_refund_or_waiver",
        Other = "other",
    }
);

vocabulary!(
    /// Where a remedy stands.
    RemedyStatus {
        Due = "due",
        Completed = "completed",
        Declined = "declined",
    }
);

vocabulary!(
    /// An ombudsman or external dispute-resolution scheme.
    ReferralScheme {
        FinancialOmbudsmanService = "financial_ombudsman_service",
        ScottishPublicServicesOmbudsman = "scottish_public_services_ombudsman",
        HousingOmbudsman = "housing_ombudsman",
        Afca = "afca",
        Cfpb = "cfpb",
        Other = "other",
    }
);

vocabulary!(
    /// An ombudsman's or scheme's decision.
    ReferralDecision {
        Upheld = "upheld",
        PartiallyUpheld = "partially_upheld",
        NotUpheld = "not_upheld",
        Settled = "settled",
        Withdrawn = "withdrawn",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocabulary::Vocabulary;

    fn round_trips<T: Vocabulary>() {
        for v in T::values() {
            assert_eq!(T::from_text(v.text()), Some(*v));
        }
        assert_eq!(T::from_text("unknown"), None);
    }

    #[test]
    fn vocabularies_round_trip() {
        round_trips::<CommunicationKind>();
        round_trips::<RemedyKind>();
        round_trips::<RemedyStatus>();
        round_trips::<ReferralScheme>();
        round_trips::<ReferralDecision>();
    }
}
