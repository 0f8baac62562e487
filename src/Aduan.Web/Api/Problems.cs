using Aduan.Reports;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

/// <summary>problem+json answers with field-level messages in the caller's language.</summary>
internal static class Problems
{
    public static IResult Validation(IEnumerable<FieldError> errors, IStringLocalizer<SharedResource> text) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Message(e, text)).ToArray()),
            title: text["Problem_Validation"]);

    public static IResult TooLarge(IEnumerable<FieldError> errors, IStringLocalizer<SharedResource> text) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: text["Problem_TooLarge"],
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Message(e, text)).ToArray()),
            });

    public static string Message(FieldError error, IStringLocalizer<SharedResource> text) => text[error.Code, error.Args];
}
