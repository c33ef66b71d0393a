"""Vietnamese lunar calendar (âm lịch): new moons and solar terms reckoned at UTC+7.

Follows the published astronomical method (Meeus-style new-moon series, low-precision solar longitude);
month 11 always holds the winter solstice, and in a 13-month year the first month without a major solar
term is the leap month.
"""

from __future__ import annotations

import math

TZ = 7.0
_EPOCH_NM = 2415021.076998695  # new moon of 1900-01-01, as a Julian day
_SYNODIC = 29.530588853


def julian_day(d: int, m: int, y: int) -> int:
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - yy // 100 + yy // 400 - 32045


def _new_moon(k: int) -> float:
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c += -0.4068 * math.sin(mp * dr) + 0.0161 * math.sin(dr * 2 * mp)
    c += -0.0004 * math.sin(dr * 3 * mp)
    c += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mp))
    c += -0.0074 * math.sin(dr * (m - mp)) + 0.0004 * math.sin(dr * (2 * f + m))
    c += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mp))
    c += 0.0010 * math.sin(dr * (2 * f - mp)) + 0.0005 * math.sin(dr * (2 * mp + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c - delta_t


def new_moon_day(k: int) -> int:
    return math.floor(_new_moon(k) + 0.5 + TZ / 24)


def _sun_longitude(jdn: float) -> float:
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


def sun_sector(day: int) -> int:
    """Which of the 12 major-term sectors (30 degrees each) the sun is in at the start of `day`, local time."""
    return math.floor(_sun_longitude(day - 0.5 - TZ / 24) / math.pi * 6)


def month11_start(year: int) -> int:
    off = julian_day(31, 12, year) - 2415021
    k = math.floor(off / _SYNODIC)
    nm = new_moon_day(k)
    if sun_sector(nm) >= 9:
        nm = new_moon_day(k - 1)
    return nm


def leap_month_offset(a11: int) -> int:
    k = math.floor((a11 - _EPOCH_NM) / _SYNODIC + 0.5)
    i = 1
    arc = sun_sector(new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = sun_sector(new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


def solar_to_lunar(d: int, m: int, y: int) -> tuple[int, int, int, bool]:
    """(lunar day, lunar month, lunar year, is leap month) for a Gregorian date."""
    day = julian_day(d, m, y)
    k = math.floor((day - _EPOCH_NM) / _SYNODIC)
    start = new_moon_day(k + 1)
    if start > day:
        start = new_moon_day(k)
    a11 = month11_start(y)
    b11 = a11
    if a11 >= start:
        lyear = y
        a11 = month11_start(y - 1)
    else:
        lyear = y + 1
        b11 = month11_start(y + 1)
    lday = day - start + 1
    diff = math.floor((start - a11) / 29)
    leap = False
    lmonth = diff + 11
    if b11 - a11 > 365:
        leap_diff = leap_month_offset(a11)
        if diff >= leap_diff:
            lmonth = diff + 10
            if diff == leap_diff:
                leap = True
    if lmonth > 12:
        lmonth -= 12
    if lmonth >= 11 and diff < 4:
        lyear -= 1
    return lday, lmonth, lyear, leap
