using Aduan.Channels;
using Aduan.Data;
using Aduan.Packs;
using Aduan.People;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api.Open311;

/// <summary>
/// <c>POST servicerequestupdates.{format}</c>, the update extension's posting side (FixMyStreet's
/// "POST Service Request Update"): an Open311 client passes on what a citizen wrote about a report.
/// Required: <c>api_key</c> (with <c>reports:write</c>), <c>service_request_id</c>, <c>update_id</c> (the
/// client's own id: the same one twice is stored once), <c>status</c> (the extension's upper-case
/// states), <c>updated_datetime</c> and <c>description</c>; optional <c>email</c>, <c>phone</c>,
/// <c>first_name</c>, <c>last_name</c>, <c>media_url</c> (kept as text, not fetched). The answer is a list
/// of one <c>request_update</c> with our <c>update_id</c> (the id <c>GET servicerequestupdates</c> uses).
/// </summary>
internal static class Open311Updates
{
    /// <summary>The extension's states; the citizen asking for <c>OPEN</c> or <c>REOPEN</c> is a reopen request.</summary>
    private static readonly HashSet<string> States = new(StringComparer.OrdinalIgnoreCase)
    {
        "open", "closed", "fixed", "in_progress", "action_scheduled", "investigating", "duplicate",
        "not_councils_responsibility", "no_further_action", "internal_referral", "reopen",
    };

    public static async Task<IResult> PostAsync(string format, HttpRequest request, ApiKeys keys, CurrentPack packs, AddCitizenUpdate handler,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (Open311Api.FormatOf(format) is not { } f)
            return Open311Api.UnknownFormat(format);
        IFormCollection form;
        try
        {
            if (!request.HasFormContentType)
                return Open311Result.Error(f, StatusCodes.Status400BadRequest, text["Open311_MalformedBody"].Value);
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Open311Result.Error(f, StatusCodes.Status400BadRequest, text["Open311_MalformedBody"].Value);
        }
        var key = await keys.AuthenticateAsync(Value(form, "api_key"), ct);
        if (key is null || !key.ScopeSet.Contains(ApiScopes.ReportsWrite))
            return Open311Result.Error(f, StatusCodes.Status403Forbidden, text["Open311_ApiKey"].Value);

        var errors = new List<string>();
        var requestId = Required(form, "service_request_id", errors, text);
        var updateId = Required(form, "update_id", errors, text);
        if (updateId?.Length > 100)
            errors.Add($"update_id: {text["Error_TooLong", 100].Value}");
        var status = Required(form, "status", errors, text);
        if (status is not null && !States.Contains(status))
            errors.Add(text["Open311_UpdateStatus", status].Value);
        if (Required(form, "updated_datetime", errors, text) is { } when)
            Open311Dates.Parse(when, "updated_datetime", await packs.GetAsync(ct), errors, text);
        var description = Required(form, "description", errors, text);
        if (description?.Length > Limits.Description)
            errors.Add($"description: {text["Error_TooLong", Limits.Description].Value}");
        var mediaUrl = Value(form, "media_url");
        if (mediaUrl is not null && !(Uri.TryCreate(mediaUrl, UriKind.Absolute, out var media) && media.Scheme is "http" or "https"))
            errors.Add($"media_url: {text["Open311_MediaUrl"].Value}");
        var email = Value(form, "email");
        if (email is not null && !Contact.IsValidEmail(email))
            errors.Add($"email: {text["Error_Email"].Value}");
        var phone = Value(form, "phone");
        if (phone is not null && Contact.NormalisePhone(phone) is null)
            errors.Add($"phone: {text["Error_Phone"].Value}");
        if (errors.Count > 0)
            return Open311Result.Error(f, StatusCodes.Status400BadRequest, [.. errors]);

        var code = TrackingCode.Parse(requestId) ?? requestId!;
        var result = await handler.HandleAsync(new CitizenUpdateInput
        {
            Channel = Channel.Open311,
            Code = code,
            MessageId = $"{code}:{updateId}",
            Text = mediaUrl is null ? description! : $"{description}\n\n{mediaUrl}",
            AsksToReopen = status is not null && (status.Equals("open", StringComparison.OrdinalIgnoreCase) || status.Equals("reopen", StringComparison.OrdinalIgnoreCase)),
            Phone = phone,
            Email = email,
        }, ct);
        if (result.Outcome == CitizenUpdateOutcome.NotFound)
            return Open311Result.Error(f, StatusCodes.Status404NotFound, text["Open311_UnknownRequest", requestId!].Value);
        return Open311Result.List(f, "service_request_updates", "request_update",
            [new Fields { { "update_id", result.UpdateId?.ToString(System.Globalization.CultureInfo.InvariantCulture) } }]);
    }

    private static string? Required(IFormCollection form, string field, List<string> errors, IStringLocalizer<SharedResource> text)
    {
        var value = Value(form, field);
        if (value is null)
            errors.Add($"{field}: {text["Error_Required"].Value}");
        return value;
    }

    private static string? Value(IFormCollection form, string field) =>
        form.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
}
