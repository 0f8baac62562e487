namespace Aduan.Surveys;

/// <summary>How a questionnaire came in.</summary>
public enum SurveySource
{
    /// <summary>Filled in by the respondent on the public form or through the API.</summary>
    Public,

    /// <summary>Typed in by staff from a paper questionnaire.</summary>
    Operator,
}

/// <summary>The respondent profile of the regulation's questionnaire; every part optional.</summary>
public enum RespondentGender
{
    Male,
    Female,
}

public enum RespondentEducation
{
    SD,
    SMP,
    SMA,
    S1,
    S2,
    S3,
}

public enum RespondentOccupation
{
    Pns,
    Tni,
    Polri,
    Swasta,
    Wirausaha,
    Lainnya,
}

/// <summary>
/// One respondent's questionnaire (kuesioner SKM): the nine answers of 1-4, the agency whose
/// service it rates and the day of the survey. No name, contact or address is ever asked; the
/// profile is optional. <see cref="EnteredBy"/> is the staff account that typed in a paper one.
/// </summary>
public sealed class SurveyResponse
{
    public long Id { get; init; }
    public required string AgencyCode { get; init; }

    /// <summary>The survey day in the pack's time zone (the day the service was rated).</summary>
    public DateOnly SurveyDate { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
    public SurveySource Source { get; init; }
    public Guid? EnteredBy { get; init; }

    public int Answer1 { get; init; }
    public int Answer2 { get; init; }
    public int Answer3 { get; init; }
    public int Answer4 { get; init; }
    public int Answer5 { get; init; }
    public int Answer6 { get; init; }
    public int Answer7 { get; init; }
    public int Answer8 { get; init; }
    public int Answer9 { get; init; }

    public RespondentGender? Gender { get; init; }

    /// <summary>Age in whole years, as the questionnaire asks it.</summary>
    public int? Age { get; init; }

    public RespondentEducation? Education { get; init; }
    public RespondentOccupation? Occupation { get; init; }

    public int[] Answers() => [Answer1, Answer2, Answer3, Answer4, Answer5, Answer6, Answer7, Answer8, Answer9];
}

/// <summary>
/// A survey link that has been answered: the SHA-256 of the link's ticket and nothing else, kept
/// apart from the response so the two cannot be joined (no time, no agency, no response id).
/// </summary>
public sealed class UsedSurveyTicket
{
    public required string TicketHash { get; init; }
}
