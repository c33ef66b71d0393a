namespace CccdRecon.Data.Configurations;

/// <summary>Column sizes shared by every table; SQL Server needs bounded keys for indexes.</summary>
internal static class Columns
{
    public const int Key = 64;
    public const int Text = 512;
    public const int Short = 32;
}
