"""altgen's knobs for measuring generalisation: one-province populations, absent look-alikes, address styles and
keying typos in names. Each is off by default and then altgen writes exactly what it wrote before; each draws from
its own random stream (seeded from --seed and the knob's name), so switching one on leaves the others' draws alone.
"""

from __future__ import annotations

import datetime as dt
import random

import names as N
import places as PL
import vietext as V

ADDRESS_STYLES = ("legacy", "full", "abbreviated", "mixed", "varied")
REGISTRY_ADDRESS_STYLES = ("full", "abbreviated", "mixed")

# Keys next to each key on a QWERTY keyboard (altgen's own table for typing slips).
NEAR_KEYS = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc", "g": "ftyhbv", "h": "gyujnb",
    "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop", "m": "njk", "n": "bhjm", "o": "iklp", "p": "ol",
    "q": "wa", "r": "edft", "s": "awedxz", "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase", "x": "zsdc",
    "y": "tghu", "z": "asx",
}


class Knobs:
    def __init__(self, seed: int, *, province: str | None = None, lookalikes: float = 0.0,
                 address_style: str = "legacy", registry_address_style: str = "full", post2025: float = 0.0,
                 typo_rate: float = 0.0):
        def stream(name: str) -> random.Random:
            return random.Random(f"altgen|{seed}|{name}")

        self.province = next((p for p in N.PROVINCES if p[0] == province), None) if province else None
        if province and self.province is None:
            raise ValueError(f"--province {province}: not one of the 63 province codes")
        self.prng = stream("province")
        self.home_communes: list[str] = []
        if self.province:
            heads = ["Tân", "Đồng", "Phú", "Hợp", "Minh", "Yên", "Quang", "Bình", "Vĩnh", "Cao", "Liên", "Nghĩa"]
            pool = sorted({f"{a} {b}" for a in heads for b in ["Lập", "Tiến", "Hòa", "Sơn", "Xá", "Thịnh", "Phong",
                                                                "Lương", "Khê", "Dương"] if a != b} | set(N.COMMUNE_STEMS))
            self.home_communes = self.prng.sample(pool, 60)
        self.lookalikes = lookalikes
        self.lrng = stream("lookalikes")
        self.address_style = address_style
        self.post2025 = post2025
        self.places = PL.Places(stream("address-forms"), registry_address_style) if address_style != "legacy" else None
        self.registry_rng = stream("address-registry")
        self.typo_rate = typo_rate
        self.trng = stream("typos")

    @property
    def structured(self) -> bool:
        return self.places is not None

    # --- one province
    def place(self, prov, commune):
        """The place a new household (or absent person) lives in: 90 % the chosen province."""
        if self.province and self.prng.random() < 0.9:
            return self.province, self.prng.choice(self.home_communes)
        return prov, commune

    # --- addresses
    def registry_address(self, p) -> str:
        return self.places.registry(p.address, p.prov, self.registry_rng) if self.structured else p.address

    def form_address(self, address: str, prov, damages: list[str]) -> str:
        rng = self.places.rng
        style = self.address_style
        if style == "varied":
            style = rng.choices(["full", "abbreviated", "mixed"], [45, 35, 20])[0]
        post = rng.random() < self.post2025
        damages.append(f"address.{style}")
        if post:
            damages.append("address.post2025")
            if self.places.renamed(address, prov):
                damages.append("address.commune_renamed")
        return self.places.write(address, prov, style, post)

    # --- typos
    def wants_typo(self) -> bool:
        return self.typo_rate > 0 and self.trng.random() < self.typo_rate

    def typo(self, name, bare: bool):
        """A copy of name with one keying slip in the given name (65 %) or the family name; (copy, 'given'|'family')."""
        rng = self.trng
        n = name.copy()
        where = "family" if rng.random() < 0.35 and n.family else "given"
        syls = (n.given if where == "given" else n.family).split(" ")
        j = rng.randrange(len(syls))
        prefix = "H'" if syls[j].startswith("H'") else ""
        slipped = keying_slip(rng, syls[j][len(prefix):], bare)
        if slipped is None:
            return None
        syls[j] = prefix + slipped
        if where == "given":
            n.given = " ".join(syls)
        else:
            n.family = " ".join(syls)
        return n, where

    # --- absent look-alikes
    def lookalike(self, pop, p) -> None:
        """Re-draws absent person p (from the look-alike stream) as a look-alike of a registered person."""
        rng = self.lrng
        if not pop.people or rng.random() >= self.lookalikes:
            return
        q = rng.choice(pop.people)
        kind = rng.choice(["absent_namesake_year", "absent_sameday", "absent_samecommune"])
        if kind == "absent_namesake_year":
            p.name, p.gender, p.eth = q.name.copy(), q.gender, q.eth
            while True:
                d = dt.date(q.dob.year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
                if d != q.dob:
                    p.dob = d
                    break
            if rng.random() < 1 / 3:
                self._next_door(pop, p, q)
        elif kind == "absent_sameday":
            p.dob = q.dob
            if rng.random() < 0.5:
                p.prov = q.prov
            if rng.random() < 1 / 3 and p.eth == q.eth and q.eth != "Ê Đê":
                p.name = p.name.copy()
                p.name.family = q.name.family
        else:
            self._next_door(pop, p, q)
            p.hometown = q.hometown
            if rng.random() < 0.5 and q.eth != "Ê Đê":
                from altgen import make_name  # noqa: PLC0415 (altgen imports this module)
                p.eth = q.eth
                p.name = make_name(rng, q.eth, p.gender, q.name.family, p.dob.year)
        p.prec = "ymd"
        p.pid = pop.new_pid(p.prov[0], p.gender, p.dob.year, rng)
        p.tags = [t for t in p.tags if t not in ("absent", "absent_namesake") and not t.startswith("eth:")]
        if p.eth != "Kinh":
            p.tags.append("eth:" + V.strip_diacritics(p.eth).replace(" ", "").replace("'", ""))
        p.tags += ["absent", kind]

    def _next_door(self, pop, p, q) -> None:
        """Same household (half) or same commune as q."""
        p.prov, p.commune = q.prov, q.commune
        p.address = q.address if self.lrng.random() < 0.5 else pop.address(q.prov, q.commune, self.lrng)


def keying_slip(rng: random.Random, syl: str, bare: bool) -> str | None:
    """One typing slip in a syllable: a neighbouring key, a key too many, one missing, two swapped, or (not when the
    form has no diacritics) a wrong tone. None when the slip drawn does not fit the syllable."""
    letters, tone = V.split_tone(syl)
    low = [c.lower() for c in letters]
    ops = ["near", "extra", "missing", "swap"] + ([] if bare else ["tone"])
    op = rng.choices(ops, [30, 20, 15, 15, 20][:len(ops)])[0]
    if op == "tone":
        others = [t for t in V.TONES if t != tone] + ([None] if tone else [])
        out = V.place_tone(letters, rng.choice(others), "old")
    else:
        new = list(low)
        plain = [i for i, c in enumerate(low) if c in NEAR_KEYS]
        if op == "near" and plain:
            i = rng.choice(plain)
            new[i] = rng.choice(NEAR_KEYS[low[i]])
        elif op == "extra" and plain:
            i = rng.choice(plain)
            new.insert(i + rng.choice([0, 1]), rng.choice(NEAR_KEYS[low[i]]))
        elif op == "missing" and len(low) > 2:
            del new[rng.randrange(len(low))]
        elif op == "swap" and len(low) > 1:
            i = rng.randrange(len(low) - 1)
            new[i], new[i + 1] = new[i + 1], new[i]
        else:
            return None
        out = V.place_tone(new, tone, "old")
    if syl[:1].isupper():
        out = out[:1].upper() + out[1:]
    if out == syl or V.fold(out, bare) == V.fold(syl, bare) or not out.strip():
        return None
    return out
