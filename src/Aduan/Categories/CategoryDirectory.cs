using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Categories;

/// <summary>
/// The pack's categories, read once and kept in memory: every submission checks its category and
/// every view names it, so this saves two database round trips per report. Reloaded after a seed.
/// </summary>
public sealed class CategoryDirectory(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyDictionary<string, Category>? _byCode;

    public void Reload() => _byCode = null;

    /// <summary>The category with this code, active or not; null when the pack has none.</summary>
    public async Task<Category?> FindAsync(string? code, CancellationToken ct) =>
        code is null ? null : (await GetAsync(ct)).GetValueOrDefault(code);

    public async Task<IReadOnlyCollection<Category>> AllAsync(CancellationToken ct) => [.. (await GetAsync(ct)).Values];

    private async Task<IReadOnlyDictionary<string, Category>> GetAsync(CancellationToken ct)
    {
        if (_byCode is { } cached)
            return cached;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var all = await db.Categories.AsNoTracking().ToListAsync(ct);
        return _byCode = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }
}
