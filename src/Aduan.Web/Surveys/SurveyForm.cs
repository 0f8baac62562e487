using Aduan.Surveys;

namespace Aduan.Web.Surveys;

/// <summary>Reads a questionnaire from the public form or the operator's entry form (same field names as the API).</summary>
internal static class SurveyForm
{
    public static SurveyInput Read(IFormCollection form, string? agency) => new()
    {
        Agency = agency,
        Answers = [.. SurveyElement.All.Select(e => (string?)form[e.Field].ToString())],
        Gender = form["gender"],
        Age = form["age"],
        Education = form["education"],
        Occupation = form["occupation"],
        Date = form["date"],
    };

    public static readonly string[] Genders = ["L", "P"];
    public static readonly string[] Educations = [.. Enum.GetValues<RespondentEducation>().Select(RecordSurveyResponse.Code)];
    public static readonly string[] Occupations = [.. Enum.GetValues<RespondentOccupation>().Select(RecordSurveyResponse.Code)];
}
