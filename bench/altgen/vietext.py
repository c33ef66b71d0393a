"""Vietnamese text helpers for altgen: tone marks, tone placement, legacy encodings.

Written from the interchange spec and general knowledge of Vietnamese orthography; standard library only.
"""

from __future__ import annotations

import unicodedata

# Combining tone marks (dấu thanh): huyền, sắc, hỏi, ngã, nặng.
GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
TONES = (GRAVE, ACUTE, HOOK, TILDE, DOT)
VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
SHAPED = set("ăâêôơưĂÂÊÔƠƯ")


def split_tone(syllable: str) -> tuple[list[str], str | None]:
    """Letters without tone (NFC each) and the syllable's tone mark, if any."""
    letters: list[str] = []
    tone = None
    for ch in unicodedata.normalize("NFC", syllable):
        nfd = unicodedata.normalize("NFD", ch)
        marks = [c for c in nfd if c in TONES]
        if marks:
            tone = marks[0]
        letters.append(unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES)))
    return letters, tone


def tone_position(letters: list[str], style: str) -> int | None:
    """Index of the letter that carries the tone; style 'new' (hòa, thủy) or 'old' (hoà, thuỷ)."""
    low = [c.lower() for c in letters]
    idx = [i for i, c in enumerate(low) if c in VOWELS]
    if not idx:
        return None
    # "qu" and "gi" + vowel: the u / i belongs to the consonant.
    if len(idx) > 1 and idx[0] == 1 and ((low[0] == "q" and low[1] == "u") or (low[0] == "g" and low[1] == "i")):
        idx = idx[1:]
    first, last = idx[0], idx[-1]
    cluster = [i for i in range(first, last + 1)]
    for i in cluster:
        if low[i] in SHAPED:
            # ươ, uô, iê, yê: the shaped vowel carries it; for ươ the second one.
            shaped = [j for j in cluster if low[j] in SHAPED]
            return shaped[-1]
    if len(cluster) == 1:
        return cluster[0]
    has_final = last < len(low) - 1
    if len(cluster) >= 3:
        return cluster[1]
    if has_final:
        return cluster[1]
    pair = low[cluster[0]] + low[cluster[1]]
    if style == "new" and pair in ("oa", "oe", "uy"):
        return cluster[1]
    return cluster[0]


def place_tone(letters: list[str], tone: str | None, style: str = "new") -> str:
    if tone is None:
        return "".join(letters)
    pos = tone_position(letters, style)
    if pos is None:
        return "".join(letters)
    out = list(letters)
    out[pos] = unicodedata.normalize("NFC", letters[pos] + tone)
    return "".join(out)


def restyle(text: str, style: str) -> str:
    """Moves each syllable's tone mark to where `style` puts it."""
    words = text.split(" ")
    out = []
    for w in words:
        parts = w.split("'")  # H'Hen: treat around apostrophes
        out.append("'".join(place_tone(*split_tone(p), style) if p else p for p in parts))
    return " ".join(out)


def strip_diacritics(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in nfd if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str, bare: bool = False) -> str:
    """What stays after every cosmetic difference is removed (case, spaces, Unicode form, tone placement)."""
    t = " ".join(unicodedata.normalize("NFC", text).split())
    t = restyle(t.lower(), "new")
    return strip_diacritics(t) if bare else t


# --- TCVN3 (ABC): one byte per letter; toned capitals do not exist (the ABC capital font reused the small codes).
_TCVN3_ROWS = {
    # base: (plain, huyền, hỏi, ngã, sắc, nặng) byte values
    "a": (0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_CAPS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7, "đ": 0xAE}
_TONE_ORDER = (None, GRAVE, HOOK, TILDE, ACUTE, DOT)

# --- VNI for Windows: base ASCII letter followed by a mark byte; ơ ư đ and some i/y forms are single bytes.
# Mark bytes (small letters); capitals use the capital Latin-1 counterpart.
_VNI_TONE = {ACUTE: "ù", GRAVE: "ø", HOOK: "û", TILDE: "õ", DOT: "ï"}
_VNI_CIRC_TONE = {None: "â", ACUTE: "á", GRAVE: "à", HOOK: "å", TILDE: "ã", DOT: "ä"}  # â ê ô
_VNI_BREVE_TONE = {None: "ê", ACUTE: "é", GRAVE: "è", HOOK: "ú", TILDE: "ü", DOT: "ë"}  # ă
_VNI_I = {None: "i", ACUTE: "í", GRAVE: "ì", HOOK: "æ", TILDE: "ó", DOT: "ò"}
_VNI_HORN = {"ơ": "ô", "ư": "ö"}


def _letter_tone(ch: str) -> tuple[str, str | None]:
    nfd = unicodedata.normalize("NFD", ch)
    tone = next((c for c in nfd if c in TONES), None)
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
    return base, tone


def to_tcvn3_bytes(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        base, tone = _letter_tone(ch)
        if tone is None and base in _TCVN3_CAPS:
            out.append(_TCVN3_CAPS[base])
            continue
        low = base.lower()
        if low == "đ":
            out.append(_TCVN3_CAPS["Đ"] if base == "Đ" else _TCVN3_CAPS["đ"])
        elif low in _TCVN3_ROWS:
            out.append(_TCVN3_ROWS[low][_TONE_ORDER.index(tone)])
        else:
            out.append(ord("?"))
    return bytes(out)


def to_vni_bytes(text: str) -> bytes:
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            out.append(ch)
            continue
        base, tone = _letter_tone(ch)
        upper = base != base.lower()
        low = base.lower()

        def cased(s: str) -> str:
            return s.upper() if upper else s

        if low == "đ":
            out.append(cased("ñ"))
        elif low in ("ơ", "ư"):
            out.append(cased(_VNI_HORN[low]) + (cased(_VNI_TONE[tone]) if tone else ""))
        elif low in ("â", "ê", "ô"):
            out.append(cased({"â": "a", "ê": "e", "ô": "o"}[low]) + cased(_VNI_CIRC_TONE[tone]))
        elif low == "ă":
            out.append(cased("a") + cased(_VNI_BREVE_TONE[tone]))
        elif low == "i":
            out.append(cased(_VNI_I[tone]))
        elif low == "y" and tone == DOT:
            out.append(cased("î"))
        elif low in "aeouy":
            out.append(cased(low) + (cased(_VNI_TONE[tone]) if tone else ""))
        else:
            out.append("?")
    return "".join(out).encode("cp1252")


def as_windows_1252(data: bytes) -> str:
    """The legacy bytes as a Windows-1252 program shows them."""
    return data.decode("cp1252", errors="replace")


def tcvn3_mojibake(text: str) -> str:
    return as_windows_1252(to_tcvn3_bytes(text))


def vni_mojibake(text: str) -> str:
    return as_windows_1252(to_vni_bytes(text))
