using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Registry;

/// <summary>
/// Where the registry is held in memory when it is not this process's own index: the silos of cluster mode (issue 14).
/// With one registered, <see cref="RegistryStore"/> keeps no records in this process: each import is committed to the
/// database first, then applied here; the host's start asks it to load instead of filling a local index; and the
/// registry's reads (a record by id, a search), which one process answers from its index, are answered by the replica.
/// </summary>
public interface IRegistryReplica
{
    /// <summary>Why imports cannot go through this host, or null when they can (checked before anything is written).</summary>
    string? RefusesImports { get; }

    /// <summary>At the host's start, once the database is migrated: the replica loads (or checks) what it holds.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Applies records just committed to the database (in commit order, each with the version it replaced).</summary>
    Task ApplyAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken);

    /// <summary>
    /// The records of <paramref name="recordIds"/> held, by id (an id held nowhere is left out), in one batched look-up:
    /// what the local index's <see cref="RegistryIndex.Get"/> answers for each in one process (<see cref="RegistryLookup"/>).
    /// </summary>
    Task<IReadOnlyDictionary<string, RegistryRecord>> GetManyAsync(IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken);

    /// <summary>A registry search over every record held: what <see cref="RecordSearch.Search"/> answers over the local index in one process.</summary>
    Task<IReadOnlyList<RecordHit>> SearchAsync(RecordQuery query, string? afterKey, int limit, CancellationToken cancellationToken);
}

/// <summary>One record written by an import: the stored version it replaced (null when new) and the new one.</summary>
public sealed record RegistryChange(RegistryRecord? Previous, RegistryRecord Current);
