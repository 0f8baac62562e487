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

    public static IResult TooMany(IEnumerable<FieldError> errors, IStringLocalizer<SharedResource> text) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: text["Problem_TooManyRequests"],
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Message(e, text)).ToArray()),
            });

    public static string Message(FieldError error, IStringLocalizer<SharedResource> text) => text[error.Code, error.Args];

    /// <summary>A problem with a status and a title and nothing else (401, 403, 404, 429).</summary>
    public static IResult Status(int status, string title) => TypedResults.Problem(statusCode: status, title: title);

    /// <summary>Writes a problem+json answer outside an endpoint (authentication handlers, middleware).</summary>
    public static async Task Write(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title },
        });
    }
}
