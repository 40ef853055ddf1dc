"""The five seed documents as sources, and the passages the demo data cites from them."""

SEED_000 = ("000_09ffc1bb1314747c.txt",
            "Tjänsteskrivelse – Idéburet offentligt partnerskap med Bilda och Erikshjälpen",
            "", "2023-08-29")
SEED_001 = ("001_bfceebe2dea17a96.txt",
            "Tjänsteskrivelse – Idéburet Offentligt Partnerskap med Östergötlands Stadsmission",
            "AN 2023-165", "2023-08-30")
SEED_002 = ("002_6c4350cbae436dad.txt",
            "Revidering av IOP Hoppfull framtid, Linköpings Stadsmission", "", "odaterad")
SEED_003 = ("003_d14aefa08a5edf10.txt", "Information om Idéburet offentligt partnerskap (IOP)",
            "", "februari 2020")
SEED_004 = ("004_7cb9ee76da2b846d.txt",
            "Tjänsteskrivelse – Idéburet offentligt partnerskap, Internationella "
            "Kvinnoföreningen i Linköping", "", "november 2020")

ALL = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]
