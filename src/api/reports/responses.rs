//! The answers each report operation declares.

use super::*;

api_response! {
    pub enum VolumesResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::VolumesReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`, or a
        /// `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum OutcomesResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::OutcomesReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`; `group_by` without `from` and `to`, or with more than 400
        /// periods; a `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum TimelinessResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::TimelinessReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`; `group_by` without `from` and `to`, or with more than 400
        /// periods; a `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum FlowResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::FlowReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`; `group_by` without `from` and `to`, or with more than 400
        /// periods; a `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum BacklogResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::BacklogReport>),
    }
    errors {
        /// The caller's roles do not allow reading the backlog.
        Forbidden = 403,
    }
}

api_response! {
    pub enum PeopleResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::PeopleReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`, or a
        /// `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum VulnerableGapResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::VulnerableGapReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`, or a
        /// `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum SatisfactionResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::SatisfactionReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`; `group_by` without `from` and `to`, or with more than 400
        /// periods; a `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum FcaReturnResponse {
        /// The return.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::FcaReturn>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// The period ends before it starts, is longer than a year, or lies before 1970 or more
        /// than a year ahead (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum ParetoResponse {
        /// The report.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::ParetoReport>),
    }
    errors {
        /// The caller's roles do not allow reading reports.
        Forbidden = 403,
        /// `from` or `to` before 1970 or more than a year ahead, or `to` before `from`, or a
        /// `product` not in the catalogue (`field` names it).
        UnprocessableEntity = 422,
    }
}
