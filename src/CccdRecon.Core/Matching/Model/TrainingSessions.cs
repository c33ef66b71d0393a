namespace CccdRecon.Core.Matching;

/// <summary>Candidate pairs found by one family of blocking rules, and which fields EM may estimate from them.</summary>
internal sealed record TrainingSession(string Name, bool[] Free, List<LevelVector> Pairs);

/// <summary>
/// Groups training pairs by the blocking rules that found them. A pair found by the personal-ID key agrees on the ID
/// because of blocking, so that session learns every field but the ID; name-and-date keys teach the ID, parents and
/// address; the address key teaches name and date.
/// </summary>
internal static class TrainingSessions
{
    private const uint IdKinds = 1u << (int)BlockingKeyKind.PersonalId | 1u << (int)BlockingKeyKind.LegacyId;
    private const uint AddressKinds = 1u << (int)BlockingKeyKind.Address;
    private const uint NameDateKinds = ~(IdKinds | AddressKinds);

    public static IReadOnlyList<TrainingSession> Split(IReadOnlyList<(LevelVector Levels, uint Kinds)> pairs)
    {
        var byId = new TrainingSession("personal_id", Free(except: [MatchField.PersonalId]), []);
        var byNameDate = new TrainingSession("name_and_date", Free(except: [MatchField.FullName, MatchField.DateOfBirth]), []);
        var byAddress = new TrainingSession("address", Free(except: [MatchField.Address, MatchField.AddressText]), []);
        foreach (var (levels, kinds) in pairs)
        {
            if ((kinds & IdKinds) != 0) byId.Pairs.Add(levels);
            if ((kinds & NameDateKinds) != 0) byNameDate.Pairs.Add(levels);
            if ((kinds & AddressKinds) != 0) byAddress.Pairs.Add(levels);
        }
        return [byId, byNameDate, byAddress];
    }

    private static bool[] Free(MatchField[] except)
    {
        var free = new bool[FieldCatalog.Count];
        Array.Fill(free, true);
        foreach (var f in except) free[(int)f] = false;
        return free;
    }
}
