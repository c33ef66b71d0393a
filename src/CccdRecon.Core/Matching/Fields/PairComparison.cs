using System.Runtime.CompilerServices;
using CccdRecon.Core.Addresses;
using CccdRecon.Core.Dates;
using CccdRecon.Core.Identity;
using CccdRecon.Core.Names;

namespace CccdRecon.Core.Matching;

/// <summary>The fields the model weighs, in model order.</summary>
internal enum MatchField
{
    FullName = 0,
    DateOfBirth = 1,
    Gender = 2,
    PersonalId = 3,
    FatherName = 4,
    MotherName = 5,
    BirthPlace = 6,
    /// <summary>The permanent address by parts, when either side reads as a Vietnamese address.</summary>
    Address = 7,
    /// <summary>The permanent address as text (token-set similarity), when neither does (FEBRL's, a foreign one).</summary>
    AddressText = 8,
}

/// <summary>One comparison level per field (the field's level enum as a number); -1 where either side lacks the value.</summary>
[InlineArray(FieldCatalog.Count)]
internal struct LevelVector
{
    private sbyte _level;

    /// <summary>No field compared (a copy of one vector filled once: every candidate's comparison starts from it).</summary>
    public static LevelVector Missing => MissingLevels;

    private static readonly LevelVector MissingLevels = AllMissing();

    private static LevelVector AllMissing()
    {
        var v = new LevelVector();
        ((Span<sbyte>)v).Fill(-1);
        return v;
    }

    public readonly sbyte this[MatchField field] => this[(int)field];

    public NameLevel? Name { readonly get => Get<NameLevel>(MatchField.FullName); set => Set(MatchField.FullName, value); }
    public DateLevel? Date { readonly get => Get<DateLevel>(MatchField.DateOfBirth); set => Set(MatchField.DateOfBirth, value); }
    public GenderLevel? Gender { readonly get => Get<GenderLevel>(MatchField.Gender); set => Set(MatchField.Gender, value); }
    public IdLevel? Id { readonly get => Get<IdLevel>(MatchField.PersonalId); set => Set(MatchField.PersonalId, value); }
    public ParentLevel? Father { readonly get => Get<ParentLevel>(MatchField.FatherName); set => Set(MatchField.FatherName, value); }
    public ParentLevel? Mother { readonly get => Get<ParentLevel>(MatchField.MotherName); set => Set(MatchField.MotherName, value); }
    public BirthPlaceLevel? BirthPlace { readonly get => Get<BirthPlaceLevel>(MatchField.BirthPlace); set => Set(MatchField.BirthPlace, value); }
    /// <summary>The address level (<see cref="AddressMatchLevel.Unknown"/> is stored as missing).</summary>
    public AddressMatchLevel? Address { readonly get => Get<AddressMatchLevel>(MatchField.Address); set => Set(MatchField.Address, value == AddressMatchLevel.Unknown ? null : value); }
    public AddressTextLevel? AddressText { readonly get => Get<AddressTextLevel>(MatchField.AddressText); set => Set(MatchField.AddressText, value); }

    private readonly T? Get<T>(MatchField field) where T : struct, Enum
    {
        var level = this[(int)field];
        return level < 0 ? null : Unsafe.As<sbyte, T>(ref level);
    }

    private void Set<T>(MatchField field, T? level) where T : struct, Enum
    {
        if (level is { } l) this[(int)field] = Unsafe.As<T, sbyte>(ref l);
        else this[(int)field] = -1;
    }
}

/// <summary>A form compared with one registry record: the level reached per field and the evidence behind it.</summary>
internal struct PairComparison
{
    public LevelVector Levels;
    public NameComparison Name;
    /// <summary>Share of registry records with the record's folded name (term frequency), looked up once per pair.</summary>
    public double NameFrequency;
    public DateAgreement? Date;
    /// <summary>The form's date as compared: its other century when a two-digit year matched that way.</summary>
    public BirthDate? FormDate;
    public IdAgreement? Id;
    public bool? IdConsistent;
    public NameComparison? Father;
    public NameComparison? Mother;
    public AddressComparison? AddressDetail;
    /// <summary>Token-set similarity (0–100) of addresses compared as text.</summary>
    public int AddressScore;
    /// <summary>True when both sides had an address but the decision was certain without it.</summary>
    public bool AddressSkipped;
    /// <summary>True when the candidate was set aside at its <see cref="CandidateScoreBound"/> before its name was compared.</summary>
    public bool NameSkipped;
}
