from enum import StrEnum


class Profile(StrEnum):
    ASIC_RG271 = "asic_rg271"
    CFPB = "cfpb"
    FCA_DISP = "fca_disp"
    FCA_PSD = "fca_psd"
    HOUSING_OMBUDSMAN = "housing_ombudsman"
    INTERNAL = "internal"
    SPSO = "spso"

    def __str__(self) -> str:
        return str(self.value)
