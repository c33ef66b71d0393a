using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CccdRecon.Core.Matching;

/// <summary>One model parameter, for reports: the weight (log2 Bayes factor) a level adds, and m and u behind it.</summary>
/// <param name="EstimatedWeight">log2(m/u) before the order of the levels was enforced (equal to Weight unless held back)</param>
public sealed record ModelParameter(string Field, string Level, double M, double U, double Weight, double EstimatedWeight);

/// <summary>What a model was trained on, for model.json and the run summary.</summary>
/// <param name="Forms">forms in the training sample</param>
/// <param name="RegistryRecords">registry records when it was trained</param>
/// <param name="FormRegistryPairs">random form × registry pairs u was counted on</param>
/// <param name="RegistryPairs">random registry × registry pairs of the fallback estimate</param>
/// <param name="FormPairShare">the weight of the form × registry estimate in u (the rest is the fallback)</param>
/// <param name="CandidatePairs">candidate pairs EM estimated m on</param>
/// <param name="Sessions">the EM sessions: blocking family, pairs, expected matches</param>
/// <param name="TrainedAt">when (not part of the version)</param>
public sealed record ModelTraining(
    int Forms, int RegistryRecords, int FormRegistryPairs, int RegistryPairs, double FormPairShare, int CandidatePairs,
    IReadOnlyList<TrainingSessionSummary> Sessions, DateTimeOffset? TrainedAt)
{
    /// <summary>The untrained model's description.</summary>
    public static ModelTraining None { get; } = new(0, 0, 0, 0, 0, 0, [], null);
}

/// <summary>One EM session: the blocking family whose candidate pairs it used, how many, and how many it judged matches.</summary>
public sealed record TrainingSessionSummary(string Name, int Pairs, double ExpectedMatches);

/// <summary>
/// Fellegi–Sunter parameters: per field and level, m = P(level | same person) and u = P(level | a random form and a
/// random record); a level adds log2(m/u) bits, kept in the order of the field's levels (see
/// <see cref="MonotoneWeights"/>). The prior is the share of forms whose person is in the registry,
/// <see cref="PresentShare"/>, spread over the registry's records: a form is any one record with probability π/N.
/// Immutable and versioned by its content: one model per run, and <see cref="Version"/> names it in every explanation.
/// Trained by <see cref="ModelTrainer"/>, saved and loaded as model.json by <see cref="ModelFile"/>.
/// </summary>
public sealed class MatchModel
{
    private readonly double[][] _m, _u, _weights, _estimated;
    private readonly double[] _maxWeight, _maxWeightDisagreeing, _minWeight;
    private readonly double _presentLogOdds;

    /// <summary>Prior share of forms whose person is in the registry for an untrained model.</summary>
    public const double DefaultPresentShare = 0.9;

    /// <summary>The present share is kept inside this range: a sample never proves that every person, or none, is there.</summary>
    public const double MinPresentShare = 0.01, MaxPresentShare = 0.999;

    internal MatchModel(double[][] m, double[][] u, double presentShare, ModelTraining training)
    {
        if (m.Length != FieldCatalog.Count || u.Length != FieldCatalog.Count) throw new ArgumentException("one row of m and u per field");
        _m = m.Select(r => r.ToArray()).ToArray();
        _u = u.Select(r => r.ToArray()).ToArray();
        PresentShare = Math.Clamp(presentShare, MinPresentShare, MaxPresentShare);
        _presentLogOdds = Math.Log2(PresentShare / (1 - PresentShare));
        Training = training;
        var heldBack = new List<HeldBackWeight>();
        _weights = new double[m.Length][];
        _estimated = new double[m.Length][];
        for (var f = 0; f < m.Length; f++)
        {
            var spec = FieldCatalog.Fields[f];
            if (_m[f].Length != spec.LevelCount || _u[f].Length != spec.LevelCount)
                throw new ArgumentException($"{spec.Name}: {spec.LevelCount} levels expected");
            _estimated[f] = _m[f].Zip(_u[f], (a, b) => Math.Log2(a / b)).ToArray();
            _weights[f] = MonotoneWeights.Enforce(spec, _m[f], _u[f], heldBack);
        }
        HeldBack = heldBack;
        // Bounds are read for every candidate of every form: computed once here.
        _maxWeight = _weights.Select(w => w.Max()).ToArray();
        _maxWeightDisagreeing = _weights.Select(w => w.Length > 1 ? w.Skip(1).Max() : w[0]).ToArray();
        _minWeight = _weights.Select(w => Math.Min(0, w.Min())).ToArray();
        _flatWeights = new double[_weights.Length * FlatStride];
        for (var f = 0; f < _weights.Length; f++) _weights[f].CopyTo(_flatWeights, f * FlatStride);
        VersionOfParametersOnly = ComputeVersion(withWeights: false);
        Version = ComputeVersion(withWeights: true);
    }

    /// <summary>The untrained model: the catalog's starting m and u, <see cref="DefaultPresentShare"/>.</summary>
    public static MatchModel Default { get; } = new(
        FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.InitialM).ToArray()).ToArray(),
        FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.InitialU).ToArray()).ToArray(),
        DefaultPresentShare, ModelTraining.None);

    /// <summary>
    /// A short hash of the parameters and the weights they gave (m, u, present share, every level's weight): equal
    /// versions score every pair alike, even across releases that keep the weights in another order.
    /// </summary>
    public string Version { get; }

    /// <summary>
    /// The version as releases before the weights were hashed wrote it (m, u and present share only). A model file
    /// carrying it is accepted, and the model it loads into is named by <see cref="Version"/>, so an explanation never
    /// names old weights it was not scored with.
    /// </summary>
    internal string VersionOfParametersOnly { get; }

    /// <summary>Estimated share of forms whose person is in the registry (π): the "none of these" alternative's prior is 1 − π.</summary>
    public double PresentShare { get; }

    public ModelTraining Training { get; }

    /// <summary>Weights that training could not keep as estimated (see <see cref="MonotoneWeights"/>).</summary>
    public IReadOnlyList<HeldBackWeight> HeldBack { get; }

    /// <summary>
    /// The prior weight of one form × record pair in a registry of <paramref name="registrySize"/> records:
    /// log2(π / ((1 − π) N)). Against it, p(record i) = π/N·BF_i / ((1 − π) + π/N·Σ BF_j), as in the posterior.
    /// </summary>
    public double PriorWeight(int registrySize) => _presentLogOdds - Math.Log2(Math.Max(registrySize, 1));

    /// <summary>Every field and level's m, u and weight, for reports.</summary>
    public IReadOnlyList<ModelParameter> Describe()
    {
        var list = new List<ModelParameter>();
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var spec = FieldCatalog.Fields[f];
            for (var l = 0; l < spec.LevelCount; l++)
                list.Add(new ModelParameter(spec.Name, spec.Levels[l].Name, _m[f][l], _u[f][l], Math.Round(_weights[f][l], 4), Math.Round(_estimated[f][l], 4)));
        }
        return list;
    }

    internal double M(int field, int level) => _m[field][level];
    internal double U(int field, int level) => _u[field][level];
    internal double Weight(int field, int level) => _weights[field][level];
    internal double Weight(MatchField field, int level) => _weights[(int)field][level];
    internal double[][] MCopy() => _m.Select(r => r.ToArray()).ToArray();
    internal double[][] UCopy() => _u.Select(r => r.ToArray()).ToArray();

    /// <summary>The most a field can add (its best level's weight).</summary>
    internal double MaxWeight(int field) => _maxWeight[field];

    /// <summary>The most a field can add when its values are known not to agree (its best level after the first).</summary>
    internal double MaxWeightDisagreeing(int field) => _maxWeightDisagreeing[field];

    /// <summary>The most a field can take away (its worst level's weight, at most 0).</summary>
    internal double MinWeight(int field) => _minWeight[field];

    /// <summary>
    /// Weight of an agreeing name, for the name's frequency in the registry: its u is the chance that a random record
    /// bears it, so a shared "Nguyễn Văn Hùng" proves less than a rare name.
    /// </summary>
    internal double NameAgreeWeight(double termFrequency) => Math.Log2(_m[(int)MatchField.FullName][(int)NameLevel.Agree] / Math.Max(termFrequency, 1e-9));

    /// <summary>
    /// The name's weight at a level, for the record name's frequency: agreement weighs by frequency, and no lesser level
    /// weighs more than agreement with that name would (a misspelt common name proves no more than the name itself).
    /// </summary>
    internal double NameWeight(NameLevel level, double termFrequency)
    {
        var agree = NameAgreeWeight(termFrequency);
        return level == NameLevel.Agree ? agree : Math.Min(_weights[(int)MatchField.FullName][(int)level], agree);
    }

    /// <summary>Every field's weights in one array, field after field, <see cref="FlatStride"/> apart (read per candidate by <see cref="IdentifierEvidence"/>).</summary>
    private readonly double[] _flatWeights;

    private static int FlatStride => FlatLayout.Stride;

    // Apart from the model's own statics, which build the default model (and need this first).
    private static class FlatLayout
    {
        public static readonly int Stride = FieldCatalog.Fields.Max(f => f.LevelCount);
    }

    /// <summary>
    /// <see cref="Evidence"/> of levels where only the identifiers are known — date, gender, ID number, birth place: what a
    /// candidate's bound starts from before its name is compared (<see cref="CandidateScorer"/>). The same additions in
    /// the same order (field order, from 0), read from one array instead of one per field.
    /// </summary>
    internal double IdentifierEvidence(in LevelVector levels)
    {
        var weights = _flatWeights;
        double total = 0;
        int level;
        if ((level = levels[MatchField.DateOfBirth]) >= 0) total += weights[(int)MatchField.DateOfBirth * FlatStride + level];
        if ((level = levels[MatchField.Gender]) >= 0) total += weights[(int)MatchField.Gender * FlatStride + level];
        if ((level = levels[MatchField.PersonalId]) >= 0) total += weights[(int)MatchField.PersonalId * FlatStride + level];
        if ((level = levels[MatchField.BirthPlace]) >= 0) total += weights[(int)MatchField.BirthPlace * FlatStride + level];
        return total;
    }

    /// <summary>The evidence of a comparison in bits, without the prior.</summary>
    internal double Evidence(in LevelVector levels, double nameFrequency)
    {
        double total = 0;
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var level = levels[f];
            if (level < 0) continue;
            total += f == (int)MatchField.FullName && (NameLevel)level < NameLevel.Similar && nameFrequency > 0
                ? NameWeight((NameLevel)level, nameFrequency)
                : _weights[f][level];
        }
        return total;
    }

    private string ComputeVersion(bool withWeights)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"pi={PresentShare:R};");
        for (var f = 0; f < FieldCatalog.Count; f++)
        {
            var spec = FieldCatalog.Fields[f];
            for (var l = 0; l < spec.LevelCount; l++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{spec.Name}.{spec.Levels[l].Name}={_m[f][l]:R}/{_u[f][l]:R}");
                if (withWeights) text.Append(CultureInfo.InvariantCulture, $">{_weights[f][l]:R}");
                text.Append(';');
            }
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "m" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
