#!/usr/bin/env python3
"""Regenerates communes-2025.tsv and communes-before-2025.tsv from the vietnamadminunits data set (MIT).

    git clone https://github.com/tranngocminhhieu/vietnamadminunits && cd vietnamadminunits
    git checkout 780c27980afdae76d5c6e7b252955f6b571f34ca
    python3 extract.py data/processed/2025_34-province-3221-ward_with_location.csv \
                       data/interim/convert_legacy_2025_simple.csv OUTPUT_DIR

Only the names, codes and the old->new links are kept (no coordinates, no areas). See README.md beside this file.
"""
import csv
import sys
from collections import OrderedDict

# Unit words as written at the start of an official name, longest first, and the short type code kept in the TSV.
TYPES = [("Thành phố", "TP"), ("Thị trấn", "TT"), ("Thị xã", "TX"), ("Đặc khu", "DK"),
         ("Phường", "P"), ("Huyện", "H"), ("Quận", "Q"), ("Xã", "X")]


# Rows of the source found wrong by the cross-check against thanglequoc/vietnamese-provinces-database (see README.md):
# the source links "Phường 4" of both Tây Ninh city and Tân An city to both new wards; the resolutions' lists give
# Tây Ninh's Phường IV to Tân Ninh and Tân An's Phường 4 to Long An.
CORRECTIONS = {
    ("072", "Tây Ninh", "4"): ["25459"],
    ("080", "Tân An", "4"): ["27694"],
}


def split_type(full: str, given: str) -> tuple[str, str]:
    """'Thị Trấn Ái Tử' -> ('TT', 'Ái Tử'). The type column of the source is sometimes wrong, so the name decides."""
    for word, code in TYPES:
        if full.lower().startswith(word.lower() + " "):
            return code, full[len(word) + 1:].strip()
    for word, code in TYPES:
        if given == word:
            return code, full.strip()
    return "", full.strip()


def main(new_csv: str, convert_csv: str, out: str) -> None:
    with open(new_csv, encoding="utf-8") as f:
        current = list(csv.DictReader(f))
    with open(f"{out}/communes-2025.tsv", "w", encoding="utf-8", newline="\n") as w:
        for r in sorted(current, key=lambda r: (int(r["provinceCode"]), r["wardCode"].zfill(5))):
            kind, name = split_type(r["ward"], r["wardType"])
            w.write(f"{int(r['provinceCode']):02d}\t{int(r['wardCode']):05d}\t{kind}\t{name}\n")

    with open(convert_csv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # One old commune may have been divided between several new ones: one line, all its successors.
    communes: "OrderedDict[tuple, list[str]]" = OrderedDict()
    for r in rows:
        dkind, dname = split_type(r["district"], r["districtType"])
        # Five island districts had no commune: the district itself became a special zone (đặc khu).
        ckind, cname = split_type(r["ward"], r["wardType"]) if r["ward"] else ("", "")
        key = (f"0{int(r['provinceCode']):02d}", dkind, dname, ckind, cname)
        code = f"{int(r['newWardCode']):05d}"
        if code not in communes.setdefault(key, []):
            communes[key].append(code)
    for key, codes in communes.items():
        fix = CORRECTIONS.get((key[0], key[2], key[4]))
        if fix is not None:
            codes[:] = fix
    with open(f"{out}/communes-before-2025.tsv", "w", encoding="utf-8", newline="\n") as w:
        district = None
        for (province, dkind, dname, ckind, cname), codes in communes.items():
            if (province, dkind, dname) != district:
                district = (province, dkind, dname)
                w.write(f"{province}\t{dkind}\t{dname}\n")
            w.write(f"\t{ckind}\t{cname}\t{','.join(codes)}\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
