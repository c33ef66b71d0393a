using CccdRecon.Core.Matching;

namespace CccdRecon.Data.Registry;

/// <summary>
/// Where the registry is held in memory when it is not this process's own index: the silos of cluster mode (issue 14).
/// With one registered, <see cref="RegistryStore"/> keeps no records in this process: each import is committed to the
/// database first, then applied here; and the host's start asks it to load instead of filling a local index.
/// </summary>
public interface IRegistryReplica
{
    /// <summary>Why imports cannot go through this host, or null when they can (checked before anything is written).</summary>
    string? RefusesImports { get; }

    /// <summary>At the host's start, once the database is migrated: the replica loads (or checks) what it holds.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Applies records just committed to the database (in commit order, each with the version it replaced).</summary>
    Task ApplyAsync(IReadOnlyList<RegistryChange> changes, CancellationToken cancellationToken);
}

/// <summary>One record written by an import: the stored version it replaced (null when new) and the new one.</summary>
public sealed record RegistryChange(RegistryRecord? Previous, RegistryRecord Current);
