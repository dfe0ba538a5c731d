"""Contains all the data models used in inputs/outputs"""

from .acknowledge_action import AcknowledgeAction
from .action_availability import ActionAvailability
from .action_list import ActionList
from .action_name import ActionName
from .ageing_bucket import AgeingBucket
from .assign_action import AssignAction
from .backlog_report import BacklogReport
from .calendar_id import CalendarId
from .category import Category
from .category_input import CategoryInput
from .category_list import CategoryList
from .cause_level import CauseLevel
from .chain_verification import ChainVerification
from .channel import Channel
from .check_result import CheckResult
from .classification import Classification
from .classification_input import ClassificationInput
from .code_status import CodeStatus
from .cohort_figures import CohortFigures
from .communication_input import CommunicationInput
from .communication_list import CommunicationList
from .communication_record import CommunicationRecord
from .complainant import Complainant
from .complainant_patch import ComplainantPatch
from .complaint import Complaint
from .complaint_event import ComplaintEvent
from .complaint_page import ComplaintPage
from .complaint_patch import ComplaintPatch
from .complaint_sort import ComplaintSort
from .complaint_state import ComplaintState
from .created_webhook import CreatedWebhook
from .deadline_preview import DeadlinePreview
from .definition import Definition
from .delivery_state import DeliveryState
from .due_rule import DueRule
from .error_code import ErrorCode
from .escalate_action import EscalateAction
from .escalation import Escalation
from .escalation_page import EscalationPage
from .event_page import EventPage
from .evidence import Evidence
from .evidence_list import EvidenceList
from .extend_action import ExtendAction
from .extension_rule import ExtensionRule
from .fca_figures import FcaFigures
from .fca_return import FcaReturn
from .fca_return_row import FcaReturnRow
from .feedback import Feedback
from .flow_report import FlowReport
from .format_ import Format
from .go_live_action import GoLiveAction
from .group_by import GroupBy
from .health import Health
from .history_action import HistoryAction
from .history_entry import HistoryEntry
from .history_role import HistoryRole
from .holiday import Holiday
from .holiday_list import HolidayList
from .import_batch import ImportBatch
from .import_case import ImportCase
from .import_problem import ImportProblem
from .import_report import ImportReport
from .import_result import ImportResult
from .import_source import ImportSource
from .import_status import ImportStatus
from .imported_from import ImportedFrom
from .improvement import Improvement
from .improvement_list import ImprovementList
from .improvement_page import ImprovementPage
from .internal_targets import InternalTargets
from .internal_targets_setting import InternalTargetsSetting
from .issue_response_action import IssueResponseAction
from .item_plan import ItemPlan
from .item_state import ItemState
from .item_task import ItemTask
from .local_instant import LocalInstant
from .me import Me
from .mean_figure import MeanFigure
from .merge_action import MergeAction
from .merge_root_cause import MergeRootCause
from .money_total import MoneyTotal
from .new_complainant import NewComplainant
from .new_complaint import NewComplaint
from .new_improvement import NewImprovement
from .new_root_cause import NewRootCause
from .new_team import NewTeam
from .new_webhook import NewWebhook
from .note_action import NoteAction
from .others_affected import OthersAffected
from .outcome import Outcome
from .outcome_count import OutcomeCount
from .outcomes_report import OutcomesReport
from .pareto_bar import ParetoBar
from .pareto_report import ParetoReport
from .people_report import PeopleReport
from .person_row import PersonRow
from .plan_action import PlanAction
from .priority import Priority
from .problem import Problem
from .profile import Profile
from .profile_info import ProfileInfo
from .profile_list import ProfileList
from .propose_response_action import ProposeResponseAction
from .rate_figure import RateFigure
from .reason_action import ReasonAction
from .record_referral_outcome_action import RecordReferralOutcomeAction
from .recurrence_rules import RecurrenceRules
from .recurrence_rules_setting import RecurrenceRulesSetting
from .recurrence_run import RecurrenceRun
from .redress_paid import RedressPaid
from .refer_action import ReferAction
from .referral import Referral
from .referral_decision import ReferralDecision
from .referral_scheme import ReferralScheme
from .refusal_reason import RefusalReason
from .remedy_input import RemedyInput
from .remedy_kind import RemedyKind
from .remedy_list import RemedyList
from .remedy_record import RemedyRecord
from .remedy_status import RemedyStatus
from .reopen_action import ReopenAction
from .replay_queued import ReplayQueued
from .replay_range import ReplayRange
from .request_information_action import RequestInformationAction
from .resolve_summarily_action import ResolveSummarilyAction
from .role import Role
from .root_cause import RootCause
from .root_cause_change import RootCauseChange
from .root_cause_group import RootCauseGroup
from .root_cause_list import RootCauseList
from .root_cause_patch import RootCausePatch
from .satisfaction_report import SatisfactionReport
from .score_count import ScoreCount
from .settle_remedy import SettleRemedy
from .settlement import Settlement
from .span import Span
from .span_unit import SpanUnit
from .standardisation import Standardisation
from .start_action import StartAction
from .start_event import StartEvent
from .state_count import StateCount
from .survey_invitation import SurveyInvitation
from .survey_list import SurveyList
from .survey_record import SurveyRecord
from .survey_status import SurveyStatus
from .task_input import TaskInput
from .task_status import TaskStatus
from .team import Team
from .team_page import TeamPage
from .timeliness_report import TimelinessReport
from .timer import Timer
from .timer_extension import TimerExtension
from .timer_kind import TimerKind
from .timer_preview import TimerPreview
from .timer_rule import TimerRule
from .timer_state import TimerState
from .transfer_action import TransferAction
from .triage_action import TriageAction
from .unavailable_reason import UnavailableReason
from .update_task_action import UpdateTaskAction
from .verdict import Verdict
from .volume_point import VolumePoint
from .volumes_report import VolumesReport
from .vulnerability import Vulnerability
from .vulnerability_driver import VulnerabilityDriver
from .vulnerability_input import VulnerabilityInput
from .vulnerability_read import VulnerabilityRead
from .vulnerability_read_page import VulnerabilityReadPage
from .vulnerable_gap_report import VulnerableGapReport
from .webhook import Webhook
from .webhook_attempt import WebhookAttempt
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_detail import WebhookDeliveryDetail
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_event_type import WebhookEventType
from .webhook_list import WebhookList
from .webhook_patch import WebhookPatch
from .why_because import WhyBecause
from .why_step import WhyStep
from .withdraw_action import WithdrawAction

__all__ = (
    "AcknowledgeAction",
    "ActionAvailability",
    "ActionList",
    "ActionName",
    "AgeingBucket",
    "AssignAction",
    "BacklogReport",
    "CalendarId",
    "Category",
    "CategoryInput",
    "CategoryList",
    "CauseLevel",
    "ChainVerification",
    "Channel",
    "CheckResult",
    "Classification",
    "ClassificationInput",
    "CodeStatus",
    "CohortFigures",
    "CommunicationInput",
    "CommunicationList",
    "CommunicationRecord",
    "Complainant",
    "ComplainantPatch",
    "Complaint",
    "ComplaintEvent",
    "ComplaintPage",
    "ComplaintPatch",
    "ComplaintSort",
    "ComplaintState",
    "CreatedWebhook",
    "DeadlinePreview",
    "Definition",
    "DeliveryState",
    "DueRule",
    "ErrorCode",
    "EscalateAction",
    "Escalation",
    "EscalationPage",
    "EventPage",
    "Evidence",
    "EvidenceList",
    "ExtendAction",
    "ExtensionRule",
    "FcaFigures",
    "FcaReturn",
    "FcaReturnRow",
    "Feedback",
    "FlowReport",
    "Format",
    "GoLiveAction",
    "GroupBy",
    "Health",
    "HistoryAction",
    "HistoryEntry",
    "HistoryRole",
    "Holiday",
    "HolidayList",
    "ImportBatch",
    "ImportCase",
    "ImportedFrom",
    "ImportProblem",
    "ImportReport",
    "ImportResult",
    "ImportSource",
    "ImportStatus",
    "Improvement",
    "ImprovementList",
    "ImprovementPage",
    "InternalTargets",
    "InternalTargetsSetting",
    "IssueResponseAction",
    "ItemPlan",
    "ItemState",
    "ItemTask",
    "LocalInstant",
    "Me",
    "MeanFigure",
    "MergeAction",
    "MergeRootCause",
    "MoneyTotal",
    "NewComplainant",
    "NewComplaint",
    "NewImprovement",
    "NewRootCause",
    "NewTeam",
    "NewWebhook",
    "NoteAction",
    "OthersAffected",
    "Outcome",
    "OutcomeCount",
    "OutcomesReport",
    "ParetoBar",
    "ParetoReport",
    "PeopleReport",
    "PersonRow",
    "PlanAction",
    "Priority",
    "Problem",
    "Profile",
    "ProfileInfo",
    "ProfileList",
    "ProposeResponseAction",
    "RateFigure",
    "ReasonAction",
    "RecordReferralOutcomeAction",
    "RecurrenceRules",
    "RecurrenceRulesSetting",
    "RecurrenceRun",
    "RedressPaid",
    "ReferAction",
    "Referral",
    "ReferralDecision",
    "ReferralScheme",
    "RefusalReason",
    "RemedyInput",
    "RemedyKind",
    "RemedyList",
    "RemedyRecord",
    "RemedyStatus",
    "ReopenAction",
    "ReplayQueued",
    "ReplayRange",
    "RequestInformationAction",
    "ResolveSummarilyAction",
    "Role",
    "RootCause",
    "RootCauseChange",
    "RootCauseGroup",
    "RootCauseList",
    "RootCausePatch",
    "SatisfactionReport",
    "ScoreCount",
    "Settlement",
    "SettleRemedy",
    "Span",
    "SpanUnit",
    "Standardisation",
    "StartAction",
    "StartEvent",
    "StateCount",
    "SurveyInvitation",
    "SurveyList",
    "SurveyRecord",
    "SurveyStatus",
    "TaskInput",
    "TaskStatus",
    "Team",
    "TeamPage",
    "TimelinessReport",
    "Timer",
    "TimerExtension",
    "TimerKind",
    "TimerPreview",
    "TimerRule",
    "TimerState",
    "TransferAction",
    "TriageAction",
    "UnavailableReason",
    "UpdateTaskAction",
    "Verdict",
    "VolumePoint",
    "VolumesReport",
    "Vulnerability",
    "VulnerabilityDriver",
    "VulnerabilityInput",
    "VulnerabilityRead",
    "VulnerabilityReadPage",
    "VulnerableGapReport",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryDetail",
    "WebhookDeliveryPage",
    "WebhookEventType",
    "WebhookList",
    "WebhookPatch",
    "WhyBecause",
    "WhyStep",
    "WithdrawAction",
)
