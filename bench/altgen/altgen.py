#!/usr/bin/env python3
"""altgen: an independent generator of interchange-format test data (registry.csv, forms.csv, truth.csv).

Written from docs/interchange.md alone, to check that the matching engine generalises beyond the project's own
generator. Standard library only.

    python3 bench/altgen/altgen.py --persons 100000 --seed 1 --out /tmp/alt
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import knobs as K  # noqa: E402
import lunar  # noqa: E402
import names as N  # noqa: E402
import vietext as V  # noqa: E402

TODAY = dt.date(2026, 1, 1)


# ----------------------------------------------------------------------------------------------- names

class Name:
    """A person's name in parts. shape 'std': family middles... given; shape 'ede': Y/H'given ... family last."""

    def __init__(self, family: str, middles: list[str], given: str, shape: str = "std"):
        self.family, self.middles, self.given, self.shape = family, list(middles), given, shape

    def copy(self) -> "Name":
        return Name(self.family, self.middles, self.given, self.shape)

    def render(self) -> str:
        if self.shape == "ede":
            return " ".join([*self.middles, self.given, self.family])
        return " ".join(p for p in [self.family, *self.middles, self.given] if p)


def weighted(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def kinh_surname(rng: random.Random, southern: bool) -> str:
    s = weighted(rng, N.KINH_SURNAMES)
    # The regional pairs lean north or south.
    if southern and s in ("Hoàng", "Vũ") and rng.random() < 0.6:
        s = {"Hoàng": "Huỳnh", "Vũ": "Võ"}[s]
    if not southern and s in ("Huỳnh", "Võ") and rng.random() < 0.6:
        s = {"Huỳnh": "Hoàng", "Võ": "Vũ"}[s]
    return s


def make_name(rng: random.Random, eth: str, gender: str, family: str, born: int,
              middle: str | None = None, given: str | None = None) -> Name:
    male = gender == "male"
    if eth == "Ê Đê":
        g = given or rng.choice(N.EDE_GIVEN_MALE if male else N.EDE_GIVEN_FEMALE)
        return Name(family, ["Y"], g, "ede") if male else Name(family, [], "H'" + g, "ede")
    if eth == "Kinh":
        if middle is None:
            older = born < 1975
            if male:
                middle = "Văn" if older and rng.random() < 0.6 else rng.choice(N.KINH_MIDDLE_MALE)
            else:
                middle = "Thị" if older and rng.random() < 0.7 else rng.choice(N.KINH_MIDDLE_FEMALE)
        mids = [middle] if middle else []
        r = rng.random()
        if r < 0.12 and not male and mids:
            mids.append(rng.choice([m for m in N.KINH_MIDDLE_FEMALE if m != "Thị" and m != middle]))
        elif r < 0.16 and male and mids:
            mids.append(rng.choice([m for m in N.KINH_MIDDLE_MALE if m != "Văn" and m != middle]))
        elif r > 0.985:
            mids = []
        g = given or rng.choice(N.KINH_GIVEN_MALE if male else N.KINH_GIVEN_FEMALE)
        return Name(family, mids, g)
    spec = N.MINORITY[eth]
    if middle is None:
        middle = rng.choice(spec["mid_m"] if male else spec["mid_f"])
    g = given or rng.choice(spec["given"])
    return Name(family, [middle] if middle else [], g)


def family_name(rng: random.Random, eth: str, southern: bool) -> str:
    if eth == "Kinh":
        return kinh_surname(rng, southern)
    if eth == "Ê Đê":
        return rng.choice(N.EDE_FAMILIES)
    return rng.choice(N.MINORITY[eth]["surnames"])


# ----------------------------------------------------------------------------------------------- population

class Person:
    __slots__ = ("rid", "pid", "old_id", "name", "dob", "prec", "gender", "prov", "commune", "eth", "address",
                 "hometown", "father", "mother", "reg_father", "reg_mother", "hh", "tags", "style", "southern")

    def __init__(self):
        self.tags: list[str] = []


def random_date(rng: random.Random, y: int) -> dt.date:
    start = dt.date(y, 1, 1)
    days = (dt.date(y, 12, 31) - start).days
    d = start + dt.timedelta(days=rng.randint(0, days))
    return min(d, TODAY - dt.timedelta(days=1))


class Population:
    def __init__(self, rng: random.Random, persons: int, knobs: K.Knobs | None = None):
        self.rng = rng
        self.knobs = knobs
        self.target = persons
        self.people: list[Person] = []
        self.pids: set[str] = set()
        self.old_ids: set[str] = set()
        self.by_commune: dict[tuple[str, str], list[Person]] = {}
        self.hh_members: dict[int, list[Person]] = {}
        self.eth_provinces: dict[str, list[tuple[str, str, str]]] = {}
        for p in N.PROVINCES:
            for e in p[2].split(" "):
                e = {"H'Mông": "H'Mông", "Ê": "Ê Đê", "Đê": None}.get(e, e)
                if e:
                    self.eth_provinces.setdefault(e, []).append(p)
        self.communes = {p[0]: rng.sample(N.COMMUNE_STEMS, 6) for p in N.PROVINCES}

    # --- identifiers
    def new_pid(self, prov: str, gender: str, year: int, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        century = 0 if year < 2000 else 2
        digit = century + (0 if gender == "male" else 1)
        while True:
            pid = f"{prov}{digit}{year % 100:02d}{rng.randint(0, 999999):06d}"
            if pid not in self.pids:
                self.pids.add(pid)
                return pid

    def new_old_id(self) -> str:
        while True:
            oid = f"{self.rng.choice('0123')}{self.rng.randint(0, 99999999):08d}"
            if oid not in self.old_ids:
                self.old_ids.add(oid)
                return oid

    # --- households
    def pick_place(self, eth: str):
        prov = self.rng.choice(self.eth_provinces[eth])
        commune = self.rng.choice(self.communes[prov[0]])
        return self.knobs.place(prov, commune) if self.knobs else (prov, commune)

    def address(self, prov, commune: str, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        if prov[1] in ("Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ") and rng.random() < 0.6:
            return f"số {rng.randint(1, 300)} {rng.choice(N.STREETS)}, phường {commune}, TP. {prov[1]}"
        return f"{rng.choice(N.HAMLETS)} {rng.randint(1, 15)}, xã {commune}, tỉnh {prov[1]}"

    def ethnicity(self) -> str:
        return weighted(self.rng, [("Kinh", 80), ("Tày", 3), ("Thái", 3), ("Mường", 2), ("H'Mông", 3.5),
                                   ("Khmer", 2.5), ("Ê Đê", 2), ("Nùng", 2), ("Dao", 2)])

    def make_person(self, name: Name, dob: dt.date, gender: str, prov, commune: str, eth: str, hh: int,
                    address: str, hometown: str, father: Name | None, mother: Name | None, southern: bool) -> Person:
        rng = self.rng
        p = Person()
        p.name, p.dob, p.gender, p.prov, p.commune, p.eth, p.hh = name, dob, gender, prov, commune, eth, hh
        p.address, p.hometown, p.father, p.mother, p.southern = address, hometown, father, mother, southern
        p.style = "old" if rng.random() < 0.7 else "new"
        p.pid = self.new_pid(prov[0], gender, dob.year) if rng.random() < 0.985 else None
        p.old_id = self.new_old_id() if dob.year <= 1999 and rng.random() < 0.6 else None
        y = dob.year
        r = rng.random()
        p.prec = ("y" if r < 0.35 else "ym" if r < 0.43 else "ymd") if y < 1955 else (
            "y" if r < 0.04 else "ymd") if y < 1975 else "ymd"
        missing_parents = 0.45 if y < 1960 else 0.08
        p.reg_father = father if father and rng.random() > missing_parents else None
        p.reg_mother = mother if mother and rng.random() > missing_parents else None
        if eth != "Kinh":
            p.tags.append("eth:" + V.strip_diacritics(eth).replace(" ", "").replace("'", ""))
        return p

    def add(self, p: Person):
        p.rid = f"HT{len(self.people) * 7919 % 10_000_019:08d}"
        self.people.append(p)
        self.by_commune.setdefault((p.prov[0], p.commune), []).append(p)
        self.hh_members.setdefault(p.hh, []).append(p)

    def generate(self):
        hh = 0
        while len(self.people) < self.target:
            hh += 1
            self.household(hh)
        del self.people[self.target:]

    def household(self, hh: int):
        rng = self.rng
        eth = self.ethnicity()
        prov, commune = self.pick_place(eth)
        southern = prov[0] >= N.SOUTHERN_FROM
        address = self.address(prov, commune)
        hometown = f"xã {commune}, {prov[1]}" if rng.random() < 0.7 else f"{rng.choice(N.COMMUNE_STEMS)}, {rng.choice(N.PROVINCES)[1]}"
        fy = rng.randint(1932, 1996)
        my = min(fy + rng.randint(-3, 9), 2000)
        f_fam = family_name(rng, eth, southern)
        m_fam = family_name(rng, eth, southern)
        grand = lambda g, fam, y: make_name(rng, eth, g, fam, y - 28)  # noqa: E731
        father = make_name(rng, eth, "male", f_fam, fy)
        mother = make_name(rng, eth, "female", m_fam, my)
        if eth == "Ê Đê":  # matrilineal: the children carry the mother's family name
            father.family, mother.family = family_name(rng, eth, southern), m_fam
        fam_child = mother.family if eth == "Ê Đê" else father.family
        # The parents themselves, when the household is old enough to be surveyed as adults.
        fd, md = random_date(rng, fy), random_date(rng, my)
        for who, d, g in ((father, fd, "male"), (mother, md, "female")):
            if rng.random() < 0.85:
                pf = grand("male", who.family if eth != "Ê Đê" else family_name(rng, eth, southern), d.year)
                pm = grand("female", family_name(rng, eth, southern), d.year)
                if eth == "Ê Đê":
                    pm.family = who.family
                self.add(self.make_person(who, d, g, prov, commune, eth, hh, address, hometown, pf, pm, southern))
        # Children: more of them in older households.
        n = weighted(rng, [(0, 1), (1, 3), (2, 5), (3, 3 if my < 1975 else 1), (4, 2 if my < 1970 else 0.3),
                           (5, 1 if my < 1965 else 0.1)])
        theme_m = rng.choice(N.SIBLING_THEMES_MALE) if eth == "Kinh" and rng.random() < 0.25 else None
        theme_f = rng.choice(N.SIBLING_THEMES_FEMALE) if eth == "Kinh" and rng.random() < 0.25 else None
        shared_mid = {"male": None, "female": None}
        if eth == "Kinh" and rng.random() < 0.5:
            shared_mid = {"male": rng.choice(N.KINH_MIDDLE_MALE), "female": rng.choice(N.KINH_MIDDLE_FEMALE)}
        used: set[str] = set()
        year = my + rng.randint(18, 26)
        i = 0
        while i < n and year <= 2025:
            twins = rng.random() < 0.03
            born = random_date(rng, year)
            for t in range(2 if twins else 1):
                g = rng.choice(["male", "female"])
                theme = theme_m if g == "male" else theme_f
                given = None
                if theme:
                    free = [x for x in theme if x not in used]
                    given = free[0] if free else None
                for _ in range(20):
                    nm = make_name(rng, eth, g, fam_child, born.year, middle=shared_mid[g], given=given)
                    if nm.render() not in used:
                        break
                    given = None
                used.add(nm.given)
                used.add(nm.render())
                addr = address if born.year > 2000 or rng.random() < 0.5 else self.address(prov, commune)
                p = self.make_person(nm, born, g, prov, commune, eth, hh, addr, hometown, father, mother, southern)
                if twins:
                    p.tags.append("twin")
                if theme and given:
                    p.tags.append("sibling_theme")
                self.namesake(p)
                self.add(p)
                i += 1
            year = born.year + rng.randint(1, 4)

    def namesake(self, p: Person):
        """Now and then an unrelated neighbour already carries exactly this child's name (same commune)."""
        rng = self.rng
        if rng.random() > 0.015:
            return
        others = [q for q in self.by_commune.get((p.prov[0], p.commune), []) if q.gender == p.gender and q.hh != p.hh
                  and q.eth == p.eth]
        if not others:
            return
        q = rng.choice(others)
        p.name = q.name.copy()
        p.tags.append("namesake")
        if "namesake" not in q.tags:
            q.tags.append("namesake")

    def absent_person(self, hh: int) -> Person:
        """Someone surveyed but not in the registry; a third of them share a registered neighbour's name."""
        rng = self.rng
        if rng.random() < 0.33:
            q = rng.choice(self.people)
            born = random_date(rng, max(1935, min(2024, q.dob.year + rng.choice([-1, 1]) * rng.randint(2, 25))))
            pf = make_name(rng, q.eth, "male", q.name.family, born.year - 28)
            pm = make_name(rng, q.eth, "female", family_name(rng, q.eth, q.southern), born.year - 26)
            p = self.make_person(q.name.copy(), born, q.gender, q.prov, q.commune, q.eth, hh,
                                 self.address(q.prov, q.commune), q.hometown, pf, pm, q.southern)
            p.tags.append("absent_namesake")
        else:
            eth = self.ethnicity()
            prov, commune = self.pick_place(eth)
            southern = prov[0] >= N.SOUTHERN_FROM
            g = rng.choice(["male", "female"])
            born = random_date(rng, rng.randint(1940, 2020))
            fam = family_name(rng, eth, southern)
            pf = make_name(rng, eth, "male", fam, born.year - 28)
            pm = make_name(rng, eth, "female", family_name(rng, eth, southern), born.year - 26)
            nm = make_name(rng, eth, g, pm.family if eth == "Ê Đê" else fam, born.year)
            p = self.make_person(nm, born, g, prov, commune, eth, hh, self.address(prov, commune),
                                 f"xã {commune}, {prov[1]}", pf, pm, southern)
        p.tags.append("absent")
        p.rid = None
        if self.knobs and self.knobs.lookalikes:
            self.knobs.lookalike(self, p)
        return p


# ----------------------------------------------------------------------------------------------- registry

def registry_date(p: Person) -> str:
    d = p.dob
    return {"ymd": f"{d.year:04d}-{d.month:02d}-{d.day:02d}", "ym": f"{d.year:04d}-{d.month:02d}", "y": f"{d.year:04d}"}[p.prec]


def reg_name(name: Name | None, style: str) -> str:
    return V.restyle(unicodedata.normalize("NFC", name.render()), style) if name else ""


def registry_row(p: Person, knobs: K.Knobs | None = None) -> dict:
    return {
        "record_id": p.rid, "personal_id": p.pid or "", "old_id": p.old_id or "",
        "full_name": reg_name(p.name, p.style), "date_of_birth": registry_date(p), "gender": p.gender,
        "birth_place": p.prov[1], "hometown": p.hometown, "ethnicity": p.eth,
        "permanent_address": knobs.registry_address(p) if knobs else p.address,
        "father_name": reg_name(p.reg_father, p.style), "mother_name": reg_name(p.reg_mother, p.style),
    }


# ----------------------------------------------------------------------------------------------- damage

# Letter confusions that collectors really make when they write names by ear.
INITIAL_SWAPS = [("l", "n"), ("n", "l"), ("s", "x"), ("x", "s"), ("tr", "ch"), ("ch", "tr"), ("gi", "d"),
                 ("d", "gi"), ("r", "d"), ("v", "d"), ("d", "v")]
FINAL_SWAPS = [("ng", "n"), ("n", "ng"), ("c", "t"), ("t", "c"), ("nh", "n"), ("ch", "t")]
VOWEL_SWAPS = [("ư", "u"), ("u", "ư"), ("ơ", "o"), ("ô", "o"), ("o", "ô"), ("â", "a"), ("ă", "a"), ("ê", "e"),
               ("e", "ê"), ("i", "y"), ("y", "i")]
QWERTY = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok", "o": "ipl",
    "p": "ol", "a": "qsz", "s": "adwx", "d": "sfec", "f": "dgr", "g": "fht", "h": "gjy", "j": "hku", "k": "jli",
    "l": "ko", "z": "xa", "x": "zcs", "c": "xvd", "v": "cbf", "b": "vng", "n": "bmh", "m": "nj",
}


def pick(rng: random.Random, rates: list[tuple[str, float]]) -> str | None:
    """At most one kind, each with its own probability (the rates sum to less than 1)."""
    r = rng.random()
    acc = 0.0
    for kind, rate in rates:
        acc += rate
        if r < acc:
            return kind
    return None


def keep_case(src: str, out: str) -> str:
    return out[:1].upper() + out[1:] if src[:1].isupper() else out


def misspell_syllable(rng: random.Random, syl: str) -> tuple[str, str]:
    """One realistic misspelling of a syllable and the name of the mistake."""
    letters, tone = V.split_tone(syl)
    base = "".join(letters)
    low = base.lower()
    op = rng.random()
    if op < 0.30 and tone is not None:  # hỏi/ngã confusion, or another tone
        new = V.TILDE if tone == V.HOOK else V.HOOK if tone == V.TILDE else rng.choice([t for t in V.TONES if t != tone] + [None])
        return V.place_tone(letters, new, "old"), "tone"
    if op < 0.30:
        return V.place_tone(letters, rng.choice(V.TONES), "old"), "tone"
    if op < 0.50:
        for a, b in rng.sample(INITIAL_SWAPS, len(INITIAL_SWAPS)):
            if low.startswith(a) and not (a == "d" and low.startswith("đ")):
                nl = list(b + low[len(a):])
                return keep_case(base, V.place_tone(nl, tone, "old")), "initial"
    if op < 0.65:
        for a, b in rng.sample(FINAL_SWAPS, len(FINAL_SWAPS)):
            if low.endswith(a) and len(low) > len(a) + 1 and not (a == "n" and low.endswith("nh")) \
                    and not (a == "n" and low.endswith("ng")) and not (a == "c" and low.endswith("ch")) \
                    and not (a == "t" and low.endswith("ch")):
                nl = list(low[: -len(a)] + b)
                return keep_case(base, V.place_tone(nl, tone, "old")), "final"
    if op < 0.80:
        for a, b in rng.sample(VOWEL_SWAPS, len(VOWEL_SWAPS)):
            if a in low:
                nl = list(low.replace(a, b, 1))
                return keep_case(base, V.place_tone(nl, tone, "old")), "iy" if a + b in ("iy", "yi") else "vowel"
    # keyboard slip on a plain letter, or a dropped / doubled letter
    plain = [i for i, c in enumerate(low) if c in QWERTY]
    if not plain:
        return V.place_tone(letters, V.DOT if tone != V.DOT else V.ACUTE, "old"), "tone"
    i = rng.choice(plain)
    r = rng.random()
    if r < 0.6:
        nl = letters[:i] + [rng.choice(QWERTY[low[i]])] + letters[i + 1:]
        kind = "keyboard"
    elif r < 0.8 and len(letters) > 2:
        nl = letters[:i] + letters[i + 1:]
        kind = "dropped_letter"
    else:
        nl = letters[:i + 1] + [low[i]] + letters[i + 1:]
        kind = "doubled_letter"
    out = V.place_tone(nl, tone, "old")
    return (out[:1].upper() + out[1:] if syl[:1].isupper() else out), kind


REGIONAL = {"Hoàng": "Huỳnh", "Huỳnh": "Hoàng", "Vũ": "Võ", "Võ": "Vũ"}


def damage_name(rng: random.Random, name: Name, kind: str, eth: str, gender: str) -> tuple[Name, str, str] | None:
    """(damaged copy, flag kind, damage detail) or None when this kind does not apply to the name."""
    n = name.copy()
    if kind == "regional_variant":
        if n.family not in REGIONAL:
            return None
        n.family = REGIONAL[n.family]
        return n, "regional_variant", "regional_variant"
    if kind == "missing_middle_name":
        if n.shape != "std" or not n.middles:
            return None
        n.middles.pop(rng.randrange(len(n.middles)))
        return n, "missing_middle_name", "missing_middle_name"
    if kind == "extra_middle_name":
        if n.shape != "std" or len(n.middles) >= 2:
            return None
        pool = N.KINH_MIDDLE_MALE if gender == "male" else N.KINH_MIDDLE_FEMALE
        extra = rng.choice([m for m in pool if m not in n.middles])
        n.middles.insert(rng.randint(0, len(n.middles)), extra)
        return n, "extra_middle_name", "extra_middle_name"
    if kind == "name_order":
        if n.shape == "ede":
            return Name("", [], f"{n.family} {' '.join(n.middles + [n.given])}"), "name_order", "name_order_family_first"
        if not n.middles:
            return Name("", [], f"{n.given} {n.family}"), "name_order", "name_order_given_first"
        if rng.random() < 0.5:  # Western order: given middle family
            return Name("", [], " ".join([n.given, *n.middles, n.family])), "name_order", "name_order_western"
        return Name("", [], " ".join([n.given, n.family, *n.middles])), "name_order", "name_order_given_first"
    if kind == "spelling":
        r = rng.random()
        if r < 0.7 or not (n.middles or n.family):
            syls = n.given.split(" ")
            j = rng.randrange(len(syls))
            prefix = "H'" if syls[j].startswith("H'") else ""
            new, how = misspell_syllable(rng, syls[j][len(prefix):])
            syls[j] = prefix + new
            n.given = " ".join(syls)
        elif r < 0.85 and n.middles and n.middles[0] not in ("Y", "A"):
            j = rng.randrange(len(n.middles))
            n.middles[j], how = misspell_syllable(rng, n.middles[j])
        else:
            syls = n.family.split(" ")
            j = rng.randrange(len(syls))
            syls[j], how = misspell_syllable(rng, syls[j])
            n.family = " ".join(syls)
        return n, "spelling", "spelling_" + how
    raise ValueError(kind)


class Collector:
    """How one form was keyed in: one person, one keyboard, one habit for the whole row."""

    def __init__(self, rng: random.Random):
        self.encoding = weighted(rng, [("unicode", 58), ("nfd", 9), ("no_diacritics", 13), ("tcvn3", 10), ("vni", 10)])
        self.case = weighted(rng, [("asis", 56), ("upper", 27), ("lower", 8), ("mixed", 9)])
        self.tone_flip = rng.random() < 0.4
        self.spacing = rng.random() < 0.12

    @property
    def bare(self) -> bool:
        return self.encoding == "no_diacritics"


def render_name(rng: random.Random, text: str, reg_style: str, col: Collector, damages: list[str], field: str) -> str:
    """The name as the collector keyed it; records each cosmetic change that actually altered the text."""
    out = unicodedata.normalize("NFC", text)
    if col.tone_flip:
        flipped = V.restyle(out, "new" if reg_style == "old" else "old")
        if flipped != out:
            damages.append(f"{field}.tone_style")
        out = flipped
    if col.case == "upper":
        out = out.upper()
    elif col.case == "lower":
        out = out.lower()
    elif col.case == "mixed":
        out = " ".join(rng.choice([w.upper(), w.lower(), w.capitalize(), w]) for w in out.split(" "))
    if col.case != "asis":
        damages.append(f"{field}.case_{col.case}")
    if col.encoding == "nfd":
        out = unicodedata.normalize("NFD", out)
    elif col.encoding == "no_diacritics":
        out = V.strip_diacritics(out)
    elif col.encoding == "tcvn3":
        out = V.tcvn3_mojibake(out)
    elif col.encoding == "vni":
        out = V.vni_mojibake(out)
    if col.encoding != "unicode" and out != unicodedata.normalize("NFC", text):
        damages.append(f"{field}.{col.encoding}")
    if col.spacing or rng.random() < 0.04:
        words = out.split(" ")
        r = rng.random()
        if r < 0.5 and len(words) > 1:
            k = rng.randrange(1, len(words))
            out = " ".join(words[:k]) + "  " + " ".join(words[k:])
        elif r < 0.75:
            out = " " + out
        else:
            out = out + "  "
        damages.append(f"{field}.spacing")
    return out


def substantively_differs(form_nfc: str, reg_nfc: str, bare: bool) -> bool:
    return V.fold(form_nfc, bare) != V.fold(reg_nfc, bare)


# --- dates

DATE_FORMATS = [("dd/mm/yyyy", 40), ("d/m/yyyy", 12), ("dd-mm-yyyy", 8), ("dd.mm.yyyy", 7), ("yyyy-mm-dd", 10),
                ("dd/mm/yy", 8), ("words", 9)]


NUMERIC_DATE = {"dd/mm/yyyy": "{d:02d}/{m:02d}/{y:04d}", "d/m/yyyy": "{d}/{m}/{y:04d}", "dd-mm-yyyy": "{d:02d}-{m:02d}-{y:04d}",
                "dd.mm.yyyy": "{d:02d}.{m:02d}.{y:04d}", "yyyy-mm-dd": "{y:04d}-{m:02d}-{d:02d}",
                "dd/mm/yy": "{d:02d}/{m:02d}/{yy:02d}"}


def format_date(rng: random.Random, y: int, m: int, d: int, fmt: str) -> str:
    if fmt == "words":
        pad = rng.random() < 0.3
        word = "Ngày" if rng.random() < 0.15 else "ngày"
        return f"{word} {d:02d} tháng {m:02d} năm {y}" if pad else f"{word} {d} tháng {m} năm {y}"
    return NUMERIC_DATE[fmt].format(d=d, m=m, y=y, yy=y % 100)


def valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


DIGIT_SLIPS = {"0": "89", "1": "72", "2": "17", "3": "85", "4": "9", "5": "63", "6": "508", "7": "12", "8": "3600",
               "9": "40"}


def damage_date(rng: random.Random, d: dt.date, kind: str) -> tuple[int, int, int] | None:
    y, m, day = d.year, d.month, d.day
    if kind == "day_month_swapped":
        return (y, day, m) if day <= 12 and day != m else None
    if kind == "lunar_date":
        ld, lm, ly, _ = lunar.solar_to_lunar(day, m, y)
        return (ly, lm, ld) if valid(ly, lm, ld) and (ly, lm, ld) != (y, m, day) else None
    if kind == "year_off_by_one":
        ny = y + rng.choice([-1, 1])
        return (ny, m, day) if valid(ny, m, day) and dt.date(ny, m, day) < TODAY else None
    if kind == "digit_typo":
        text = f"{day:02d}{m:02d}{y:04d}"
        for _ in range(12):
            i = rng.choice([0, 1, 2, 3, 6, 7, 7])  # day, month, last two year digits
            new = text[:i] + rng.choice(DIGIT_SLIPS[text[i]]) + text[i + 1:]
            nd, nm, ny = int(new[:2]), int(new[2:4]), int(new[4:])
            if valid(ny, nm, nd) and abs(ny - y) != 1 and (nd, nm) != (m, day) and dt.date(ny, nm, nd) < TODAY:
                return ny, nm, nd
        return None
    if kind == "different":
        other = random_date(rng, max(1930, min(2024, y + rng.randint(-15, 15))))
        return (other.year, other.month, other.day) if other != d else None
    raise ValueError(kind)


# --- identity numbers

def format_id(rng: random.Random, num: str, damages: list[str]) -> str:
    r = rng.random()
    if r < 0.08:
        damages.append("personal_id.spaces")
        if len(num) == 12:
            return rng.choice([f"{num[:3]} {num[3:6]} {num[6:]}", f"{num[:4]} {num[4:8]} {num[8:]}",
                               " ".join(num[i:i + 3] for i in range(0, 12, 3))])
        return " ".join(num[i:i + 3] for i in range(0, 9, 3))
    if r < 0.13:
        damages.append("personal_id.dots")
        step = 3
        return ".".join(num[i:i + step] for i in range(0, len(num), step))
    return num


def damage_id(rng: random.Random, num: str, kind: str) -> str | None:
    if kind == "digit_typo":
        i = rng.randrange(len(num))
        return num[:i] + rng.choice(DIGIT_SLIPS[num[i]]) + num[i + 1:]
    if kind == "transposition":
        spots = [i for i in range(len(num) - 1) if num[i] != num[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return num[:i] + num[i + 1] + num[i] + num[i + 2:]
    if kind == "different":
        return "".join(rng.choice("0123456789") for _ in num)
    raise ValueError(kind)


GENDER_WORDS = {"male": ["Nam", "nam", "NAM", "M", "m", "male", "Male", "MALE"],
                "female": ["Nữ", "nữ", "NỮ", "F", "f", "female", "Female", "FEMALE"]}
GENDER_WEIGHTS = [16, 3, 4, 2, 1, 3, 1, 1]


# ----------------------------------------------------------------------------------------------- forms

class FormMaker:
    def __init__(self, rng: random.Random, pop: Population, knobs: K.Knobs | None = None):
        self.rng, self.pop, self.knobs = rng, pop, knobs

    def other_names(self, p: Person) -> set[str]:
        """Folded names of p's household: a damaged name must not become a sibling's (twins stay tellable)."""
        return {V.fold(q.name.render()) for q in self.pop.hh_members.get(p.hh, []) if q is not p}

    def name_field(self, p: Person, name: Name | None, reg: Name | None, field: str, col: Collector,
                   damages: list[str], flags: list[tuple[str, str]], rates: list[tuple[str, float]],
                   avoid: set[str], typo: bool = False) -> str:
        rng = self.rng
        if name is None:
            return ""
        shown = name
        kind = pick(rng, rates)
        if kind == "different":
            g = "male" if field == "father_name" else "female"
            fam = name.family if rng.random() < 0.5 else family_name(rng, p.eth, p.southern)
            cand = make_name(rng, p.eth, g, fam, p.dob.year - 28)
            if V.fold(cand.given) != V.fold(name.given):
                shown = cand
                self.record(field, "different", "different", reg, flags, damages)
        elif kind is not None:
            for _ in range(8):
                res = damage_name(rng, name, kind, p.eth, "male" if field == "father_name" else
                                  "female" if field == "mother_name" else p.gender)
                if res is None:
                    break
                cand, flag_kind, detail = res
                if substantively_differs(cand.render(), name.render(), col.bare) and V.fold(cand.render()) not in avoid:
                    shown = cand
                    self.record(field, flag_kind, detail, reg, flags, damages)
                    break
        if kind is None and typo:
            # The typo knob (its own stream): one keying slip, inside whatever encoding the collector then uses.
            for _ in range(6):
                res = self.knobs.typo(name, col.bare)
                if res and substantively_differs(res[0].render(), name.render(), col.bare) \
                        and V.fold(res[0].render()) not in avoid:
                    shown = res[0]
                    self.record(field, "spelling", "spelling_typo", reg, flags, damages)
                    damages.append(f"{field}.spelling_typo_{res[1]}")
                    if col.encoding in ("tcvn3", "vni"):
                        damages.append(f"{field}.spelling_typo_legacy")
                    break
        return render_name(rng, shown.render(), p.style, col, damages, field)

    @staticmethod
    def record(field: str, flag_kind: str, detail: str, reg, flags, damages):
        """A name change needs correcting only against a registry value; otherwise it is just noted."""
        if reg is not None:
            flags.append((field, flag_kind))
            damages.append(f"{field}.{detail}")
        else:
            damages.append(f"{field}.unregistered_value")

    def make(self, p: Person, form_id: str) -> tuple[dict, list[tuple[str, str]], list[str]]:
        rng = self.rng
        col = Collector(rng)
        flags: list[tuple[str, str]] = []
        damages: list[str] = list(p.tags)
        registered = p.rid is not None

        # full name
        name_rates = [("spelling", 0.045), ("missing_middle_name", 0.025), ("extra_middle_name", 0.012),
                      ("name_order", 0.015)]
        if p.name.family in REGIONAL:
            name_rates.insert(0, ("regional_variant", 0.2))
        typo = registered and self.knobs is not None and self.knobs.wants_typo()
        full = self.name_field(p, p.name, p.name if registered else None, "full_name", col, damages, flags,
                               name_rates if registered else [], self.other_names(p), typo)

        # date of birth
        dob = self.date_field(p, damages, flags, registered)

        # gender
        g = p.gender
        if registered and rng.random() < 0.004:
            g = "female" if g == "male" else "male"
            flags.append(("gender", "different"))
            damages.append("gender.different")
        gender = "" if rng.random() < 0.01 else weighted(rng, list(zip(GENDER_WORDS[g], GENDER_WEIGHTS)))
        if gender and gender not in ("male", "female"):
            damages.append("gender.format")

        # personal id
        pid = self.id_field(p, damages, flags, registered)

        # parents
        parent_rates = [("spelling", 0.025), ("missing_middle_name", 0.015), ("regional_variant", 0.08),
                        ("different", 0.006)]
        fathers = self.parent(p, p.father, p.reg_father, "father_name", col, damages, flags, parent_rates)
        mothers = self.parent(p, p.mother, p.reg_mother, "mother_name", col, damages, flags, parent_rates)

        # place fields: never flagged; some collectors abbreviate, people move
        address = p.address
        if rng.random() < 0.15:
            address = self.pop.address(p.prov, rng.choice(self.pop.communes[p.prov[0]]))
            damages.append("address.moved")
        if self.knobs and self.knobs.structured:
            address = self.knobs.form_address(address, p.prov, damages)
        birth_place = p.prov[1]
        r = rng.random()
        if r < 0.07:
            birth_place = ""
        elif r < 0.2:
            birth_place = {"Hồ Chí Minh": "TP. Hồ Chí Minh", "Hà Nội": "TP Hà Nội", "Thừa Thiên Huế": "Huế"}.get(
                birth_place, "tỉnh " + birth_place)
            damages.append("birth_place.variant")
        eth = p.eth
        r = rng.random()
        if r < 0.1:
            eth = ""
        elif r < 0.2:
            eth = {"H'Mông": "Mông", "Ê Đê": "Ê-đê", "Kinh": "kinh", "Khmer": "Khơ-me"}.get(eth, eth.upper())
        hometown = p.hometown if rng.random() < 0.8 else ""

        damages = list(dict.fromkeys(damages))
        if not registered:
            flags = []
        cosmetic_names = {d.split(".", 1)[1] for d in damages if d.startswith("full_name.") and "." in d} & {
            "tone_style", "case_upper", "case_lower", "case_mixed", "nfd", "no_diacritics", "tcvn3", "vni", "spacing"}
        if len(cosmetic_names) >= 3:
            damages.append("heavy_cosmetic")
        row = {
            "form_id": form_id, "full_name": full, "date_of_birth": dob, "gender": gender, "personal_id": pid,
            "birth_place": birth_place, "hometown": hometown, "ethnicity": eth, "permanent_address": address,
            "father_name": fathers, "mother_name": mothers,
            "nguoi_thu_thap": f"CB{rng.randint(1, 400):03d}", "ghi_chu": rng.choice(["", "", "", "đã xác minh", "hộ vắng"]),
        }
        return row, flags, damages

    def parent(self, p, name, reg, field, col, damages, flags, rates) -> str:
        if name is None or self.rng.random() < 0.12:
            if name is not None:
                damages.append(f"{field}.blank")
            return ""
        if reg is None:
            damages.append(f"{field}.not_in_registry")
        return self.name_field(p, name, reg, field, col, damages, flags, rates, set())

    def date_field(self, p: Person, damages, flags, registered: bool) -> str:
        rng = self.rng
        d = p.dob
        fmt = weighted(rng, DATE_FORMATS)
        if p.prec != "ymd" and registered:
            r = rng.random()
            if p.prec == "ym" and r < 0.4:
                damages.append("date_of_birth.same_partial")
                return f"{d.month:02d}/{d.year}"
            if r < 0.6:
                damages.append("date_of_birth.year_only")
                return f"{d.year}"
            flags.append(("date_of_birth", "registry_partial"))
            damages.append("date_of_birth.registry_partial")
            damages.append(f"date_of_birth.fmt_{fmt}")
            return format_date(rng, d.year, d.month, d.day, fmt)
        r = rng.random()
        if r < 0.05:
            damages.append("date_of_birth.less_precise")
            return f"{d.month:02d}/{d.year}" if rng.random() < 0.6 else f"{d.year}"
        y, m, day = d.year, d.month, d.day
        if registered:
            rates = [("day_month_swapped", 0.02), ("lunar_date", 0.015), ("digit_typo", 0.02),
                     ("year_off_by_one", 0.025), ("different", 0.003)]
            kind = pick(rng, rates)
            got = damage_date(rng, d, kind) if kind else None
            if got:
                y, m, day = got
                flags.append(("date_of_birth", kind))
                damages.append(f"date_of_birth.{kind}")
        if fmt != "dd/mm/yyyy":
            damages.append(f"date_of_birth.fmt_{fmt}")
        return format_date(rng, y, m, day, fmt)

    def id_field(self, p: Person, damages, flags, registered: bool) -> str:
        rng = self.rng
        child = (TODAY - p.dob).days < 14 * 365
        if rng.random() < (0.3 if child else 0.05) or (p.pid is None and p.old_id is None):
            damages.append("personal_id.blank")
            return ""
        num = p.pid
        if p.old_id and (num is None or rng.random() < 0.35):
            num = p.old_id
            damages.append("personal_id.legacy_9_digit")
        if registered:
            rates = [("digit_typo", 0.02), ("transposition", 0.01), ("different", 0.002)]
            kind = pick(rng, rates)
            new = damage_id(rng, num, kind) if kind else None
            if new and new != num:
                num = new
                flags.append(("personal_id", kind))
                damages.append(f"personal_id.{kind}")
        return format_id(rng, num, damages)


# ----------------------------------------------------------------------------------------------- main

REGISTRY_COLUMNS = ["record_id", "full_name", "gender", "date_of_birth", "personal_id", "old_id", "ethnicity",
                    "birth_place", "hometown", "permanent_address", "father_name", "mother_name", "cap_nhat"]
FORM_COLUMNS = ["form_id", "nguoi_thu_thap", "full_name", "date_of_birth", "gender", "personal_id", "ethnicity",
                "birth_place", "hometown", "permanent_address", "mother_name", "father_name", "ghi_chu"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="independent interchange-format test data generator")
    ap.add_argument("--persons", type=int, required=True, help="registry records to generate")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--survey-share", type=float, default=0.93, help="share of registered persons with a form")
    ap.add_argument("--absent-share", type=float, default=None,
                    help="absent persons, as a share of --persons (default 0.035)")
    knob = ap.add_argument_group("knobs for measuring generalisation (all off by default; see README.md)")
    knob.add_argument("--absent-rate", type=float, default=None,
                      help="absent persons as a share of all forms, 0 to 0.5 (instead of --absent-share)")
    knob.add_argument("--absent-lookalikes", type=float, default=0.0,
                      help="share of absent persons made look-alikes of a registered person (default 0)")
    knob.add_argument("--address-style", choices=K.ADDRESS_STYLES, default="legacy",
                      help="how forms write the permanent address (default legacy: altgen's original addresses)")
    knob.add_argument("--registry-address-style", choices=K.REGISTRY_ADDRESS_STYLES, default="full",
                      help="how the registry writes addresses when --address-style is set (default full)")
    knob.add_argument("--post2025-share", type=float, default=0.0,
                      help="share of forms whose address is on the 2025 map (34 provinces, no district; default 0)")
    knob.add_argument("--name-typo-rate", type=float, default=0.0,
                      help="share of registered persons' forms with a keying slip in the name (default 0)")
    knob.add_argument("--province", default=None, help="three-digit code of the one province people live in")
    args = ap.parse_args(argv)
    if args.persons < 1:
        ap.error("--persons must be at least 1")
    if args.absent_share is not None and args.absent_rate is not None:
        ap.error("give --absent-share or --absent-rate, not both")
    for name in ("absent_lookalikes", "post2025_share"):
        if not 0 <= getattr(args, name) <= 1:
            ap.error(f"--{name.replace('_', '-')} must be between 0 and 1")
    if args.absent_rate is not None and not 0 <= args.absent_rate <= 0.5:
        ap.error("--absent-rate must be between 0 and 0.5")
    if not 0 <= args.name_typo_rate <= 0.5:
        ap.error("--name-typo-rate must be between 0 and 0.5")
    if args.address_style == "legacy" and (args.post2025_share > 0 or args.registry_address_style != "full"):
        ap.error("--post2025-share and --registry-address-style need an --address-style (full, abbreviated, mixed, varied)")
    if args.province and not any(p[0] == args.province for p in N.PROVINCES):
        ap.error(f"--province {args.province}: not one of the 63 province codes (001 ... 096)")

    knobs = None
    if (args.province or args.absent_lookalikes or args.address_style != "legacy" or args.name_typo_rate):
        knobs = K.Knobs(args.seed, province=args.province, lookalikes=args.absent_lookalikes,
                        address_style=args.address_style, registry_address_style=args.registry_address_style,
                        post2025=args.post2025_share, typo_rate=args.name_typo_rate)

    rng = random.Random(args.seed)
    pop = Population(rng, args.persons, knobs)
    pop.generate()

    surveyed = [p for p in pop.people if rng.random() < args.survey_share]
    if args.absent_rate is not None:
        n_absent = round(len(surveyed) * args.absent_rate / (1 - args.absent_rate))
    else:
        n_absent = round(args.persons * (0.035 if args.absent_share is None else args.absent_share))
    absent = [pop.absent_person(10_000_000 + i) for i in range(n_absent)]
    subjects = surveyed + absent
    rng.shuffle(subjects)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "registry.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, REGISTRY_COLUMNS, lineterminator="\n")
        w.writeheader()
        for p in pop.people:
            row = registry_row(p, knobs)
            row["cap_nhat"] = f"{2016 + rng.randint(0, 9)}-{rng.randint(1, 12):02d}-01"
            w.writerow(row)

    maker = FormMaker(rng, pop, knobs)
    with open(os.path.join(args.out, "forms.csv"), "w", encoding="utf-8-sig", newline="") as ff, \
            open(os.path.join(args.out, "truth.csv"), "w", encoding="utf-8", newline="") as tf:
        fw = csv.DictWriter(ff, FORM_COLUMNS, lineterminator="\r\n")
        tw = csv.writer(tf, lineterminator="\n")
        fw.writeheader()
        tw.writerow(["form_id", "record_id", "flags", "damage"])
        for i, p in enumerate(subjects):
            form_id = f"PK{args.seed % 100:02d}-{i + 1:07d}"
            row, flags, damages = maker.make(p, form_id)
            fw.writerow(row)
            tw.writerow([form_id, p.rid or "", ";".join(f"{a}:{b}" for a, b in flags), ";".join(damages)])

    print(f"altgen: {len(pop.people)} registry records, {len(subjects)} forms ({len(absent)} absent) -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
