using Aduan.Agencies;
using Aduan.Data;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Staff;

public sealed record ApiKeyResult(ApiKey? Key, string? Token, IReadOnlyList<StaffError> Errors)
{
    public bool Succeeded => Key is not null;
}

/// <summary>Creates, lists, revokes and checks API keys.</summary>
public sealed class ApiKeys(AduanDbContext db, AgencyTree agencies, TimeProvider clock)
{
    public async Task<ApiKeyResult> CreateAsync(string? name, IReadOnlyCollection<string> scopes, string? agencyCode, Guid? createdBy, CancellationToken ct)
    {
        var errors = new List<StaffError>();
        if (string.IsNullOrWhiteSpace(name))
            errors.Add(new StaffError("name", "Error_Required"));
        else if (name.Trim().Length > 200)
            errors.Add(new StaffError("name", "Error_TooLong", "200"));
        if (scopes.Count == 0)
            errors.Add(new StaffError("scopes", "ApiKey_ScopeRequired"));
        foreach (var unknown in scopes.Where(s => !ApiScopes.All.Contains(s)))
            errors.Add(new StaffError("scopes", "ApiKey_UnknownScope", unknown));
        if (!string.IsNullOrWhiteSpace(agencyCode) && await agencies.FindAsync(agencyCode.Trim(), ct) is null)
            errors.Add(new StaffError("agency", "Staff_UnknownAgency", agencyCode.Trim()));
        if (errors.Count > 0)
            return new ApiKeyResult(null, null, errors);
        var (key, token) = ApiKey.Create(name!.Trim(), scopes, string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode.Trim(), createdBy, clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new ApiKeyResult(key, token, []);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
            return false;
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The live key a bearer token belongs to; null for a malformed, unknown, wrong or revoked token.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string? token, CancellationToken ct)
    {
        if (ApiKey.ParseToken(token) is not var (prefix, secret))
            return null;
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (key is null || key.IsRevoked || !key.Matches(secret))
            return null;
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            key.LastUsedAt = now; // coarse, so that busy integrations do not write on every call
            await db.SaveChangesAsync(ct);
        }
        return key;
    }
}
