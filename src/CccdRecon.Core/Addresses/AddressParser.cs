using System.Collections.Concurrent;
using CccdRecon.Core.Names;
using CccdRecon.Core.Places;

namespace CccdRecon.Core.Addresses;

/// <summary>
/// Reads an address from the right: province first, then district, commune, hamlet/street, house. Unit words
/// (<see cref="AddressVocabulary"/>) split the text into units; a unit's tier comes from its word where the word is
/// unambiguous, and from its position where it is not ("X." is xã while the commune tier is free, xóm below it) or
/// where the word was left out. Works on stack buffers: the only allocations are the result and its keys.
/// </summary>
internal static class AddressParser
{
    /// <summary>Longer text is not an address: it is read as nothing.</summary>
    public const int MaxLength = 512;
    private const int MaxTokens = 64;
    private const int MaxUnits = 32;

    internal enum Separator : byte { Space, Dot, Hard, Dash }

    /// <summary>The ceiling before anything is read: every tier, the province included, is still free.</summary>
    private const int AboveProvince = (int)AddressLevel.Province + 1;

    [Flags]
    internal enum TokenFlags : byte { None = 0, Diacritics = 1, StartsWithDigit = 2 }

    internal struct Token
    {
        public short Start, Length;      // in the text
        public short Fold, FoldLength;   // in the folded buffer: lower case, no diacritics, no apostrophes
        public Separator After;
        public TokenFlags Flags;
        public readonly bool StartsWithDigit => (Flags & TokenFlags.StartsWithDigit) != 0;
        public readonly bool HasDiacritics => (Flags & TokenFlags.Diacritics) != 0;
    }

    [Flags]
    private enum UnitFlags : byte { None = 0, StreetLike = 1, AfterDash = 2 }

    private struct Unit
    {
        public AddressUnitKind Kind;   // Unmarked when written without a unit word
        public AddressUnitKind Alt;    // the lower-tier reading of an ambiguous abbreviation (X. → xóm), or Unmarked
        public short First, End;       // name tokens [First, End)
        public UnitFlags Flags;
    }

    public static VietnameseAddress Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxLength) return VietnameseAddress.Empty;
        var text = raw;
        if (LegacyVietnamese.TryDecodeText(text, out var decoded)) text = decoded;
        text = VietnameseText.ToNfc(text);
        if (text.Length > MaxLength) return VietnameseAddress.Empty;

        Span<Token> tokens = stackalloc Token[MaxTokens];
        Span<char> folded = stackalloc char[text.Length + 8];
        var count = Tokenize(text, tokens, folded);
        if (count == 0) return VietnameseAddress.Empty;
        Span<Unit> units = stackalloc Unit[MaxUnits];
        Span<int> houses = stackalloc int[MaxUnits];
        var reader = new Reader(text, tokens[..count], folded, units, houses);
        return reader.Read();
    }

    // -----------------------------------------------------------------------------------------------------------------
    // Tokens: runs of letters and digits. Apostrophes inside a word join it (M'Drắk); "/" and "-" between digits keep a
    // house number whole (12/3, 12-14). What lies between two tokens is one separator: a comma, semicolon, line break
    // or bracket is hard; a dash is soft (it may sit inside a name: "Bà Rịa - Vũng Tàu"); a dot marks an abbreviation.
    // Text in brackets is left out ("(cũ)", "(nay là ...)"); anything before a colon is a label ("Địa chỉ:").
    internal static int Tokenize(string text, Span<Token> tokens, Span<char> folded)
    {
        int n = 0, f = 0, start = -1;
        bool hard = false, dash = false, dot = false;
        var flags = TokenFlags.None;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var fc = VietnameseLetters.Fold(c);
            var letterOrDigit = i < text.Length && char.IsLetterOrDigit(fc) && !char.IsSurrogate(c);
            if (letterOrDigit)
            {
                if (start < 0)
                {
                    if (n > 0) tokens[n - 1].After = hard ? Separator.Hard : dash ? Separator.Dash : dot ? Separator.Dot : Separator.Space;
                    if (n == tokens.Length)
                    {
                        // Too many words: keep the right-hand ones, which carry the province and commune.
                        var drop = tokens.Length / 4;
                        tokens[drop..].CopyTo(tokens);
                        n -= drop;
                    }

                    start = i;
                    tokens[n] = new Token { Start = (short)i, Fold = (short)f };
                    flags = char.IsAsciiDigit(fc) ? TokenFlags.StartsWithDigit : TokenFlags.None;
                    hard = dash = dot = false;
                }

                if (VietnameseLetters.HasDiacritic(c)) flags |= TokenFlags.Diacritics;
                if (f < folded.Length) folded[f++] = fc;
                continue;
            }

            if (start >= 0)
            {
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                if (c is '\'' or '\u2019' or '\u2018' or '\u02BC' && char.IsLetter(next)) continue;
                if (c is '/' or '-' && f > 0 && char.IsAsciiDigit(folded[f - 1]) && char.IsAsciiDigit(next))
                {
                    if (f < folded.Length) folded[f++] = c;
                    continue;
                }

                tokens[n].Length = (short)(i - start);
                tokens[n].FoldLength = (short)(f - tokens[n].Fold);
                tokens[n].Flags = flags;
                n = SplitGluedAbbreviation(tokens, n, folded);
                n++;
                start = -1;
            }

            if (i == text.Length) break;
            switch (c)
            {
                case ',' or ';' or '\n' or '\r' or '|' or ')' or '/' or '\\':
                    hard = true;
                    break;
                case '(' or '[' or '{':
                    hard = true;
                    var close = text.IndexOfAny([')', ']', '}'], i + 1);
                    i = close < 0 ? text.Length - 1 : close;
                    break;
                case ':':
                    // "Địa chỉ: ..." — the label is not part of the address.
                    n = 0;
                    f = 0;
                    hard = false;
                    break;
                case '-' or '\u2013' or '\u2014' or '\u2212':
                    // A hyphen joining two letters joins a name ("Bà Rịa-Vũng Tàu", "Ea-Kar"); otherwise it separates.
                    var joins = i > 0 && char.IsLetter(text[i - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]);
                    if (!joins) dash = true;
                    break;
                case '.':
                    dot = true;
                    break;
            }
        }

        if (n > 0) tokens[n - 1].After = Separator.Hard;
        return n;
    }

    /// <summary>"Q1", "P12", "KP3", "F.12" written without a space: the unit word and the number become two tokens.</summary>
    private static int SplitGluedAbbreviation(Span<Token> tokens, int n, Span<char> folded)
    {
        ref var t = ref tokens[n];
        var word = folded.Slice(t.Fold, t.FoldLength);
        var digit = word.IndexOfAnyInRange('0', '9');
        if (digit is < 1 or > 3 || n + 1 >= tokens.Length) return n;
        if (word[..digit] is not ("p" or "q" or "f" or "x" or "h" or "kp" or "tdp" or "sn" or "k")) return n;
        if (word[digit..].ContainsAnyExcept(HouseNumberChars)) return n;
        var number = t;
        t.Length = (short)digit;
        t.FoldLength = (short)digit;
        t.Flags = TokenFlags.None;
        t.After = Separator.Dot;
        number.Start += (short)digit;
        number.Length -= (short)digit;
        number.Fold += (short)digit;
        number.FoldLength -= (short)digit;
        number.Flags = TokenFlags.StartsWithDigit;
        tokens[n + 1] = number;
        return n + 1;
    }

    private static readonly System.Buffers.SearchValues<char> HouseNumberChars = System.Buffers.SearchValues.Create("0123456789/-");

    // -----------------------------------------------------------------------------------------------------------------
    private ref struct Reader
    {
        private readonly string _text;
        private readonly Span<Token> _tokens;
        private readonly ReadOnlySpan<char> _folded;
        private readonly Span<Unit> _units;
        private int _unitCount;

        // What has been read so far, right to left.
        private int _ceiling;
        private Province? _province;
        private AddressPart _provincePart, _district, _commune, _hamlet, _street;
        private bool _mayBeDistrict;
        private bool _provinceNameIsCurrent;
        private int _houseCount; // house units, kept as indices into _units
        private readonly Span<int> _houses;

        public Reader(string text, Span<Token> tokens, Span<char> folded, Span<Unit> units, Span<int> houses)
        {
            _text = text;
            _tokens = tokens;
            _folded = folded;
            _units = units;
            _unitCount = 0;
            _ceiling = AboveProvince;
            _houses = houses;
        }

        public VietnameseAddress Read()
        {
            Split();
            DropCountry();
            for (var u = _unitCount - 1; u >= 0; u--)
            {
                if (!IsNoise(_units[u])) u = Place(u);
            }
            if (_province is null && _district.Kind == AddressUnitKind.ThanhPho && Province.FindKey(_district.Key) is { } seat)
            {
                // "TP Thái Nguyên" with no province after it: a provincial city names its province.
                _province = seat;
                _provinceNameIsCurrent = NamesCurrent(seat, _district.Key);
            }

            var house = HousePart();
            int[]? current = null, successors = null;
            if (_province is not null && _commune.Key is { } communeKey)
            {
                var gazetteer = CommuneGazetteer.Instance;
                current = gazetteer.CurrentCommunes(_province.Successor, communeKey);
                successors = gazetteer.Successors(_province, _mayBeDistrict ? default : _district.Key, communeKey);
            }

            if (_province is null && !_provincePart.IsPresent && !_district.IsPresent && !_commune.IsPresent && !_hamlet.IsPresent && !_street.IsPresent && !house.IsPresent)
            {
                return VietnameseAddress.Empty;
            }

            var currentName = _commune.Key is { } name && CommuneGazetteer.Instance.IsCurrentCommuneName(name);
            return new VietnameseAddress(_text, _province, _provinceNameIsCurrent, _provincePart, _district, _commune, _hamlet, _street, house,
                _mayBeDistrict, currentName, current, successors);
        }

        // -------------------------------------------------------------------------------------------------------------
        // Units: each segment (between hard or dash separators) is cut at its unit words.
        private void Split()
        {
            var accented = false;
            foreach (ref readonly var t in _tokens) accented |= t.HasDiacritics;
            var segmentStart = 0;
            for (var i = 0; i < _tokens.Length; i++)
            {
                if (_tokens[i].After is not (Separator.Hard or Separator.Dash) && i != _tokens.Length - 1) continue;
                var end = i + 1;
                var afterDash = segmentStart > 0 && _tokens[segmentStart - 1].After == Separator.Dash;
                var rest = afterDash ? JoinsName(segmentStart, end, accented) : segmentStart;
                if (rest < end) SplitSegment(rest, end, accented);
                segmentStart = end;
            }
        }

        /// <summary>
        /// "Chân Mây - Lăng Cô", "Phan Rang - Tháp Chàm": a dash inside a commune's or district's name joins the words
        /// after it to the name before it, when together they make a known name that ends where the part does or a unit
        /// word begins, and no unit word is swallowed ("Hậu Thành - Đồng Tháp", "Quế Mỹ - Thành phố Đà Nẵng" stay apart).
        /// Returns where the rest of the part starts.
        /// </summary>
        private readonly int JoinsName(int start, int end, bool accented)
        {
            if (_unitCount == 0) return start;
            ref var previous = ref _units[_unitCount - 1];
            if (previous.End != start) return start;
            Span<char> buffer = stackalloc char[PlaceKeys.MaxLength];
            var joined = start;
            for (var stop = start + 1; stop <= end && stop - previous.First <= 10; stop++)
            {
                if (IsUnitWordAt(start, stop - 1, end)) break;
                var endsThere = stop == end || IsUnitWordAt(start, stop, end);
                if (endsThere && IsKnownName(previous.First, stop, accented, buffer)) joined = stop;
            }

            if (joined > start) previous.End = (short)joined;
            return joined;
        }

        private readonly bool IsUnitWordAt(int segmentStart, int at, int end) =>
            AddressVocabulary.TryMatch(_text, _tokens, _folded, segmentStart, at, end, false, out _, out _, out _, out _);

        /// <summary>True when tokens [first, end) are the name of a known commune or district (with their diacritics, in accented text).</summary>
        private readonly bool IsKnownName(int first, int end, bool accented, Span<char> buffer)
        {
            var gazetteer = CommuneGazetteer.Instance;
            return accented ? gazetteer.IsAccentedPlaceName(AccentedKey(first, end, buffer)) : gazetteer.IsPlaceName(Key(first, end, buffer));
        }

        private void SplitSegment(int start, int end, bool accented)
        {
            var unitStart = start;
            var kind = AddressUnitKind.Unmarked;
            var alt = AddressUnitKind.Unmarked;
            var level = -1;
            var i = start;
            while (i < end)
            {
                if (AddressVocabulary.TryMatch(_text, _tokens, _folded, start, i, end, accented, out var found, out var foundAlt, out var width, out var abbreviation))
                {
                    // Within one part, unit words rise from the house to the province ("Phường 3 Quận 5"): a word that
                    // would step down is part of a name ("xa Tao Duong Van" is xã Tảo Dương Văn, not a street). An
                    // abbreviation is no syllable of a name, so "Q1 P12" keeps both.
                    var foundLevel = (int)EffectiveLevel(found, foundAlt, i + width);
                    if (!abbreviation && level >= 0 && (foundLevel < level || (foundLevel == level && !MaySucceed(kind, found))))
                    {
                        i++;
                        continue;
                    }

                    // A word that would cut a known name in two is part of it: "phuong Tam Quan Nam" is not "quận Nam".
                    // A number ends the name before it: "khu phố 10 phường Phường Đúc".
                    if (!abbreviation && i > unitStart && !_tokens[i - 1].StartsWithDigit
                        && (ContinuesName(unitStart, i + width + 1, end, accented) || StartsAdministrativeUnit(start, i + width, end, accented, found)))
                    {
                        i++;
                        continue;
                    }

                    if (i > unitStart || kind != AddressUnitKind.Unmarked) AddUnit(kind, alt, unitStart, i);
                    kind = found;
                    alt = foundAlt;
                    // An abbreviation that reads at two tiers whatever its name ("X." xã or xóm, "P." phường or phố, "T."
                    // tỉnh or thôn) lets the next word be either's superior. "H." is a hẻm only before a number.
                    level = alt == AddressUnitKind.Unmarked || kind == AddressUnitKind.Huyen ? foundLevel : Math.Min(foundLevel, (int)alt.LevelOf());
                    unitStart = i + width;
                    i = unitStart + 1; // the word after a unit word is always its name ("Huyện Tĩnh Gia", "Phường Phường Liệt")
                    continue;
                }

                i++;
            }

            AddUnit(kind, alt, unitStart, end);
        }

        /// <summary>
        /// True when a unit word of a commune or higher (in full or abbreviated) starts at <paramref name="at"/>: then the
        /// word before it ends a name ("xã Tứ Quận huyện Yên Sơn", "X. Phước Tỉnh H. Long Đất"): no unit is named "Huyện ...".
        /// </summary>
        /// <remarks>The same word twice is a unit and its name: "phường Phường Đúc".</remarks>
        private readonly bool StartsAdministrativeUnit(int segmentStart, int at, int end, bool accented, AddressUnitKind candidate) =>
            AddressVocabulary.TryMatch(_text, _tokens, _folded, segmentStart, at, end, accented, out var kind, out _, out _, out _)
            && kind != candidate && (kind == AddressUnitKind.Tinh || kind.LevelOf() >= AddressLevel.Commune);

        /// <summary>True when the name begun at <paramref name="first"/> runs on to a known commune or district name ending at or after <paramref name="from"/> ("Tứ Quận", "Tam Quan Nam").</summary>
        /// <remarks>
        /// In text written with diacritics the names compare with them: "Đông Phường Yên" is no "Đông Phương Yên". The
        /// key grows a word at a time, so the scan is linear in the words.
        /// </remarks>
        private readonly bool ContinuesName(int first, int from, int end, bool accented)
        {
            Span<char> buffer = stackalloc char[PlaceKeys.MaxLength];
            Span<char> lower = stackalloc char[PlaceKeys.MaxLength];
            var gazetteer = CommuneGazetteer.Instance;
            var length = 0;
            for (var t = first; t < end && t - first < 8; t++)
            {
                length = accented ? AppendAccented(t, buffer, length, lower) : PlaceKeys.Append(buffer, length, FoldSpan(t));

                if (t + 1 >= from && (accented ? gazetteer.IsAccentedPlaceName(buffer[..length]) : gazetteer.IsPlaceName(buffer[..length]))) return true;
            }

            return false;
        }

        /// <summary>The accented key of tokens [first, end) (<see cref="PlaceKeys.AccentedOf"/>).</summary>
        private readonly ReadOnlySpan<char> AccentedKey(int first, int end, Span<char> buffer)
        {
            Span<char> lower = stackalloc char[PlaceKeys.MaxLength];
            var length = 0;
            for (var t = first; t < end; t++) length = AppendAccented(t, buffer, length, lower);
            return buffer[..length];
        }

        private readonly int AppendAccented(int t, Span<char> buffer, int length, Span<char> lower)
        {
            var word = _text.AsSpan(_tokens[t].Start, Math.Min(_tokens[t].Length, lower.Length));
            LetterCase.ToLower(word, lower);
            return PlaceKeys.AppendAccented(buffer, length, lower[..word.Length]);
        }

        /// <summary>
        /// Words of one tier that follow each other in one part: alleys and house numbers ("số 5 ngõ 12"), a street and a
        /// hamlet ("đường Lê Lợi tổ 5"), a city after a district ("huyện Đông Anh thành phố Hà Nội").
        /// </summary>
        private static bool MaySucceed(AddressUnitKind previous, AddressUnitKind next) =>
            previous.LevelOf() == AddressLevel.House
            || (previous.IsStreet() != next.IsStreet() && previous.LevelOf() == AddressLevel.Hamlet)
            || next == AddressUnitKind.ThanhPho;

        /// <summary>The tier a unit word names before this name: "X. 15" is a xóm, "T. 5" a tổ, "H. 45" a hẻm.</summary>
        private readonly AddressLevel EffectiveLevel(AddressUnitKind kind, AddressUnitKind alt, int name) => ReadAbbreviation(kind, alt, name).LevelOf();

        /// <summary>A bare abbreviation before a number reads at the lower tier: "X. 15" is xóm 15, "T. 5" tổ 5, "H. 45" hẻm 45.</summary>
        private readonly AddressUnitKind ReadAbbreviation(AddressUnitKind kind, AddressUnitKind alt, int name) =>
            alt != AddressUnitKind.Unmarked && _tokens[name].StartsWithDigit && kind is AddressUnitKind.Xa or AddressUnitKind.Tinh or AddressUnitKind.Huyen
                ? kind == AddressUnitKind.Tinh ? AddressUnitKind.To : alt
                : kind;

        private void AddUnit(AddressUnitKind kind, AddressUnitKind alt, int first, int end)
        {
            if (first >= end || _unitCount == _units.Length) return;
            // "Vũng Tàu" after "Bà Rịa -": the province step may join the two.
            var flags = first > 0 && _tokens[first - 1].After == Separator.Dash ? UnitFlags.AfterDash : UnitFlags.None;

            // "Tổ số 5", "Đường số 5": the "số" is not part of the name.
            if (end - first > 1 && FoldSpan(first).SequenceEqual("so") && _tokens[first + 1].StartsWithDigit) first++;

            // A numbered unit ("Xóm 4 Tiên Hội", "Số 12 Nguyễn Trãi", "Quận 5 TPHCM") ends at its number, unless the
            // whole is a known name ("Phường 1 Bảo Lộc").
            if (kind != AddressUnitKind.Unmarked && end - first > 1 && _tokens[first].StartsWithDigit && TakesNumber(kind)
                && !CommuneGazetteer.Instance.IsPlaceName(Key(first, end, stackalloc char[PlaceKeys.MaxLength])))
            {
                Add(kind, alt, first, first + 1, flags);
                Add(AddressUnitKind.Unmarked, AddressUnitKind.Unmarked, first + 1, end,
                    kind.LevelOf() == AddressLevel.House ? UnitFlags.StreetLike : UnitFlags.None);
                return;
            }

            Add(kind, alt, first, end, flags);
        }

        private void Add(AddressUnitKind kind, AddressUnitKind alt, int first, int end, UnitFlags flags)
        {
            if (_unitCount == _units.Length) return;
            var read = ReadAbbreviation(kind, alt, first);
            if (read != kind) (kind, alt) = (read, AddressUnitKind.Unmarked);

            _units[_unitCount++] = new Unit { Kind = kind, Alt = alt, First = (short)first, End = (short)end, Flags = flags };
        }

        private static bool TakesNumber(AddressUnitKind kind) => kind is not (AddressUnitKind.Tinh or AddressUnitKind.ThanhPho
            or AddressUnitKind.Huyen or AddressUnitKind.ThiXa or AddressUnitKind.DacKhu or AddressUnitKind.Duong
            or AddressUnitKind.Pho or AddressUnitKind.Lo or AddressUnitKind.Unmarked);

        /// <summary>", Việt Nam" or ", VN" at the end says nothing.</summary>
        private void DropCountry()
        {
            if (_unitCount == 0) return;
            ref var last = ref _units[_unitCount - 1];
            if (last.Kind != AddressUnitKind.Unmarked) return;
            var key = Key(last.First, last.End, stackalloc char[PlaceKeys.MaxLength]);
            if (key is "vietnam" or "vn" or "vietnamese") _unitCount--;
        }

        /// <summary>
        /// Nothing to place: a unit word with no name after it ("Tỉnh", "xã"), or a lone letter ("a"). A number is a
        /// house; a letter next to a unit word is a name ("Khu A").
        /// </summary>
        private readonly bool IsNoise(in Unit unit)
        {
            if (unit.Kind != AddressUnitKind.Unmarked || unit.End - unit.First != 1 || _tokens[unit.First].StartsWithDigit) return false;
            var word = FoldSpan(unit.First);
            return word.Length == 1 || AddressVocabulary.IsUnitWord(word);
        }

        // -------------------------------------------------------------------------------------------------------------
        // Tiers, right to left. Returns the index of the unit that was processed last (a joined pair takes two).
        private int Place(int u)
        {
            ref var unit = ref _units[u];
            if (unit.Kind != AddressUnitKind.Unmarked)
            {
                PlaceMarked(ref unit, u);
                return u;
            }

            if ((unit.Flags & UnitFlags.StreetLike) != 0)
            {
                PlaceStreet(unit.First, unit.End);
                return u;
            }

            if (_tokens[unit.First].StartsWithDigit)
            {
                // "12 Nguyễn Trãi", "12/3 Lê Lợi": house number, then its street.
                int first = unit.First, end = unit.End;
                AddHouse(u, first, first + 1);
                if (end > first + 1) PlaceStreet(first + 1, end);
                return u;
            }

            if (_ceiling == AboveProvince && TryProvince(ref unit, u, out var joined))
            {
                return joined;
            }

            if (u > 0 && IsHouseNumber(_units[u - 1]))
            {
                // "SN 78, Bà Triệu, ...": the name after a house number is its street.
                PlaceStreet(unit.First, unit.End);
                return u;
            }

            PlaceUnmarked(ref unit, u);
            return u;
        }

        /// <summary>A house number on its own: "Số 78", "SN 78", "78".</summary>
        private readonly bool IsHouseNumber(in Unit unit) =>
            unit.Kind.LevelOf() == AddressLevel.House && unit.Kind != AddressUnitKind.Unmarked
            || (unit.Kind == AddressUnitKind.Unmarked && unit.End - unit.First == 1 && _tokens[unit.First].StartsWithDigit);

        private bool TryProvince(ref Unit unit, int u, out int joined)
        {
            joined = u;
            Span<char> buffer = stackalloc char[PlaceKeys.MaxLength];
            // "Bà Rịa - Vũng Tàu", "Thừa Thiên - Huế": a dash inside a province's name.
            if ((unit.Flags & UnitFlags.AfterDash) != 0 && u > 0 && _units[u - 1].Kind is AddressUnitKind.Unmarked or AddressUnitKind.Tinh or AddressUnitKind.ThanhPho)
            {
                ref var before = ref _units[u - 1];
                var both = Key(before.First, unit.End, buffer);
                if (Province.FindKey(both) is { } p)
                {
                    SetProvince(p, both, before.Kind == AddressUnitKind.Unmarked ? AddressUnitKind.Unmarked : before.Kind, before.First, unit.End);
                    joined = u - 1;
                    return true;
                }
            }

            // "Thai Nguyen province", "Hue city".
            var end = unit.End;
            if (end - unit.First > 1 && FoldSpan(end - 1) is "province" or "city") end--;
            var key = Key(unit.First, end, buffer);
            if (Province.FindKey(key) is { } province)
            {
                SetProvince(province, key, AddressUnitKind.Unmarked, unit.First, unit.End);
                return true;
            }

            // "... Phổ Yên Thái Nguyên" with no commas: the province is the last few words.
            for (var k = Math.Min(5, unit.End - unit.First - 1); k >= 1; k--)
            {
                var tail = Key(unit.End - k, unit.End, buffer);
                if (Province.FindKey(tail) is { } p)
                {
                    SetProvince(p, tail, AddressUnitKind.Unmarked, unit.End - k, unit.End);
                    unit.End -= (short)k;
                    PlaceUnmarked(ref unit, u);
                    return true;
                }
            }

            return false;
        }

        private void SetProvince(Province province, scoped ReadOnlySpan<char> written, AddressUnitKind kind, int first, int end)
        {
            _province = province;
            _provinceNameIsCurrent = NamesCurrent(province, written);
            _provincePart = Part(AddressLevel.Province, kind, first, end);
            _ceiling = (int)AddressLevel.Province;
        }

        private void PlaceMarked(ref Unit unit, int u)
        {
            var kind = unit.Kind;
            if (kind.LevelOf() == AddressLevel.House)
            {
                AddHouse(u, unit.First, unit.End);
                return;
            }

            var provinceTierFree = !_provincePart.IsPresent && _ceiling == AboveProvince;
            Span<char> buffer = stackalloc char[PlaceKeys.MaxLength];
            if (provinceTierFree && unit.First > 0 && kind is AddressUnitKind.ThiTran or AddressUnitKind.ThanhPho
                && Province.FindKey(Key(unit.First - 1, unit.End, buffer)) is { } named)
            {
                // "TT Huế" (Thừa Thiên Huế), "TP HCM": an abbreviation that is part of a province's short name.
                SetProvince(named, Key(unit.First - 1, unit.End, buffer), kind, unit.First, unit.End);
                return;
            }

            if (kind == AddressUnitKind.Tinh || kind == AddressUnitKind.ThanhPho)
            {
                var written = Key(unit.First, unit.End, buffer);
                var province = Province.FindKey(written);
                if (kind == AddressUnitKind.Tinh)
                {
                    if (province is not null && provinceTierFree) { SetProvince(province, written, kind, unit.First, unit.End); return; }
                    if (unit.Alt == AddressUnitKind.Unmarked && provinceTierFree)
                    {
                        // "Tỉnh <unknown>": keep the name, so two equal misspellings still agree.
                        _provincePart = Part(AddressLevel.Province, kind, unit.First, unit.End);
                        _ceiling = (int)AddressLevel.Province;
                        return;
                    }

                    // "T. Đông" below the province: thôn Đông.
                    if (unit.Alt != AddressUnitKind.Unmarked) PlaceAt(unit.Alt, unit.Alt.LevelOf(), unit.First, unit.End, true);
                    return;
                }

                // Thành phố: the centrally-run city when it heads the address, a provincial city below a province.
                if (province is not null && IsCity(province, written) && provinceTierFree) { SetProvince(province, written, kind, unit.First, unit.End); return; }
                PlaceAt(kind, AddressLevel.District, unit.First, unit.End, true);
                return;
            }

            var level = kind.LevelOf();
            if (unit.Alt != AddressUnitKind.Unmarked && (level >= (AddressLevel)_ceiling || Slot(kind, level).IsPresent))
            {
                // X. below the commune tier is xóm; P. below it is phố.
                var altLevel = unit.Alt.LevelOf();
                if (altLevel < (AddressLevel)_ceiling && !Slot(unit.Alt, altLevel).IsPresent)
                {
                    PlaceAt(unit.Alt, altLevel, unit.First, unit.End, true);
                    return;
                }
            }

            PlaceAt(kind, level, unit.First, unit.End, level < (AddressLevel)_ceiling);
        }

        /// <summary>
        /// A centrally-run city in either map, by the name written: "Đồng Nai" and "Huế" name cities today, "Hải Dương"
        /// (now in the city of Hải Phòng) names the provincial city it was.
        /// </summary>
        private static bool IsCity(Province province, ReadOnlySpan<char> written) => province.IsCity || (province.Successor.IsCity && NamesCurrent(province, written));

        /// <summary>The name written can mean the current province: a name both maps use ("Thái Nguyên") or the current one ("Huế").</summary>
        private static bool NamesCurrent(Province province, ReadOnlySpan<char> written) => province.NameIsCurrent || written.SequenceEqual(province.Successor.Key);

        private void PlaceUnmarked(ref Unit unit, int u)
        {
            // How many unmarked names are still to be placed in this run, and what lies below them.
            var remaining = 0;
            var below = -1;
            for (var v = u; v >= 0; v--)
            {
                ref var w = ref _units[v];
                var streetAfterNumber = v > 0 && IsHouseNumber(_units[v - 1]);
                if (w.Kind == AddressUnitKind.Unmarked && (w.Flags & UnitFlags.StreetLike) == 0 && !_tokens[w.First].StartsWithDigit && !streetAfterNumber)
                {
                    remaining++;
                    continue;
                }

                below = w.Kind == AddressUnitKind.Unmarked ? (int)AddressLevel.Hamlet : (int)ProbableLevel(w);
                break;
            }

            Span<AddressLevel> free = stackalloc AddressLevel[3];
            var freeCount = 0;
            foreach (var level in (ReadOnlySpan<AddressLevel>)[AddressLevel.District, AddressLevel.Commune, AddressLevel.Hamlet])
            {
                if ((int)level < _ceiling && (int)level > below && !Slot(AddressUnitKind.Unmarked, level).IsPresent) free[freeCount++] = level;
            }

            // What the map knows of the name decides first, even against the written order ("Đại Từ, Tiên Hội").
            var (isDistrict, isCommune) = Hints(unit.First, unit.End);
            if (isDistrict && !_district.IsPresent && (!isCommune || _commune.IsPresent))
            {
                PlaceAt(AddressUnitKind.Unmarked, AddressLevel.District, unit.First, unit.End, true);
                return;
            }

            if (isCommune && !_commune.IsPresent && (!isDistrict || _district.IsPresent))
            {
                PlaceAt(AddressUnitKind.Unmarked, AddressLevel.Commune, unit.First, unit.End, true);
                return;
            }

            if (freeCount == 0)
            {
                if (!_street.IsPresent) PlaceStreet(unit.First, unit.End);
                return;
            }

            var chosen = free[0];
            var hasDistrict = free[..freeCount].Contains(AddressLevel.District);
            var hasCommune = free[..freeCount].Contains(AddressLevel.Commune);
            if (remaining < freeCount && remaining == 1 && hasDistrict && hasCommune)
            {
                // A lone name between the province and a hamlet (or nothing): a commune in the 2025 style, or a
                // district written without its commune. The comparer tries both.
                chosen = AddressLevel.Commune;
                _mayBeDistrict = true;
            }

            PlaceAt(AddressUnitKind.Unmarked, chosen, unit.First, unit.End, true);
        }

        /// <summary>What the gazetteer knows of a name in the province read so far: a former district, a commune.</summary>
        private readonly (bool District, bool Commune) Hints(int first, int end)
        {
            if (_province is null) return (false, false);
            var key = Key(first, end, stackalloc char[PlaceKeys.MaxLength]);
            var gazetteer = CommuneGazetteer.Instance;
            var current = _province.Successor;
            return (gazetteer.IsFormerDistrict(current, key), gazetteer.IsCommune(current, key));
        }

        private readonly AddressLevel ProbableLevel(in Unit unit) => unit.Kind switch
        {
            AddressUnitKind.Tinh => unit.Alt == AddressUnitKind.Unmarked ? AddressLevel.Province : AddressLevel.Hamlet,
            AddressUnitKind.ThanhPho => AddressLevel.District,
            _ => unit.Kind.LevelOf(),
        };

        private void PlaceAt(AddressUnitKind kind, AddressLevel level, int first, int end, bool inOrder)
        {
            if (level == AddressLevel.House)
            {
                return;
            }

            ref var slot = ref Slot(kind, level);
            if (slot.IsPresent) return;
            slot = Part(level, kind, first, end);
            if (inOrder && (int)level < _ceiling) _ceiling = (int)level;
        }

        private void PlaceStreet(int first, int end)
        {
            if (_street.IsPresent || first >= end) return;
            _street = Part(AddressLevel.Hamlet, AddressUnitKind.Unmarked, first, end);
            if (_ceiling > (int)AddressLevel.Hamlet) _ceiling = (int)AddressLevel.Hamlet;
        }

        private void AddHouse(int u, int first, int end)
        {
            if (_houseCount == _houses.Length) return;
            _houses[_houseCount++] = u;
            _units[u].First = (short)first;
            _units[u].End = (short)end;
            _ceiling = (int)AddressLevel.House;
        }

        [System.Diagnostics.CodeAnalysis.UnscopedRef]
        private ref AddressPart Slot(AddressUnitKind kind, AddressLevel level)
        {
            switch (level)
            {
                case AddressLevel.District: return ref _district;
                case AddressLevel.Commune: return ref _commune;
                case AddressLevel.Province: return ref _provincePart;
                default:
                    if (kind.IsStreet()) return ref _street;
                    return ref _hamlet;
            }
        }

        /// <summary>The house part: every house-level unit in written order, joined by "/" ("Số 5, ngõ 12" → "5/12").</summary>
        private readonly AddressPart HousePart()
        {
            if (_houseCount == 0) return default;
            Span<char> key = stackalloc char[PlaceKeys.MaxLength];
            var length = 0;
            int start = int.MaxValue, stop = 0;
            for (var h = _houseCount - 1; h >= 0; h--)
            {
                ref readonly var unit = ref _units[_houses[h]];
                if (length > 0 && length < key.Length) key[length++] = '/';
                for (var t = unit.First; t < unit.End; t++) length = PlaceKeys.Append(key, length, FoldSpan(t));
                start = Math.Min(start, _tokens[unit.First].Start);
                stop = Math.Max(stop, _tokens[unit.End - 1].Start + _tokens[unit.End - 1].Length);
            }

            var kind = _units[_houses[_houseCount - 1]].Kind;
            return length == 0 ? default : new AddressPart(AddressLevel.House, kind, new string(key[..length]), start, stop - start);
        }

        private readonly AddressPart Part(AddressLevel level, AddressUnitKind kind, int first, int end)
        {
            Span<char> buffer = stackalloc char[PlaceKeys.MaxLength];
            var key = Key(first, end, buffer);
            if (key.IsEmpty) return default;
            var start = _tokens[first].Start;
            var stop = _tokens[end - 1].Start + _tokens[end - 1].Length;
            return new AddressPart(level, kind, KeyPool.Get(key), start, stop - start);
        }

        // -------------------------------------------------------------------------------------------------------------
        internal readonly ReadOnlySpan<char> FoldSpan(int t) => _folded.Slice(_tokens[t].Fold, _tokens[t].FoldLength);

        /// <summary>The key of tokens [first, end): folded words run together, a lone Roman numeral read as a number.</summary>
        internal readonly ReadOnlySpan<char> Key(int first, int end, Span<char> buffer)
        {
            var length = 0;
            for (var t = first; t < end; t++) length = PlaceKeys.Append(buffer, length, FoldSpan(t));
            if (end - first == 1 && PlaceKeys.RomanValue(buffer[..length]) is > 0 and var roman && !_tokens[first].HasDiacritics)
            {
                roman.TryFormat(buffer, out length, default, System.Globalization.CultureInfo.InvariantCulture);
            }

            return buffer[..length];
        }
    }

    /// <summary>
    /// One shared string per place key: a province's registry names a few thousand hamlets, communes and streets
    /// millions of times. Bounded, so hostile input cannot grow it without limit.
    /// </summary>
    private static class KeyPool
    {
        private const int Capacity = 500_000;
        private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Pool.GetAlternateLookup<ReadOnlySpan<char>>();

        // ConcurrentDictionary.Count takes every lock: the pool counts its own additions.
        private static int _count;

        public static string Get(ReadOnlySpan<char> key)
        {
            if (Lookup.TryGetValue(key, out var shared)) return shared;
            var s = key.ToString();
            if (Volatile.Read(ref _count) >= Capacity) return s;
            var pooled = Pool.GetOrAdd(s, s);
            if (ReferenceEquals(pooled, s)) Interlocked.Increment(ref _count);
            return pooled;
        }
    }
}
