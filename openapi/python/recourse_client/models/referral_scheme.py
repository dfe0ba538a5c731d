from enum import StrEnum


class ReferralScheme(StrEnum):
    AFCA = "afca"
    CFPB = "cfpb"
    FINANCIAL_OMBUDSMAN_SERVICE = "financial_ombudsman_service"
    HOUSING_OMBUDSMAN = "housing_ombudsman"
    OTHER = "other"
    SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN = "scottish_public_services_ombudsman"

    def __str__(self) -> str:
        return str(self.value)
