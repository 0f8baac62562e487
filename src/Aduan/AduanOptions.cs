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

    /// <summary>Train the category model from the pack's examples on the first start (tests that do not need it turn it off).</summary>
    public bool TrainOnFirstStart { get; set; } = true;

    /// <summary>Triage new reports in the background (off only in tests that run triage rounds themselves).</summary>
    public bool BackgroundTriage { get; set; } = true;

    /// <summary>Close resolved reports nobody confirmed and remind about unanswered outside bodies (off only in tests that run rounds themselves).</summary>
    public bool BackgroundFollowUp { get; set; } = true;

    /// <summary>Run the escalation sweep every minute (off only in tests that run sweeps themselves).</summary>
    public bool BackgroundEscalation { get; set; } = true;

    /// <summary>Send the outbox's messages in the background (off only in tests that run delivery rounds themselves).</summary>
    public bool BackgroundDelivery { get; set; } = true;

    /// <summary>Bring the scorecard rollups up to date every few minutes (<c>aduan run-job rollups</c> does one round).</summary>
    public bool BackgroundRollups { get; set; } = true;

    /// <summary>Read the e-mail channel's mailbox in the background when IMAP is configured (off only in tests that run rounds themselves).</summary>
    public bool BackgroundEmailIntake { get; set; } = true;

    /// <summary>Send e-mail alerts (report status changes, daily area and category digests) in the background (off only in tests that run rounds themselves).</summary>
    public bool BackgroundAlerts { get; set; } = true;

    /// <summary>Requests per minute and client address; a citizen behind a carrier's shared address shares it.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Base address used in messages and links (e.g. https://aduan.jakarta.go.id).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    [Range(0, 20)]
    public int MaxPhotos { get; set; } = 5;

    [Range(1024, 50 * 1024 * 1024)]
    public long MaxPhotoBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How many one-time codes one phone number or e-mail address may get per <see cref="CitizenCodeWindowMinutes"/>.</summary>
    [Range(1, 100)]
    public int CitizenCodesPerWindow { get; set; } = 3;

    [Range(1, 24 * 60)]
    public int CitizenCodeWindowMinutes { get; set; } = 15;

    /// <summary>
    /// New reports one phone number or e-mail address may send per hour, on top of the per-address
    /// limit (many citizens share a mobile carrier's address; one contact is one person).
    /// </summary>
    [Range(1, 10_000)]
    public int ReportsPerContactPerHour { get; set; } = 10;

    /// <summary>Hours between checks for new operator-labelled examples to retrain the category classifier on; 0 turns it off.</summary>
    [Range(0, 24 * 365)]
    public int ClassifierRetrainHours { get; set; } = 24;

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

/// <summary>The "Aduan:RateLimits" settings: permits per minute per client address.</summary>
public sealed class RateLimitOptions
{
    /// <summary>New reports (API and form). Indonesian mobile networks put many people behind one address.</summary>
    [Range(1, 1_000_000)]
    public int SubmitPerMinute { get; set; } = 30;

    /// <summary>Sign-in attempts (password and second factor); lockout per account comes on top.</summary>
    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Report look-ups by tracking code (API and track page): generous for people, a wall for guessing.</summary>
    [Range(1, 1_000_000)]
    public int LookupPerMinute { get; set; } = 120;

    /// <summary>One-time code requests and checks for citizens; a per-contact limit comes on top.</summary>
    [Range(1, 1_000_000)]
    public int CitizenCodePerMinute { get; set; } = 10;

    /// <summary>SKM questionnaires sent from the public form and API: enough for a service counter's shared connection, a wall for stuffing.</summary>
    [Range(1, 1_000_000)]
    public int SurveyPerMinute { get; set; } = 10;

    /// <summary>E-mail alert requests (subscribe); each sends a confirmation mail, so they are few.</summary>
    [Range(1, 1_000_000)]
    public int AlertsPerMinute { get; set; } = 5;
}
