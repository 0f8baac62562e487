using Aduan.Reports;

namespace Aduan.Triage;

/// <summary>A category the classifier thinks a text is about, with its confidence (0-1).</summary>
public sealed record CategoryGuess(string CategoryCode, double Confidence);

/// <summary>An agency suggested for a report, with its confidence (0-1).</summary>
public sealed record AgencyGuess(string AgencyCode, double Confidence);

/// <summary>Reads complaint text and suggests categories.</summary>
public interface ICategoryClassifier
{
    /// <summary>The best guesses, most likely first (at most <paramref name="top"/>); empty when there is no model yet.</summary>
    Task<IReadOnlyList<CategoryGuess>> ClassifyAsync(string text, int top, CancellationToken ct);
}

/// <summary>An area (kelurahan, or a kecamatan/kota when that is all the text says) found in free text.</summary>
public sealed record AreaGuess(string AreaCode, double Score, string Matched);

/// <summary>Finds where a report is from its words: kelurahan, kecamatan and kota names, streets, landmarks.</summary>
public interface IAreaFinder
{
    /// <summary>The best guesses, most likely first; empty when nothing in the text names a place of the pack.</summary>
    Task<IReadOnlyList<AreaGuess>> FindAsync(string text, int top, CancellationToken ct);
}

/// <summary>An open report that may be about the same problem; no distance when either report has no coordinates.</summary>
public sealed record DuplicateCandidate(Guid ReportId, string Code, double? DistanceMeters, double TextSimilarity, DateTimeOffset ReceivedAt);

/// <summary>Finds open reports of the same category group near a report, recent and similar in text.</summary>
public interface IDuplicateFinder
{
    Task<IReadOnlyList<DuplicateCandidate>> FindAsync(Report report, CancellationToken ct);
}
