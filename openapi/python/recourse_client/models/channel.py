from enum import StrEnum


class Channel(StrEnum):
    EMAIL = "email"
    FAX = "fax"
    IN_PERSON = "in_person"
    LETTER = "letter"
    OTHER = "other"
    PHONE = "phone"
    REFERRAL = "referral"
    SOCIAL = "social"
    WEB = "web"

    def __str__(self) -> str:
        return str(self.value)
