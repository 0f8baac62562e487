using System.Globalization;
using Aduan.Agencies;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Surveys;

/// <summary>
/// A questionnaire as it arrives, every value as text (form fields, or JSON values as written) so
/// that a wrong one is named rather than lost in binding. <see cref="Answers"/> holds u1 … u9.
/// </summary>
public sealed record SurveyInput
{
    public string? Agency { get; init; }
    public IReadOnlyList<string?> Answers { get; init; } = [];
    public string? Gender { get; init; }
    public string? Age { get; init; }
    public string? Education { get; init; }
    public string? Occupation { get; init; }

    /// <summary>The survey day of a paper questionnaire (yyyy-MM-dd); public answers are dated the day they arrive.</summary>
    public string? Date { get; init; }

    /// <summary>The SHA-256 of a checked one-time link's ticket, when the respondent came by one.</summary>
    public string? TicketHash { get; init; }
}

public enum SurveyOutcome
{
    Saved,
    Invalid,

    /// <summary>Staff may not enter questionnaires for this agency.</summary>
    Forbidden,

    /// <summary>The one-time link was answered already.</summary>
    LinkUsed,
}

public sealed record SurveyRecordResult(SurveyOutcome Outcome, SurveyResponse? Response, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Stores one questionnaire, from the public form and API (<c>enteredBy</c> null) or typed in by
/// staff from paper. Every element must have an answer of 1 to 4; anything wrong is reported per
/// field and nothing is stored. A one-time link's ticket is marked used in the same save.
/// </summary>
public sealed class RecordSurveyResponse(AduanDbContext db, AgencyTree agencies, SurveyAccess access, CurrentPack pack, TimeProvider clock)
{
    /// <summary>How far back a paper questionnaire may be dated.</summary>
    public const int MaxPaperAgeDays = 366;

    public const int MinAge = 10;
    public const int MaxAge = 120;

    public async Task<SurveyRecordResult> HandleAsync(SurveyInput input, StaffActor? enteredBy, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var agencyCode = input.Agency?.Trim();
        var agency = string.IsNullOrEmpty(agencyCode) ? null : await agencies.FindAsync(agencyCode, ct);
        if (string.IsNullOrEmpty(agencyCode))
            errors.Add(new FieldError("agency", "Skm_AgencyRequired"));
        else if (agency is null || agency.Kind == AgencyKind.OutsideBody)
            errors.Add(new FieldError("agency", "Skm_AgencyUnknown", agencyCode));

        var answers = ReadAnswers(input.Answers, errors);
        var gender = Choice(input.Gender, "gender", GenderWords, errors);
        var education = Choice(input.Education, "education", EducationWords, errors);
        var occupation = Choice(input.Occupation, "occupation", OccupationWords, errors);
        int? age = null;
        if (!string.IsNullOrWhiteSpace(input.Age))
        {
            if (int.TryParse(input.Age.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years is >= MinAge and <= MaxAge)
                age = years;
            else
                errors.Add(new FieldError("age", "Skm_AgeInvalid", MinAge, MaxAge));
        }

        var today = DateOnly.FromDateTime((await pack.GetAsync(ct)).ToLocal(clock.GetUtcNow()).DateTime);
        var date = enteredBy is null ? today : PaperDate(input.Date, today, errors);

        if (errors.Count > 0)
            return new SurveyRecordResult(SurveyOutcome.Invalid, null, errors);
        if (enteredBy is not null && !await access.CanEnterAsync(enteredBy, agency!.Code, ct))
            return new SurveyRecordResult(SurveyOutcome.Forbidden, null, []);
        if (input.TicketHash is { } ticket && await db.UsedSurveyTickets.AnyAsync(t => t.TicketHash == ticket, ct))
            return new SurveyRecordResult(SurveyOutcome.LinkUsed, null, [new FieldError("token", "Skm_LinkUsed")]);

        var response = new SurveyResponse
        {
            AgencyCode = agency!.Code,
            SurveyDate = date!.Value,
            RecordedAt = clock.GetUtcNow(),
            Source = enteredBy is null ? SurveySource.Public : SurveySource.Operator,
            EnteredBy = enteredBy?.UserId,
            Answer1 = answers[0],
            Answer2 = answers[1],
            Answer3 = answers[2],
            Answer4 = answers[3],
            Answer5 = answers[4],
            Answer6 = answers[5],
            Answer7 = answers[6],
            Answer8 = answers[7],
            Answer9 = answers[8],
            Gender = gender is null ? null : Enum.Parse<RespondentGender>(gender),
            Age = age,
            Education = education is null ? null : Enum.Parse<RespondentEducation>(education),
            Occupation = occupation is null ? null : Enum.Parse<RespondentOccupation>(occupation),
        };
        db.SurveyResponses.Add(response);
        if (input.TicketHash is not null)
            db.UsedSurveyTickets.Add(new UsedSurveyTicket { TicketHash = input.TicketHash });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (input.TicketHash is not null)
        {
            // Another request answered the same link a moment earlier: its unique key refused ours, and with it this response.
            db.ChangeTracker.Clear();
            return new SurveyRecordResult(SurveyOutcome.LinkUsed, null, [new FieldError("token", "Skm_LinkUsed")]);
        }
        return new SurveyRecordResult(SurveyOutcome.Saved, response, []);
    }

    private static int[] ReadAnswers(IReadOnlyList<string?> given, List<FieldError> errors)
    {
        var answers = new int[SurveyElement.Count];
        foreach (var element in SurveyElement.All)
        {
            var text = element.Number <= given.Count ? given[element.Number - 1]?.Trim() : null;
            if (string.IsNullOrEmpty(text))
                errors.Add(new FieldError(element.Field, "Skm_AnswerMissing", element.Number));
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= SurveyElement.MinAnswer and <= SurveyElement.MaxAnswer)
                answers[element.Number - 1] = value;
            else
                errors.Add(new FieldError(element.Field, "Skm_AnswerRange", element.Number, text.Length > 20 ? text[..20] : text));
        }
        return answers;
    }

    private static DateOnly? PaperDate(string? text, DateOnly today, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError("date", "Skm_DateRequired"));
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add(new FieldError("date", "Skm_DateInvalid"));
        else if (date > today)
            errors.Add(new FieldError("date", "Skm_DateFuture"));
        else if (date < today.AddDays(-MaxPaperAgeDays))
            errors.Add(new FieldError("date", "Skm_DateTooOld", MaxPaperAgeDays));
        else
            return date;
        return null;
    }

    /// <summary>The enum member name for an accepted word, null when none was given; an unknown word is an error.</summary>
    private static string? Choice(string? text, string field, IReadOnlyDictionary<string, string> words, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (words.TryGetValue(text.Trim(), out var name))
            return name;
        errors.Add(new FieldError(field, "Skm_ChoiceInvalid", string.Join(", ", words.Keys)));
        return null;
    }

    /// <summary>L (laki-laki) and P (perempuan), as on the paper form.</summary>
    private static readonly Dictionary<string, string> GenderWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["L"] = nameof(RespondentGender.Male),
        ["P"] = nameof(RespondentGender.Female),
    };

    private static Dictionary<string, string> Names<T>() where T : struct, Enum =>
        Enum.GetNames<T>().ToDictionary(n => n.ToUpperInvariant(), n => n, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> EducationWords = Names<RespondentEducation>();
    private static readonly Dictionary<string, string> OccupationWords = Names<RespondentOccupation>();

    /// <summary>The code a profile value is written as in forms, JSON and CSV (L/P, SD … S3, PNS … LAINNYA).</summary>
    public static string Code(RespondentGender gender) => gender == RespondentGender.Male ? "L" : "P";

    public static string Code<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();
}
