using Aduan.Reports;
using Aduan.Surveys;
using Aduan.Web.Api;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Surveys;

/// <summary>What people read about the survey, from the resources: element names, answer labels, bands, errors.</summary>
internal static class SkmText
{
    public static string Name(this IStringLocalizer<SharedResource> text, SurveyElement element) => text[$"Skm_U{element.Number}_Name"];

    public static string Question(this IStringLocalizer<SharedResource> text, SurveyElement element) => text[$"Skm_U{element.Number}_Question"];

    public static string Answer(this IStringLocalizer<SharedResource> text, SurveyElement element, int answer) => text[$"Skm_U{element.Number}_A{answer}"];

    public static string Band(this IStringLocalizer<SharedResource> text, SkmBand band) => text[$"Skm_Band_{band}"];

    /// <summary>An error's message; an element's errors name the element (its number, then its name in the reader's language).</summary>
    public static string Message(this IStringLocalizer<SharedResource> text, FieldError error)
    {
        var element = SurveyElement.All.FirstOrDefault(e => e.Field == error.Field);
        if (element is null)
            return Problems.Message(error, text);
        object[] args = [element.Number, text.Name(element), .. error.Args.Skip(1)];
        return text[error.Code, args];
    }

    /// <summary>Field errors as problem+json, every element's message naming it.</summary>
    public static IResult Validation(this IStringLocalizer<SharedResource> text, IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(text.Message).ToArray()),
            title: text["Problem_Validation"]);

    /// <summary>The profile code's label: Skm_Gender_L, Skm_Education_SMA …; "not stated" for null.</summary>
    public static string ProfileLabel(this IStringLocalizer<SharedResource> text, string group, string? code) =>
        code is null ? text["Skm_NotStated"] : group switch
        {
            "Age" => code,
            "Source" => text[$"Skm_Source_{code}"],
            _ => text[$"Skm_{group}_{code}"],
        };
}
