using Aduan.Agencies;
using Aduan.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Staff;

public sealed record NewStaff(string Email, string DisplayName, StaffRole Roles, string? AgencyCode, string? Password);

/// <summary>A problem with one field of a staff account; <see cref="Code"/> is a resource key or an Identity error code.</summary>
public sealed record StaffError(string Field, string Code, string? Detail = null);

public sealed record StaffResult(StaffUser? User, IReadOnlyList<StaffError> Errors, string? TemporaryPassword = null)
{
    public bool Succeeded => User is not null && Errors.Count == 0;
}

/// <summary>Creates, changes, resets and disables staff accounts; used by the admin page, the API and <c>aduan create-user</c>.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, AduanDbContext db, AgencyTree agencies, TimeProvider clock)
{
    public async Task<StaffResult> CreateAsync(NewStaff input, CancellationToken ct)
    {
        var errors = await ValidateAsync(input.Email, input.DisplayName, input.Roles, input.AgencyCode, ct);
        if (errors.Count > 0)
            return new StaffResult(null, errors);
        var email = input.Email.Trim().ToLowerInvariant();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName.Trim(),
            Roles = input.Roles,
            AgencyCode = NormaliseAgency(input.Roles, input.AgencyCode),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
            MustChangePassword = string.IsNullOrEmpty(input.Password),
        };
        var password = string.IsNullOrEmpty(input.Password) ? TemporaryPassword.New() : input.Password;
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            return new StaffResult(null, Map(created));
        return new StaffResult(user, [], string.IsNullOrEmpty(input.Password) ? password : null);
    }

    public async Task<StaffResult> ChangeAsync(Guid id, string displayName, StaffRole roles, string? agencyCode, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return new StaffResult(null, [new StaffError("id", "Staff_NotFound")]);
        var errors = await ValidateAsync(user.Email!, displayName, roles, agencyCode, ct);
        if (errors.Count > 0)
            return new StaffResult(null, errors);
        var rolesChanged = user.Roles != roles || user.AgencyCode != NormaliseAgency(roles, agencyCode);
        user.DisplayName = displayName.Trim();
        user.Roles = roles;
        user.AgencyCode = NormaliseAgency(roles, agencyCode);
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && rolesChanged)
            await users.UpdateSecurityStampAsync(user); // their open sessions pick up the new rights
        return result.Succeeded ? new StaffResult(user, []) : new StaffResult(null, Map(result));
    }

    /// <summary>A new temporary password, shown once to the admin; the old sessions end.</summary>
    public async Task<StaffResult> ResetPasswordAsync(Guid id)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return new StaffResult(null, [new StaffError("id", "Staff_NotFound")]);
        var password = TemporaryPassword.New();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = true;
        user.AccessFailedCount = 0;
        user.LockoutEnd = user.IsDisabled ? DateTimeOffset.MaxValue : null;
        // A new stamp ends every open session; UpdateSecurityStampAsync saves the whole user once.
        var result = await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? new StaffResult(user, [], password) : new StaffResult(null, Map(result));
    }

    /// <summary>Disabled: cannot sign in, and open sessions end at the next check (within a minute).</summary>
    public async Task<StaffResult> SetDisabledAsync(Guid id, bool disabled)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
            return new StaffResult(null, [new StaffError("id", "Staff_NotFound")]);
        user.IsDisabled = disabled;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
            await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? new StaffResult(user, []) : new StaffResult(null, Map(result));
    }

    public Task<List<StaffUser>> ListAsync(CancellationToken ct) =>
        db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync(ct);

    private async Task<List<StaffError>> ValidateAsync(string? email, string? displayName, StaffRole roles, string? agencyCode, CancellationToken ct)
    {
        var errors = new List<StaffError>();
        if (string.IsNullOrWhiteSpace(email) || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
            errors.Add(new StaffError("email", "Error_Email"));
        if (string.IsNullOrWhiteSpace(displayName))
            errors.Add(new StaffError("displayName", "Error_Required"));
        else if (displayName.Trim().Length > Limits.Name)
            errors.Add(new StaffError("displayName", "Error_TooLong", Limits.Name.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (roles == StaffRole.None || (roles & ~StaffRoles.All.Aggregate((a, b) => a | b)) != 0)
            errors.Add(new StaffError("roles", "Staff_RoleRequired"));
        var needsAgency = (roles & StaffRoles.AgencyBound) != 0;
        if (needsAgency && string.IsNullOrWhiteSpace(agencyCode))
            errors.Add(new StaffError("agency", "Staff_AgencyRequired"));
        else if (!string.IsNullOrWhiteSpace(agencyCode) && await agencies.FindAsync(agencyCode.Trim(), ct) is null)
            errors.Add(new StaffError("agency", "Staff_UnknownAgency", agencyCode.Trim()));
        return errors;
    }

    private static string? NormaliseAgency(StaffRole roles, string? agencyCode) =>
        string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode.Trim();

    private static List<StaffError> Map(IdentityResult result) =>
        result.Errors.Select(e => new StaffError(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "account", "Identity_" + e.Code, e.Description)).ToList();
}

/// <summary>Readable one-time passwords an admin can read out or paste: four groups, 20+ characters.</summary>
public static class TemporaryPassword
{
    private const string Letters = "abcdefghjkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    public static string New()
    {
        var groups = Enumerable.Range(0, 4).Select(_ =>
            new string(Enumerable.Range(0, 4).Select(_ => Letters[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Letters.Length)]).ToArray()));
        var digits = new string(Enumerable.Range(0, 2).Select(_ => Digits[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Digits.Length)]).ToArray());
        return string.Join('-', groups) + "-" + digits;
    }
}
