namespace CccdRecon.Core.Matching;

/// <summary>
/// Trains a <see cref="MatchModel"/> on a sample of forms against a registry. Returns a new model; nothing shared changes.
/// <list type="number">
/// <item><b>u</b> is counted on random <i>form × registry</i> pairs (Splink's method for linking two data sets): forms
/// are written in another style than the registry (capitals, no diacritics, abbreviated addresses), so a level that
/// is rare between two registry records can be common between a form and any record. A random pair is the same person
/// with probability about 1/N — negligible. When the sample has few forms, each form's style weighs on all its pairs,
/// so the estimate is blended with the one from random <i>registry × registry</i> pairs by sample size:
/// w = n / (n + <see cref="FallbackForms"/>) for n forms (with 3,000 forms the forms' estimate carries 97 %). Levels no
/// registry pair can show (a form's ID judged only by its structure) fall back to the catalog's prior instead. Every
/// level gets half a pair more (Jeffreys' prior): a level never seen in 60,000 pairs is rare, not impossible.</item>
/// <item><b>m</b> by EM over the candidate pairs of the sample, one session per family of blocking rules (see
/// <see cref="MEstimation"/>).</item>
/// <item>The weights are put in the order of each field's levels (<see cref="MonotoneWeights"/>).</item>
/// <item><b>π</b>, the share of forms whose person is in the registry, by EM over the sample's forms: each form's
/// probability of being present is Σ odds_i / (1 + Σ odds_i) over its candidates (the posterior's own formula), and π
/// is their mean, until it settles.</item>
/// </list>
/// </summary>
public static class ModelTrainer
{
    /// <summary>
    /// Form × registry pairs counted for u (spread evenly over the sample's forms) on the cheap fields, whose agreeing
    /// levels are rare (two random people share a birthday about once in 25,000 pairs): enough to count them.
    /// </summary>
    public const int FormRegistryPairs = 200_000;
    /// <summary>Of those, the pairs on which the costly fields (parents, address) are compared too.</summary>
    public const int FullFormRegistryPairs = 60_000;
    public const int MaxPairsPerForm = 1_000;
    /// <summary>Registry × registry pairs of the fallback estimate of u.</summary>
    public const int RegistryPairs = 50_000;
    /// <summary>The sample size (forms) at which the form × registry and registry × registry estimates of u weigh equally.</summary>
    public const int FallbackForms = 100;
    /// <summary>Fewer registry pairs than this showing a field (a tiny registry) and its fallback is the catalog's prior.</summary>
    public const int MinRegistryPairs = 1_000;
    /// <summary>Pseudo-count added to every level when counting u (Jeffreys' prior).</summary>
    public const double PseudoCount = 0.5;
    /// <summary>Candidates per form used for EM: a bounded sample is plenty and keeps training flat at any scale.</summary>
    public const int CandidatesPerForm = 40;
    public const int Seed = 7;
    /// <summary>Rounds of taking the true matches out of u and estimating m and π again (see <see cref="Train"/>).</summary>
    public const int CorrectionPasses = 2;
    private const int PresentShareIterations = 100;

    public static MatchModel Train(RegistryIndex index, IEnumerable<SurveyForm> sample, MatchingOptions options, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var profiles = sample.Select(f => PersonProfile.FromForm(f, today)).ToArray();
        var registrySize = index.Count;

        var counts = RandomPairCounts.Count(index, profiles, cancellationToken);
        var u = counts.U(matchRate: 0, m: null);
        var candidates = Candidates(index, options, profiles, cancellationToken);
        var pairs = candidates.SelectMany(c => c).Select(c => (c.Levels, c.Kinds)).ToList();
        var startM = FieldCatalog.Fields.Select(f => f.Levels.Select(l => l.InitialM).ToArray()).ToArray();
        var sessions = TrainingSessions.Split(pairs);
        var (m, summaries) = MEstimation.Estimate(startM, u, sessions);
        var presentShare = EstimatePresentShare(new MatchModel(m, u, MatchModel.DefaultPresentShare, ModelTraining.None), candidates, registrySize);
        // A random form × record pair is the form's own person with probability π/N. That is negligible for a level
        // two strangers often share, but not for the rare agreeing ones: at 100,000 records the true matches among the
        // pairs are a third of those with equal birth dates and nearly all with equal ID numbers. Their expected count
        // (pairs × π/N × m) is taken out, and m and π are estimated again with the corrected u.
        for (var pass = 0; pass < CorrectionPasses; pass++)
        {
            u = counts.U(matchRate: presentShare / Math.Max(registrySize, 1), m);
            (m, summaries) = MEstimation.Estimate(startM, u, sessions);
            presentShare = EstimatePresentShare(new MatchModel(m, u, MatchModel.DefaultPresentShare, ModelTraining.None), candidates, registrySize);
        }

        var training = new ModelTraining(profiles.Length, registrySize, counts.FormPairs, counts.RegistryPairs, Math.Round(counts.FormShare, 4),
            pairs.Count, summaries, time.GetUtcNow());
        return new MatchModel(m, u, presentShare, training);
    }

    /// <summary>
    /// Level counts over random pairs — form × registry, and registry × registry for the fallback — and u from them
    /// (see the class summary).
    /// </summary>
    private sealed class RandomPairCounts
    {
        private readonly double[][] _form = NewCounts(), _registry = NewCounts();
        private readonly int[] _formsObserved = new int[FieldCatalog.Count];

        public int FormPairs { get; private set; }
        public int RegistryPairs { get; private set; }
        /// <summary>The mean weight of the form × registry estimate over the fields.</summary>
        public double FormShare { get; private set; }

        public static RandomPairCounts Count(RegistryIndex index, PersonProfile[] forms, CancellationToken cancellationToken)
        {
            var counts = new RandomPairCounts();
            var perForm = forms.Length == 0 ? 0 : Math.Clamp((FormRegistryPairs + forms.Length - 1) / forms.Length, 1, MaxPairsPerForm);
            var fullPerForm = forms.Length == 0 ? 0 : Math.Clamp((FullFormRegistryPairs + forms.Length - 1) / forms.Length, 1, perForm);
            var gate = new object();
            Parallel.For(0, forms.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => (Counts: NewCounts(), Seen: new int[FieldCatalog.Count]),
                (i, _, local) =>
                {
                    var seen = new bool[FieldCatalog.Count];
                    var pair = 0;
                    foreach (var record in index.RandomRecords(perForm, new Random(Seed * 1_000_003 + i)))
                    {
                        var comparison = new PairComparison();
                        FieldComparer.CompareCore(forms[i], record, ref comparison);
                        if (pair++ < fullPerForm) FieldComparer.CompareRest(forms[i], record, ref comparison);
                        var levels = comparison.Levels;
                        for (var f = 0; f < FieldCatalog.Count; f++)
                        {
                            if (levels[f] < 0) continue;
                            local.Counts[f][levels[f]]++;
                            seen[f] = true;
                        }
                    }
                    for (var f = 0; f < FieldCatalog.Count; f++) if (seen[f]) local.Seen[f]++;
                    return local;
                },
                local =>
                {
                    lock (gate)
                    {
                        Add(counts._form, local.Counts);
                        for (var f = 0; f < FieldCatalog.Count; f++) counts._formsObserved[f] += local.Seen[f];
                    }
                });
            counts.FormPairs = perForm * forms.Length;

            var registryPairs = index.RandomPairs(ModelTrainer.RegistryPairs, Seed);
            counts.RegistryPairs = registryPairs.Count;
            foreach (var levels in registryPairs.AsParallel().WithCancellation(cancellationToken).Select(p => FieldComparer.Compare(p.A, p.B).Levels).ToList())
                for (var f = 0; f < FieldCatalog.Count; f++)
                    if (levels[f] >= 0) counts._registry[f][levels[f]]++;
            return counts;
        }

        /// <summary>
        /// u per field and level. <paramref name="matchRate"/> (π/N) and <paramref name="m"/> take out the pairs of a form
        /// with its own record, which random form × registry pairs hold at that rate (registry pairs are never one person).
        /// </summary>
        public double[][] U(double matchRate, double[][]? m)
        {
            var u = new double[FieldCatalog.Count][];
            double formWeightSum = 0;
            for (var f = 0; f < FieldCatalog.Count; f++)
            {
                var spec = FieldCatalog.Fields[f];
                var counts = _form[f].ToArray();
                if (m is not null)
                {
                    var pairs = counts.Sum();
                    for (var l = 0; l < counts.Length; l++) counts[l] = Math.Max(0, counts[l] - pairs * matchRate * m[f][l]);
                }
                var fallback = RegistryEstimate(spec, _registry[f]);
                var fromForms = Smoothed(counts);
                var w = (double)_formsObserved[f] / (_formsObserved[f] + FallbackForms);
                formWeightSum += w;
                u[f] = new double[spec.LevelCount];
                for (var l = 0; l < spec.LevelCount; l++) u[f][l] = w * fromForms[l] + (1 - w) * fallback[l];
                Probabilities.Normalise(u[f]);
            }
            FormShare = formWeightSum / FieldCatalog.Count;
            return u;
        }
    }

    /// <summary>The registry × registry estimate, with the catalog's prior for levels such pairs cannot show (or too few pairs).</summary>
    private static double[] RegistryEstimate(FieldSpec spec, double[] counts)
    {
        var prior = spec.Levels.Select(l => l.InitialU).ToArray();
        var impossible = Enumerable.Range(0, spec.LevelCount).Where(l => RegistryPairsCannotShow(spec.Field, l)).ToArray();
        double shown = 0;
        for (var l = 0; l < counts.Length; l++) if (!impossible.Contains(l)) shown += counts[l];
        if (shown < MinRegistryPairs) return prior;
        var estimate = prior.ToArray();
        var priorShown = 1 - impossible.Sum(l => prior[l]);
        for (var l = 0; l < counts.Length; l++)
            if (!impossible.Contains(l)) estimate[l] = (counts[l] + PseudoCount) / (shown + PseudoCount * (counts.Length - impossible.Length)) * priorShown;
        Probabilities.Normalise(estimate, impossible);
        return estimate;
    }

    /// <summary>A registry record's ID is never judged by its structure alone: only a form's 12-digit number is.</summary>
    private static bool RegistryPairsCannotShow(MatchField field, int level) =>
        field == MatchField.PersonalId && (IdLevel)level is IdLevel.Consistent or IdLevel.Inconsistent;

    private static double[] Smoothed(double[] counts)
    {
        var total = counts.Sum() + PseudoCount * counts.Length;
        return counts.Select(c => (c + PseudoCount) / total).ToArray();
    }

    /// <summary>Each form's first <see cref="CandidatesPerForm"/> candidates from every stage, compared in full.</summary>
    private static List<(LevelVector Levels, uint Kinds, double NameFrequency)>[] Candidates(
        RegistryIndex index, MatchingOptions options, PersonProfile[] forms, CancellationToken cancellationToken)
    {
        var search = new CandidateSearch(index, options);
        var found = new List<(LevelVector, uint, double)>[forms.Length];
        Parallel.For(0, forms.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new MatchScratch(),
            (i, _, scratch) =>
            {
                scratch.Reset();
                var list = new List<(LevelVector, uint, double)>();
                var profile = forms[i];
                if (profile.Name.IsReadable || profile.Id12 is not null || profile.Id9 is not null)
                {
                    using var read = index.Read();
                    search.GatherAll(profile, scratch.Keys, scratch.Candidates);
                    for (var c = 0; c < Math.Min(scratch.Candidates.Count, CandidatesPerForm); c++)
                    {
                        var (slot, kinds) = scratch.Candidates[c];
                        var record = index.At(slot).Profile;
                        var comparison = FieldComparer.Compare(profile, record);
                        var tf = comparison.Levels.Name < NameLevel.Similar ? index.NameFrequency(record.Name.FoldedKey) : 0;
                        list.Add((comparison.Levels, kinds, tf));
                    }
                }
                found[i] = list;
                return scratch;
            },
            _ => { });
        return found;
    }

    /// <summary>π by EM over the sample's forms: the mean probability that a form's person is among its candidates.</summary>
    private static double EstimatePresentShare(MatchModel model, List<(LevelVector Levels, uint Kinds, double NameFrequency)>[] forms, int registrySize)
    {
        if (forms.Length == 0) return MatchModel.DefaultPresentShare;
        // Each form's summed Bayes factors, relative to its best to stay finite: S = 2^top · Σ 2^(e - top).
        var tops = new double[forms.Length];
        var sums = new double[forms.Length];
        for (var i = 0; i < forms.Length; i++)
        {
            if (forms[i].Count == 0) { tops[i] = double.NegativeInfinity; continue; }
            var evidence = forms[i].Select(c => model.Evidence(c.Levels, c.NameFrequency)).ToArray();
            tops[i] = evidence.Max();
            sums[i] = evidence.Sum(e => Math.Pow(2, Math.Max(e - tops[i], -200)));
        }
        var pi = MatchModel.DefaultPresentShare;
        for (var it = 0; it < PresentShareIterations; it++)
        {
            var prior = Math.Log2(pi / (1 - pi)) - Math.Log2(Math.Max(registrySize, 1));
            double present = 0;
            for (var i = 0; i < forms.Length; i++)
            {
                if (double.IsNegativeInfinity(tops[i])) continue;
                var logOdds = prior + tops[i] + Math.Log2(sums[i]);
                present += Posterior.Alone(logOdds);
            }
            var next = Math.Clamp(present / forms.Length, MatchModel.MinPresentShare, MatchModel.MaxPresentShare);
            if (Math.Abs(next - pi) < 1e-6) return next;
            pi = next;
        }
        return pi;
    }

    private static double[][] NewCounts() => FieldCatalog.Fields.Select(f => new double[f.LevelCount]).ToArray();

    private static void Add(double[][] into, double[][] from)
    {
        for (var f = 0; f < into.Length; f++)
            for (var l = 0; l < into[f].Length; l++) into[f][l] += from[f][l];
    }
}
