from enum import StrEnum


class CalendarId(StrEnum):
    AU_NSW = "au-nsw"
    UK_ENGLAND_WALES = "uk-england-wales"
    UK_NORTHERN_IRELAND = "uk-northern-ireland"
    UK_SCOTLAND = "uk-scotland"
    US_FEDERAL = "us-federal"

    def __str__(self) -> str:
        return str(self.value)
