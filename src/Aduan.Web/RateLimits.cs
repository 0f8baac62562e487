using System.Threading.RateLimiting;
using Aduan.Web.Api;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Aduan.Web;

/// <summary>
/// Per-client-address limits on the requests that cost us or a citizen something: new reports,
/// sign-in attempts, one-time codes, survey answers and e-mail alert requests. Everything else is unlimited. Limits come from
/// <see cref="RateLimitOptions"/>; the client address is the forwarded one behind a local proxy.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddAduanRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var kind = Classify(context.Request);
                if (kind is null)
                    return RateLimitPartition.GetNoLimiter("");
                var limits = context.RequestServices.GetRequiredService<IOptions<AduanOptions>>().Value.RateLimits;
                var permits = kind switch
                {
                    "submit" => limits.SubmitPerMinute,
                    "signin" => limits.SignInPerMinute,
                    "lookup" => limits.LookupPerMinute,
                    "survey" => limits.SurveyPerMinute,
                    "alerts" => limits.AlertsPerMinute,
                    _ => limits.CitizenCodePerMinute,
                };
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{kind}:{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, ct) =>
            {
                var context = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await Problems.Write(context, StatusCodes.Status429TooManyRequests, text["Problem_TooManyRequests"]);
            };
        });
        return services;
    }

    private static string? Classify(HttpRequest request)
    {
        var path = request.Path;
        if (HttpMethods.IsGet(request.Method))
        {
            var lookup = (path.StartsWithSegments("/api/reports", out var rest) && rest.HasValue && rest.Value!.Length > 1)
                || (path.StartsWithSegments("/lacak", out var code) && (code.HasValue || request.Query.ContainsKey("kode")))
                // Open311's look-ups by id or token are look-ups by code like the track page's.
                || path.StartsWithSegments("/open311/v2/requests", StringComparison.OrdinalIgnoreCase, out var id) && id.HasValue && id.Value!.Length > 1
                || path.StartsWithSegments("/open311/v2/tokens", StringComparison.OrdinalIgnoreCase)
                // An alert link's secret is checked on opening: guessing it is a look-up too.
                || path.StartsWithSegments("/peringatan/konfirmasi", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/peringatan/berhenti", StringComparison.OrdinalIgnoreCase);
            return lookup ? "lookup" : null;
        }
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method))
            return null;
        if (path.Equals("/api/reports", StringComparison.OrdinalIgnoreCase) || path.Equals("/lapor", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/open311/v2/requests", StringComparison.OrdinalIgnoreCase))
            return "submit";
        if (path.StartsWithSegments("/masuk", StringComparison.OrdinalIgnoreCase))
            return "signin";
        // SKM questionnaires from the public: the form and the API.
        if (path.StartsWithSegments("/survei", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/skm/responses", StringComparison.OrdinalIgnoreCase))
            return "survey";
        // A subscription sends a confirmation mail; confirming and unsubscribing check a secret.
        if (path.Equals("/peringatan", StringComparison.OrdinalIgnoreCase))
            return "alerts";
        if (path.StartsWithSegments("/peringatan", StringComparison.OrdinalIgnoreCase))
            return "lookup";
        // A citizen's answer or confirmation through their secret link.
        if (path.StartsWithSegments("/api/reports", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/lacak", StringComparison.OrdinalIgnoreCase))
            return "lookup";
        if (path.StartsWithSegments("/api/warga", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/saya", StringComparison.OrdinalIgnoreCase))
            return "code";
        return null;
    }
}
