using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aduan;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The "Aduan" settings section, validated on start.</summary>
public sealed class AduanOptions
{
    public const string Section = "Aduan";

    /// <summary>Folder for the SQLite database and photos; created on start.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite, empty means <c>{DataFolder}/aduan.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The pack loaded into an empty database on first start.</summary>
    [Required, RegularExpression("^[a-z0-9-]+$")]
    public string Pack { get; set; } = "dki-jakarta";

    /// <summary>Where packs live; empty means the nearest <c>packs/</c> folder above the app.</summary>
    public string? PacksFolder { get; set; }

    /// <summary>Fill an empty database with sample reports (for demos).</summary>
    public bool Demo { get; set; }

    [Range(100, 100_000)]
    public int DemoReports { get; set; } = 400;

    /// <summary>Base address used in messages and links (e.g. https://aduan.jakarta.go.id).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    [Range(0, 20)]
    public int MaxPhotos { get; set; } = 5;

    [Range(1024, 50 * 1024 * 1024)]
    public long MaxPhotoBytes { get; set; } = 8 * 1024 * 1024;

    public string SqliteConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) ? $"Data Source={Path.Combine(DataFolder, "aduan.db")}" : ConnectionString;

    public string ResolvePacksFolder()
    {
        if (!string.IsNullOrWhiteSpace(PacksFolder))
            return Path.GetFullPath(PacksFolder);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "packs");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        throw new DirectoryNotFoundException("No packs/ folder found above the working directory or the app; set Aduan:PacksFolder.");
    }
}

/// <summary>Checks that need more than one setting at a time.</summary>
internal sealed class AduanOptionsValidator : IValidateOptions<AduanOptions>
{
    public ValidateOptionsResult Validate(string? name, AduanOptions options) =>
        options.Database == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("Aduan:ConnectionString is required when Aduan:Database is Postgres.")
            : ValidateOptionsResult.Success;
}
