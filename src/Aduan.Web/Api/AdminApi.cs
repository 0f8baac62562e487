using Aduan.Messaging;
using Aduan.Staff;
using Aduan.Web.Auth;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Api;

public sealed record StaffUserView(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? Agency, bool Disabled, bool TwoFactor, bool LockedOut, DateTimeOffset CreatedAt);

public sealed record StaffUserRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles, string? Agency, string? Password);

public sealed record StaffUserCreated(StaffUserView User, string? TemporaryPassword);

public sealed record ApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? Agency);

public sealed record ApiKeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string? Agency, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record ApiKeyCreated(ApiKeyView Key, string Token);

public sealed record IdentityReadView(DateTimeOffset At, string Actor, string ReportCode, string Purpose);

/// <summary><c>/api/admin/…</c>: staff accounts, API keys, the identity-read log and the outbox. Admins with the sign-in cookie only.</summary>
public static class AdminApi
{
    public static void MapAdminApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(StaffPolicies.Admin)
            .AddEndpointFilter(StaffReportsApi.RequireAntiforgeryForCookies)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/users", async (StaffAccounts accounts, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok((await accounts.ListAsync(ct)).Select(u => ToView(u, clock.GetUtcNow())).ToList())).WithSummary("Staff accounts");
        api.MapPost("/users", CreateUserAsync).WithSummary("Invite a staff member (a temporary password is returned once when none is given)")
            .Produces<StaffUserCreated>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapPut("/users/{id:guid}", ChangeUserAsync).WithSummary("Change name, roles and agency")
            .Produces<StaffUserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/users/{id:guid}/reset-password", async (Guid id, StaffAccounts accounts, TimeProvider clock, IStringLocalizer<SharedResource> text) =>
            await accounts.ResetPasswordAsync(id) is { Succeeded: true } done
                ? TypedResults.Ok(new StaffUserCreated(ToView(done.User!, clock.GetUtcNow()), done.TemporaryPassword))
                : Problems.Status(StatusCodes.Status404NotFound, text["Staff_NotFound"]))
            .WithSummary("A new temporary password (shown once); open sessions end");
        api.MapPost("/users/{id:guid}/disable", (Guid id, StaffAccounts accounts, TimeProvider clock, IStringLocalizer<SharedResource> text) => SetDisabledAsync(id, true, accounts, clock, text))
            .WithSummary("Disable: no sign-in, open sessions end within a minute");
        api.MapPost("/users/{id:guid}/enable", (Guid id, StaffAccounts accounts, TimeProvider clock, IStringLocalizer<SharedResource> text) => SetDisabledAsync(id, false, accounts, clock, text))
            .WithSummary("Enable again");
        api.MapGet("/api-keys", async (ApiKeys keys, CancellationToken ct) =>
            TypedResults.Ok((await keys.ListAsync(ct)).Select(ToView).ToList())).WithSummary("API keys (never their secrets)");
        api.MapPost("/api-keys", CreateKeyAsync).WithSummary("Create a key; the token is returned once")
            .Produces<ApiKeyCreated>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapDelete("/api-keys/{id:guid}", async (Guid id, ApiKeys keys, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
            await keys.RevokeAsync(id, ct) ? Results.NoContent() : Problems.Status(StatusCodes.Status404NotFound, text["ApiKey_NotFound"]))
            .WithSummary("Revoke a key at once");
        api.MapGet("/identity-reads", async (ReporterIdentity identities, string? report, int? take, CancellationToken ct) =>
            TypedResults.Ok((await identities.LogAsync(Aduan.Reports.TrackingCode.Parse(report) ?? report, take ?? 200, ct))
                .Select(r => new IdentityReadView(r.At, r.Actor, Aduan.Reports.TrackingCode.Format(r.ReportCode), r.Purpose)).ToList()))
            .WithSummary("Who read which reporter's identity, newest first");
        api.MapGet("/messages", ListMessagesAsync)
            .WithSummary("Outbox messages in one status (failed by default, or pending, sent), oldest first; recipients masked")
            .Produces<IReadOnlyList<QueuedMessage>>().ProducesValidationProblem();
        api.MapPost("/messages/{id:long}/retry", RetryMessageAsync)
            .WithSummary("Send a failed or waiting message again now, with a fresh set of attempts")
            .Produces<QueuedMessage>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListMessagesAsync(string? status, int? take, MessageQueue queue, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        MessageStatus? wanted = (status ?? "failed").Trim().ToLowerInvariant() switch
        {
            "failed" => MessageStatus.Failed,
            "pending" => MessageStatus.Pending,
            "sent" => MessageStatus.Sent,
            _ => null,
        };
        if (wanted is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [text["Message_StatusUnknown"]] }, title: text["Problem_Validation"]);
        var (messages, _) = await queue.ListAsync(wanted.Value, take ?? 200, ct);
        return TypedResults.Ok(messages);
    }

    private static async Task<IResult> RetryMessageAsync(long id, MessageQueue queue, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await queue.RetryAsync(id, ct) switch
        {
            (RetryOutcome.Queued, var message) => TypedResults.Ok(message),
            (RetryOutcome.AlreadySent, _) => Problems.Status(StatusCodes.Status409Conflict, text["Message_AlreadySent"]),
            _ => Problems.Status(StatusCodes.Status404NotFound, text["Message_NotFound"]),
        };

    /// <summary>The account as admins see it; <paramref name="now"/> decides whether a lockout is still running.</summary>
    public static StaffUserView ToView(StaffUser user, DateTimeOffset now) => new(
        user.Id, user.Email ?? "", user.DisplayName, StaffRoles.Split(user.Roles).Select(StaffRoles.Name).ToList(), user.AgencyCode,
        user.IsDisabled, user.TwoFactorEnabled, !user.IsDisabled && user.LockoutEnd > now, user.CreatedAt);

    public static ApiKeyView ToView(ApiKey key) => new(
        key.Id, key.Name, key.Prefix, key.ScopeSet.Order(StringComparer.Ordinal).ToList(), key.AgencyCode, key.CreatedAt, key.LastUsedAt, key.RevokedAt);

    private static async Task<IResult> CreateUserAsync(StaffUserRequest? body, StaffAccounts accounts, TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var roles = ParseRoles(body?.Roles);
        var result = await accounts.CreateAsync(new NewStaff(body?.Email ?? "", body?.DisplayName ?? "", roles ?? StaffRole.None, body?.Agency, body?.Password), ct);
        if (roles is null)
            return Invalid([new StaffError("roles", "Staff_RoleRequired"), .. result.Errors.Where(e => e.Field != "roles")], text);
        return result.Succeeded
            ? TypedResults.Created($"/api/admin/users/{result.User!.Id}", new StaffUserCreated(ToView(result.User, clock.GetUtcNow()), result.TemporaryPassword))
            : Invalid(result.Errors, text);
    }

    private static async Task<IResult> ChangeUserAsync(Guid id, StaffUserRequest? body, StaffAccounts accounts, TimeProvider clock, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var roles = ParseRoles(body?.Roles);
        if (roles is null)
            return Invalid([new StaffError("roles", "Staff_RoleRequired")], text);
        var result = await accounts.ChangeAsync(id, body?.DisplayName ?? "", roles.Value, body?.Agency, ct);
        if (result.Errors.Any(e => e.Code == "Staff_NotFound"))
            return Problems.Status(StatusCodes.Status404NotFound, text["Staff_NotFound"]);
        return result.Succeeded ? TypedResults.Ok(ToView(result.User!, clock.GetUtcNow())) : Invalid(result.Errors, text);
    }

    private static async Task<IResult> SetDisabledAsync(Guid id, bool disabled, StaffAccounts accounts, TimeProvider clock, IStringLocalizer<SharedResource> text)
    {
        var result = await accounts.SetDisabledAsync(id, disabled);
        return result.Succeeded ? TypedResults.Ok(ToView(result.User!, clock.GetUtcNow())) : Problems.Status(StatusCodes.Status404NotFound, text["Staff_NotFound"]);
    }

    private static async Task<IResult> CreateKeyAsync(ApiKeyRequest? body, HttpContext http, ApiKeys keys, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await keys.CreateAsync(body?.Name, body?.Scopes ?? [], body?.Agency, http.User.ToStaffActor()?.UserId, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/admin/api-keys/{result.Key!.Id}", new ApiKeyCreated(ToView(result.Key), result.Token!))
            : Invalid(result.Errors, text);
    }

    private static StaffRole? ParseRoles(IReadOnlyList<string>? names) =>
        names is null || names.Count == 0 ? null : StaffRoles.Parse(string.Join(',', names));

    /// <summary>Staff and key errors as field-level problem+json; Identity's own messages (password rules) are passed through in English detail.</summary>
    internal static IResult Invalid(IEnumerable<StaffError> errors, IStringLocalizer<SharedResource> text) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Message(e, text)).ToArray()),
            title: text["Problem_Validation"]);

    internal static string Message(StaffError error, IStringLocalizer<SharedResource> text)
    {
        var localized = text[error.Code, error.Detail ?? ""];
        return localized.ResourceNotFound ? error.Detail ?? error.Code : localized.Value;
    }
}
