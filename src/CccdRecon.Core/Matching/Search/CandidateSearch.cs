namespace CccdRecon.Core.Matching;

/// <summary>
/// Finds a form's candidate records, stage by stage (see <see cref="ProbeStage"/>): each stage adds the records its
/// blocking keys share with the form. The caller decides after each stage whether to go on.
/// </summary>
internal sealed class CandidateSearch(RegistryIndex index, MatchingOptions options)
{
    /// <summary>The stages in probing order.</summary>
    public static readonly ProbeStage[] Stages = Enum.GetValues<ProbeStage>();

    /// <summary>Adds the candidates of one stage; call inside <see cref="RegistryIndex.Read"/>.</summary>
    public void Gather(PersonProfile profile, ProbeStage stage, List<BlockingKey> keys, CandidateSet candidates)
    {
        BlockingKeys.ForStage(profile, stage, keys);
        if (keys.Count > 0) index.Probe(keys, options.MaxBlockSize, options.MaxCandidates, candidates);
    }

    /// <summary>Every stage's candidates, for training.</summary>
    public void GatherAll(PersonProfile profile, List<BlockingKey> keys, CandidateSet candidates)
    {
        foreach (var stage in Stages) Gather(profile, stage, keys, candidates);
    }
}
