using System.Text.Json;
using Aduan.Data;
using Aduan.Packs;
using Aduan.People;
using Aduan.Reports;
using Aduan.Triage.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aduan.Triage;

/// <summary>What triage suggests to the operator, stored on the report as JSON (no agencies in JSON written before they were suggested).</summary>
public sealed record TriageSuggestions(
    IReadOnlyList<CategoryGuess> Categories,
    IReadOnlyList<AreaGuess> Areas,
    IReadOnlyList<DuplicateCandidate> Duplicates,
    IReadOnlyList<AgencyGuess>? Agencies = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TriageSuggestions? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TriageSuggestions>(json, Json);
}

/// <summary>
/// Automatic triage of one report: where it is (coordinates were handled at intake; otherwise
/// the words), what it is about (the classifier, taken when above the pack's threshold), whether
/// it repeats an open report nearby, and whether its sender is blocked. Each step may fail on
/// its own; a failure is recorded as a flag and the report waits for an operator, never lost.
/// </summary>
public sealed class TriageReport(
    AduanDbContext db,
    IAreaFinder areaFinder,
    ICategoryClassifier classifier,
    IDuplicateFinder duplicates,
    SuggestAgencies agencies,
    CurrentPack currentPack,
    TimeProvider clock,
    ILogger<TriageReport> log)
{
    public async Task<bool> RunAsync(Guid reportId, CancellationToken ct)
    {
        var report = await db.Reports.Include(r => r.Updates).SingleOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null || report.TriagedAt is not null || report.Status != ReportStatus.Received)
            return false;
        var pack = (await currentPack.GetAsync(ct)).Info;
        var flags = TriageFlags.None;
        var notes = new List<string>();
        var text = string.Join(". ", new[] { report.Description, report.AddressText }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var meaningless = TextNormalizer.IsMeaningless(report.Description);
        if (meaningless)
        {
            flags |= TriageFlags.MeaninglessText;
            notes.Add("teks tidak bermakna: menunggu operator");
        }

        // Where: coordinates were placed at intake; otherwise read the words.
        IReadOnlyList<AreaGuess> areaGuesses = [];
        string? areaCode = null;
        if (report.AreaCode is null && !report.Flags.HasFlag(TriageFlags.OutsideTerritory))
        {
            try
            {
                areaGuesses = await areaFinder.FindAsync(text, 3, ct);
                areaCode = areaGuesses.Count > 0 ? areaGuesses[0].AreaCode : null;
                notes.Add(areaCode is null ? "wilayah tidak ditemukan dalam teks" : $"wilayah dari teks: {areaCode} ({areaGuesses[0].Score:0.00})");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Area finder failed for report {Code}", report.Code);
                flags |= TriageFlags.TriageFailed;
            }
            if (areaCode is null)
                flags |= TriageFlags.AreaUnknown;
        }

        // Who might act, read once for both suggestions below: the routing rules of the report's area and the agency model's reading of the text.
        SuggestAgencies.Reading? reading = null;
        try
        {
            reading = await agencies.ReadAsync(report.Description, report.AreaCode ?? areaCode, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Reading the agency for report {Code} failed", report.Code);
            flags |= TriageFlags.TriageFailed;
        }

        // What: the classifier, when the citizen did not choose.
        IReadOnlyList<CategoryGuess> categoryGuesses = [];
        string? categoryCode = null;
        double? confidence = null;
        if (report.CategoryCode is null)
        {
            try
            {
                categoryGuesses = meaningless ? [] : await classifier.ClassifyAsync(report.Description, int.MaxValue, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Classifier failed for report {Code}", report.Code);
                flags |= TriageFlags.TriageFailed;
            }
            // The agency model tips close calls between categories routed to different offices.
            categoryGuesses = reading is null ? [.. categoryGuesses.Take(3)] : SuggestAgencies.RankCategories(reading, categoryGuesses, 3);
            if (categoryGuesses.Count > 0 && categoryGuesses[0].Confidence >= pack.AutoCategoryThreshold && !meaningless)
            {
                (categoryCode, confidence) = (categoryGuesses[0].CategoryCode, categoryGuesses[0].Confidence);
                notes.Add($"kategori otomatis: {categoryCode} ({confidence:0.00})");
            }
            else
            {
                flags |= TriageFlags.CategoryUncertain;
                notes.Add(categoryGuesses.Count == 0 ? "kategori belum diketahui" : $"kategori ragu: {categoryGuesses[0].CategoryCode} ({categoryGuesses[0].Confidence:0.00})");
            }
        }

        // Who should act: the agency model and the routing of the category (guesses), in the report's area.
        var chosen = report.CategorySource is CategorySource.Citizen or CategorySource.Operator && report.CategoryCode is not null;
        IReadOnlyList<CategoryGuess> basis = chosen ? [new CategoryGuess(report.CategoryCode!, 1)] : categoryGuesses;
        var agencyGuesses = reading is null ? [] : SuggestAgencies.Suggest(reading, basis, chosen, 3);

        // Same problem already reported nearby? The finder reads place and category from the report.
        report.AdoptTriageFindings(areaCode, categoryCode, confidence);
        IReadOnlyList<DuplicateCandidate> candidates = [];
        try
        {
            candidates = await duplicates.FindAsync(report, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Duplicate check failed for report {Code}", report.Code);
            flags |= TriageFlags.TriageFailed;
        }
        if (candidates.Count > 0)
        {
            flags |= TriageFlags.PossibleDuplicate;
            var where = candidates[0].DistanceMeters is { } meters ? $"{meters:0} m, " : "";
            notes.Add($"mungkin sama dengan {TrackingCode.Format(candidates[0].Code)} ({where}kemiripan {candidates[0].TextSimilarity:0.00})");
        }

        // Sent from a blocked contact? Kept, but held for the operator.
        if (report.CitizenId is { } citizenId)
        {
            var citizen = await db.Citizens.AsNoTracking().SingleOrDefaultAsync(c => c.Id == citizenId, ct);
            var contacts = new[] { citizen?.Phone, citizen?.Email }.Where(c => c is not null).Select(c => Contact.Normalise(c)).Where(c => c is not null).ToList();
            if (contacts.Count > 0 && await db.BlockedContacts.AnyAsync(b => contacts.Contains(b.Contact), ct))
            {
                flags |= TriageFlags.BlockedContact;
                notes.Add("kontak pelapor diblokir");
            }
        }

        var suggestions = new TriageSuggestions(categoryGuesses, areaGuesses, candidates, agencyGuesses);
        report.CompleteTriage(flags, suggestions.ToJson(), string.Join("; ", notes), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
