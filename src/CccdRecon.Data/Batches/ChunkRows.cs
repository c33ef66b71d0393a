using CccdRecon.Core.Addresses;
using CccdRecon.Core.Matching;
using CccdRecon.Data.Bulk;
using CccdRecon.Data.Entities;
using CccdRecon.Data.Intake;
using CccdRecon.Data.Review;
using Microsoft.EntityFrameworkCore;

namespace CccdRecon.Data.Batches;

/// <summary>
/// The rows a chunk of matched forms becomes (<see cref="BatchStore.PrepareChunkAsync"/>), ready to be written in one
/// transaction (<see cref="BatchStore.WriteChunkAsync(string, BatchWorker, long, ChunkRows, CancellationToken)"/>): a result per form whose id is the form's row id (so a form has one
/// result, and its discrepancies and case point to it without reading ids back), its discrepancies in the engine's
/// order, a review case for each result that needs a person (<see cref="BatchStore.CaseKindOf"/>) with the counters
/// it adds to the batch's case tallies, a clean record for each clean match.
/// </summary>
public sealed class ChunkRows
{
    private readonly List<BatchResultRow> _results = [];
    private readonly List<DiscrepancyRow> _discrepancies = [];
    private readonly List<ReviewCaseRow> _cases = [];
    private readonly List<CleanRecordRow> _cleans = [];
    private readonly CaseTallies _tallies = new();
    private readonly List<TallyKey> _resolvedTallies = [];

    internal StatusCounts Counts { get; private set; }

    /// <summary>How many forms the chunk holds.</summary>
    public required int FormCount { get; init; }

    /// <summary>The row id of the chunk's last form (the batch's cursor once written); null for an empty chunk.</summary>
    /// <remarks>Only this is kept of the forms: a chunk waits to be written while the next is matched, and its forms
    /// held meanwhile were garbage the collector had to carry into its older generations.</remarks>
    public required long? LastPosition { get; init; }

    /// <summary>
    /// Composes the rows on every core (explanations as JSON, clean records): pure work, outside any transaction.
    /// <paramref name="records"/> holds the record of every clean result (<see cref="LinkedRecordIds"/>), looked up at once.
    /// </summary>
    public static ChunkRows Compose(string batchId, IReadOnlyList<PendingForm> forms, IReadOnlyList<Reconciliation> results,
        IReadOnlyDictionary<string, RegistryRecord> records, DateTimeOffset now)
    {
        var composed = new (BatchResultRow Result, CleanRecordRow? Clean, ReviewCaseRow? Case)[forms.Count];
        Parallel.For(0, forms.Count, i =>
        {
            var (form, result, id) = (forms[i].Form, results[i], forms[i].Position);
            var row = BatchResultRow.Of(result, batchId, id);
            row.Id = id;
            var record = result.Status == MatchStatus.Clean && result.RecordId is { } recordId ? records.GetValueOrDefault(recordId) : null;
            var kind = BatchStore.CaseKindOf(result.Status);
            var commune = kind is null ? null : AddressCommune.Of(form.PermanentAddress);
            composed[i] = (row,
                result.Status == MatchStatus.Clean && record is not null ? CleanRecords.FromMatch(batchId, form, record, now) : null,
                kind is not null
                    ? new ReviewCaseRow
                    {
                        ResultId = id, BatchId = batchId, FormId = form.FormId, Kind = kind.Value, State = ReviewCaseState.Open, CreatedAt = now,
                        SortKey = ReviewStore.SortKeyOf(form.FullName),
                        CommuneKey = commune?.Key ?? "", Commune = commune?.Label ?? "",
                        Flags = CaseFlags.Format(result.Discrepancies.Select(d => (d.Field, d.Kind))),
                        // An ambiguous case links no record until a reviewer chooses (or confirms the best candidate).
                        RecordId = kind == CaseKind.Differences ? result.RecordId : null,
                    }
                    : null);
        });
        var rows = new ChunkRows { FormCount = forms.Count, LastPosition = forms.Count > 0 ? forms[^1].Position : null };
        var counts = new StatusCounts();
        for (var i = 0; i < composed.Length; i++)
        {
            var (result, clean, reviewCase) = composed[i];
            foreach (var discrepancy in result.Discrepancies)
            {
                discrepancy.ResultId = result.Id;
                rows._discrepancies.Add(discrepancy);
            }
            result.Discrepancies = [];
            rows._results.Add(result);
            counts = counts.Add(result.Status);
            if (clean is not null)
            {
                rows._cleans.Add(clean);
            }
            if (reviewCase is not null)
            {
                rows._cases.Add(reviewCase);
                var keys = CaseTallies.KeysOf(batchId, reviewCase.Kind, ReviewCaseState.Open, results[i].Discrepancies.Select(d => (d.Field, d.Kind))).ToList();
                rows._tallies.Add(keys, +1);
                // Their resolved twins exist from the start, so reviewers only ever increment counters.
                rows._resolvedTallies.AddRange(keys.Select(k => k with { State = ReviewCaseState.Resolved }));
            }
        }
        rows.Counts = counts;
        return rows;
    }

    /// <summary>
    /// Whether the cases' and clean records' ids were taken when the chunk was prepared (<see cref="ReserveIdsAsync"/>):
    /// then they may be written beside the chunk before, since their order no longer depends on when they are inserted.
    /// </summary>
    internal bool IdsReserved { get; private set; }

    /// <summary>
    /// Takes the ids of the chunk's review cases and clean records now, in form order, where the provider does
    /// (<see cref="BulkWriter.ReserveIdsAsync"/>: PostgreSQL, which writes several chunks at once). Chunks prepared in
    /// the batch's order thus number their cases and clean records in creation order whichever write reaches the table
    /// first; a chunk rolled back leaves a gap, and its forms get later ids when matched again.
    /// </summary>
    internal async Task ReserveIdsAsync(ReconDbContext db, CancellationToken cancellationToken)
    {
        var bulk = BulkWriter.For(db.Database);
        if (await bulk.ReserveIdsAsync(db, db.Table<ReviewCaseRow>(withGeneratedKey: true), _cases.Count, cancellationToken) is not { } caseIds
            || await bulk.ReserveIdsAsync(db, db.Table<CleanRecordRow>(withGeneratedKey: true), _cleans.Count, cancellationToken) is not { } cleanIds)
        {
            return;
        }
        for (var i = 0; i < _cases.Count; i++)
        {
            _cases[i].Id = caseIds[i];
        }
        for (var i = 0; i < _cleans.Count; i++)
        {
            _cleans[i].Id = cleanIds[i];
        }
        IdsReserved = true;
    }

    /// <summary>The records a chunk's rows are composed from: those of its clean results (each becomes a clean record).</summary>
    public static IEnumerable<string> LinkedRecordIds(IReadOnlyList<Reconciliation> results)
        => results.Where(r => r.Status == MatchStatus.Clean).Select(r => r.RecordId).OfType<string>();

    /// <summary>
    /// Writes the results and their discrepancies in the caller's transaction. A result's id is its form's row id, and
    /// a discrepancy's generated id orders it only among its result's: these may be written beside the chunk before
    /// (<see cref="BatchStore.ChunkWritesAtOnce"/>).
    /// </summary>
    internal async Task WriteResultsAsync(ReconDbContext db, ChunkWriteStages stages, CancellationToken cancellationToken)
    {
        var bulk = BulkWriter.For(db.Database);
        await bulk.InsertAsync(db, db.Table<BatchResultRow>(withGeneratedKey: true), _results, cancellationToken);
        stages.Lap(ChunkWriteStage.Results);
        await bulk.InsertAsync(db, db.Table<DiscrepancyRow>(), _discrepancies, cancellationToken);
        stages.Lap(ChunkWriteStage.Discrepancies);
    }

    /// <summary>
    /// Writes the review cases (in the batch's <paramref name="unit"/>) and the clean records in the caller's
    /// transaction. Their ids are their creation order, which the queue's "by creation" listing, the correction lists
    /// and the intake export follow, so they must be taken in the batch's order: reserved when the chunk was prepared
    /// (<see cref="IdsReserved"/>), or else generated as they are inserted, once the chunk before has ended. The case
    /// tallies are added apart (<see cref="AddTalliesAsync"/>).
    /// </summary>
    internal async Task WriteCasesAsync(ReconDbContext db, string unit, ChunkWriteStages stages, CancellationToken cancellationToken)
    {
        foreach (var reviewCase in _cases)
        {
            reviewCase.Unit = unit;
        }
        var bulk = BulkWriter.For(db.Database);
        await bulk.InsertAsync(db, db.Table<ReviewCaseRow>(withGeneratedKey: IdsReserved), _cases, cancellationToken);
        stages.Lap(ChunkWriteStage.Cases);
        await bulk.InsertAsync(db, db.Table<CleanRecordRow>(withGeneratedKey: IdsReserved), _cleans, cancellationToken);
        stages.Lap(ChunkWriteStage.Cleans);
    }

    /// <summary>Adds the chunk's cases to the batch's case tallies (one statement), in the caller's transaction.</summary>
    internal Task AddTalliesAsync(ReconDbContext db, CancellationToken cancellationToken) => _tallies.AddInBulkAsync(db, _resolvedTallies, cancellationToken);
}

/// <summary>How many results of each status.</summary>
internal readonly record struct StatusCounts(long Clean, long Review, long NoMatch, long Ambiguous)
{
    public StatusCounts Add(MatchStatus status) => status switch
    {
        MatchStatus.Clean => this with { Clean = Clean + 1 },
        MatchStatus.Review => this with { Review = Review + 1 },
        MatchStatus.NoMatch => this with { NoMatch = NoMatch + 1 },
        MatchStatus.Ambiguous => this with { Ambiguous = Ambiguous + 1 },
        _ => this,
    };
}
