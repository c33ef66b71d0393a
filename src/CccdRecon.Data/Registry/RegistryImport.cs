using CccdRecon.Data.Errors;

namespace CccdRecon.Data.Registry;

/// <summary>One import of registry records, over as many calls to <see cref="RegistryStore.ImportAsync"/> as it takes.</summary>
public sealed class RegistryImport
{
    /// <summary>Records seen so far: the index of the next one.</summary>
    public long Position { get; internal set; }

    public long Imported { get; internal set; }
    public long Updated { get; internal set; }
    public long Rejected { get; internal set; }

    /// <summary>The first refused records (up to <c>Limits:MaxReportedErrors</c>); <see cref="Rejected"/> counts them all.</summary>
    public List<ItemRejection> Rejections { get; } = [];
}
