"""Addresses for altgen's knobs: districts, the 2025 map, and the ways clerks write an address.

Written for altgen alone (standard library only), from general knowledge of Vietnamese administrative writing; it
shares no tables with the project's own generator or with the matching engine.
"""

from __future__ import annotations

import random

# Resolution 202/2025/QH15 (National Assembly, 12 June 2025, in force 1 July 2025): the 63 provinces and
# centrally-run cities become 34 (28 provinces, 6 cities). Each new unit -> the old units merged into it; a unit not
# listed kept its territory. Checked against the published list, e.g.
# https://vietaustralia.com/en/official-new-map-of-vietnam-s-34-provinces-and-cities-after-the-2025-merger.html
# Huế: Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025 (Resolution 175/2024/QH15).
MERGED_2025 = {
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
    "Huế": ["Thừa Thiên Huế"],
}
NEW_UNIT = {old: new for new, olds in MERGED_2025.items() for old in olds}
CITIES_OLD = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
CITIES_2025 = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}


def unit_2025(province: str) -> str:
    return NEW_UNIT.get(province, province)


# District names: altgen's own stock of two-syllable place names.
DISTRICT_FIRST = ["Yên", "Kim", "Thuận", "Hoài", "Chương", "Gia", "Lục", "Văn", "Như", "Đoan", "Quế", "Cẩm", "Hàm",
                  "Krông", "Mường", "Bảo", "Châu", "Mộc", "Cai", "Phù", "Triệu", "Hậu", "Tiên", "Lương"]
DISTRICT_SECOND = ["Thành", "Lâm", "Mỹ", "Lộc", "Nam", "Yên", "Sơn", "Hùng", "Xuân", "Thanh", "Giang", "Bình",
                   "Phú", "Lậy", "Hóa", "Đức", "Pắc", "Ninh", "Châu", "Cừ", "Lục"]


class Places:
    """Districts for altgen's communes, the 2025 renaming of communes, and address writing."""

    def __init__(self, rng: random.Random, registry_style: str):
        self.rng = rng  # form-side writing
        self.registry_style = registry_style
        self._districts: dict[tuple, tuple[str, str]] = {}
        self._renamed: dict[tuple, tuple[str, str]] = {}

    # --- the world (fixed: the same names whatever the seed)
    def district(self, prov: tuple, commune: str, urban: bool) -> tuple[str, str]:
        key = (prov[0], commune, urban)
        if key not in self._districts:
            w = random.Random(f"district|{prov[0]}|{commune}|{urban}")
            name = w.choice(DISTRICT_FIRST) + " " + w.choice(DISTRICT_SECOND)
            if urban:
                kind = "quận" if prov[1] in CITIES_OLD else w.choice(["thành phố", "thị xã"])
            else:
                kind = "huyện" if w.random() < 0.9 else "thị xã"
            self._districts[key] = (kind, name)
        return self._districts[key]

    def commune_2025(self, prov: tuple, commune: str, kind: str, district: str) -> tuple[str, str]:
        """(kind, name) of the commune since 1 July 2025: merged communes often took the former district's name."""
        key = (prov[0], commune, kind)
        if key not in self._renamed:
            w = random.Random(f"commune2025|{prov[0]}|{commune}|{kind}")
            r = w.random()
            if r < 0.55:
                name = commune
            elif r < 0.8:
                name = district
            else:
                name = w.choice(DISTRICT_FIRST) + " " + w.choice(DISTRICT_SECOND)
            self._renamed[key] = ("phường" if kind == "phường" else "xã", name)
        return self._renamed[key]

    # --- structure of altgen's one-line addresses
    def parts(self, address: str, prov: tuple, post2025: bool) -> list[tuple[str, str, str]]:
        """[(level, unit word, name)] of an altgen address 'locality, xã|phường X, tỉnh|TP. Y'."""
        pieces = address.split(", ")
        locality = pieces[0]
        unit, _, commune = pieces[1].partition(" ")
        urban = unit == "phường"
        dkind, dname = self.district(prov, commune, urban)
        if post2025:
            ckind, cname = self.commune_2025(prov, commune, unit, dname)
            new = unit_2025(prov[1])
            return [("locality", "", locality), ("commune", ckind, cname),
                    ("province", "thành phố" if new in CITIES_2025 else "tỉnh", new)]
        return [("locality", "", locality), ("commune", unit, commune), ("district", dkind, dname),
                ("province", "thành phố" if prov[1] in CITIES_OLD else "tỉnh", prov[1])]

    def renamed(self, address: str, prov: tuple) -> bool:
        old = self.parts(address, prov, False)[1]
        new = self.parts(address, prov, True)[1]
        return old[1:] != new[1:]

    def registry(self, address: str, prov: tuple, rng: random.Random) -> str:
        if self.registry_style == "full":
            return ", ".join(full(p) for p in self.parts(address, prov, False))
        return self.write(address, prov, self.registry_style, False, rng)

    def write(self, address: str, prov: tuple, style: str, post2025: bool, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        sep = rng.choices([", ", ",", " , ", " - "], [70, 12, 6, 12])[0]
        title = rng.random() < 0.35
        out = []
        for part in self.parts(address, prov, post2025):
            short = style == "abbreviated" or (style == "mixed" and rng.random() < 0.5)
            out.append(abbreviate(part, rng) if short else full(part, title))
        return sep.join(out)


def full(part: tuple[str, str, str], title: bool = False) -> str:
    level, unit, name = part
    if level == "locality":
        return name
    return f"{unit[:1].upper() + unit[1:] if title else unit} {name}"


LOCALITY_SHORT = {
    "Thôn": ["Th.{n}", "Th. {n}", "thôn {n}"],
    "Xóm": ["X.{n}", "X {n}", "xóm {n}"],
    "Bản": ["B.{n}", "bản {n}"],
    "Ấp": ["ấp {n}", "Ấp {n}", "A.{n}"],
    "Tổ dân phố": ["TDP {n}", "TDP.{n}", "tổ DP {n}", "Tổ {n}"],
    "Buôn": ["B.{n}", "buôn {n}"],
}


def abbreviate(part: tuple[str, str, str], rng: random.Random) -> str:
    level, unit, name = part
    if level == "locality":
        if name.startswith("số "):
            rest = name[3:]
            return rng.choice([f"SN {rest}", rest, f"Số {rest}", "sn " + rest])
        for word, forms in LOCALITY_SHORT.items():
            if name.startswith(word + " "):
                return rng.choice(forms).format(n=name[len(word) + 1:])
        return name
    if level == "commune":
        if unit == "phường":
            return rng.choice([f"P.{name}", f"P. {name}", f"Ph. {name}"])
        return rng.choice([f"X.{name}", f"X. {name}", f"x.{name}"])
    if level == "district":
        return {"huyện": rng.choice([f"H.{name}", f"H. {name}", f"h.{name}"]),
                "quận": rng.choice([f"Q.{name}", f"Q. {name}"]),
                "thị xã": rng.choice([f"TX.{name}", f"TX {name}", f"T.X {name}"]),
                "thành phố": rng.choice([f"TP.{name}", f"TP {name}", f"T.P {name}"])}[unit]
    if unit == "thành phố":
        if name == "Hồ Chí Minh" and rng.random() < 0.5:
            return rng.choice(["TP.HCM", "TPHCM", "HCM"])
        return rng.choice([f"TP.{name}", f"TP {name}", f"Tp.{name}", name])
    return rng.choice([f"T.{name}", f"T. {name}", f"tỉnh {name}", name])
