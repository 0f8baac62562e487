using System.Globalization;
using Aduan.Agencies;
using Aduan.Data;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Surveys;

/// <summary>A survey period: whole days from <see cref="From"/> to <see cref="To"/>, both included, in the pack's time zone.</summary>
public sealed record SurveyPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Reads yyyy-MM-dd dates; both are required and the end may not come before the start.</summary>
    public static (SurveyPeriod? Period, IReadOnlyList<FieldError> Errors) Parse(string? from, string? to)
    {
        var errors = new List<FieldError>();
        var start = Date(from, "from", errors);
        var end = Date(to, "to", errors);
        if (errors.Count == 0 && end < start)
            errors.Add(new FieldError("to", "Skm_PeriodReversed", start!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return errors.Count > 0 ? (null, errors) : (new SurveyPeriod(start!.Value, end!.Value), errors);
    }

    private static DateOnly? Date(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, "Skm_PeriodRequired"));
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(new FieldError(field, "Skm_PeriodDate", text.Length > 20 ? text[..20] : text));
        return null;
    }
}

/// <summary>How many respondents gave each profile value; <c>null</c> keys count those who left it empty.</summary>
public sealed record SkmProfile(
    IReadOnlyList<ProfileCount> Gender,
    IReadOnlyList<ProfileCount> Age,
    IReadOnlyList<ProfileCount> Education,
    IReadOnlyList<ProfileCount> Occupation,
    IReadOnlyList<ProfileCount> Source);

/// <summary>One profile value (a code such as <c>L</c>, <c>SMA</c>, <c>31-40</c>, <c>Public</c>; null when not stated) and its count.</summary>
public sealed record ProfileCount(string? Value, int Count);

/// <summary>An agency's SKM for a period: the figures and who answered.</summary>
public sealed record SkmReport(Agency Agency, SurveyPeriod Period, SkmResult Result, SkmProfile Profile);

/// <summary>Reads an agency's questionnaires for a period and works out its SKM; sums and counts are done by the database.</summary>
public sealed class SkmReports(AduanDbContext db)
{
    /// <summary>Age groups of the results' profile table (the questionnaire asks the age in years).</summary>
    public static readonly IReadOnlyList<(int From, int To, string Label)> AgeGroups =
        [(0, 20, "<=20"), (21, 30, "21-30"), (31, 40, "31-40"), (41, 50, "41-50"), (51, 60, "51-60"), (61, int.MaxValue, ">60")];

    public IQueryable<SurveyResponse> In(string agency, SurveyPeriod period) =>
        db.SurveyResponses.AsNoTracking().Where(r => r.AgencyCode == agency && r.SurveyDate >= period.From && r.SurveyDate <= period.To);

    public async Task<SkmReport> GetAsync(Agency agency, SurveyPeriod period, CancellationToken ct)
    {
        var rows = In(agency.Code, period);
        var totals = await rows.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            S1 = g.Sum(r => (long)r.Answer1),
            S2 = g.Sum(r => (long)r.Answer2),
            S3 = g.Sum(r => (long)r.Answer3),
            S4 = g.Sum(r => (long)r.Answer4),
            S5 = g.Sum(r => (long)r.Answer5),
            S6 = g.Sum(r => (long)r.Answer6),
            S7 = g.Sum(r => (long)r.Answer7),
            S8 = g.Sum(r => (long)r.Answer8),
            S9 = g.Sum(r => (long)r.Answer9),
        }).SingleOrDefaultAsync(ct);
        var result = totals is null
            ? SkmCalculator.Calculate(0, new long[SurveyElement.Count])
            : SkmCalculator.Calculate(totals.Count, [totals.S1, totals.S2, totals.S3, totals.S4, totals.S5, totals.S6, totals.S7, totals.S8, totals.S9]);

        var genders = await rows.GroupBy(r => r.Gender).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var educations = await rows.GroupBy(r => r.Education).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var occupations = await rows.GroupBy(r => r.Occupation).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var sources = await rows.GroupBy(r => r.Source).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var ages = await rows.GroupBy(r => r.Age).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var profile = new SkmProfile(
            Gender: Counts(Enum.GetValues<RespondentGender>().Select(v => (RecordSurveyResponse.Code(v), genders.Where(g => g.Key == v).Sum(g => g.Count))), genders.Where(g => g.Key is null).Sum(g => g.Count)),
            Age: Counts(AgeGroups.Select(a => (a.Label, ages.Where(g => g.Key >= a.From && g.Key <= a.To).Sum(g => g.Count))), ages.Where(g => g.Key is null).Sum(g => g.Count)),
            Education: Counts(Enum.GetValues<RespondentEducation>().Select(v => (RecordSurveyResponse.Code(v), educations.Where(g => g.Key == v).Sum(g => g.Count))), educations.Where(g => g.Key is null).Sum(g => g.Count)),
            Occupation: Counts(Enum.GetValues<RespondentOccupation>().Select(v => (RecordSurveyResponse.Code(v), occupations.Where(g => g.Key == v).Sum(g => g.Count))), occupations.Where(g => g.Key is null).Sum(g => g.Count)),
            Source: [.. Enum.GetValues<SurveySource>().Select(v => new ProfileCount(v.ToString(), sources.Where(g => g.Key == v).Sum(g => g.Count)))]);
        return new SkmReport(agency, period, result, profile);
    }

    private static List<ProfileCount> Counts(IEnumerable<(string Value, int Count)> known, int unknown) =>
        [.. known.Select(k => new ProfileCount(k.Value, k.Count)), new ProfileCount(null, unknown)];
}
