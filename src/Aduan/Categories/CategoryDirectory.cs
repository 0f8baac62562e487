using Aduan.Data;
using Aduan.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Categories;

/// <summary>
/// The pack's categories, read once and kept in memory: every submission checks its category and
/// every view names it, so this saves two database round trips per report. Reloaded after a seed.
/// </summary>
public sealed class CategoryDirectory(IServiceScopeFactory scopes) : PackCache<IReadOnlyDictionary<string, Category>>(scopes)
{
    /// <summary>The category with this code, active or not; null when the pack has none.</summary>
    public async Task<Category?> FindAsync(string? code, CancellationToken ct) =>
        code is null ? null : (await ValueAsync(ct)).GetValueOrDefault(code);

    public async Task<IReadOnlyCollection<Category>> AllAsync(CancellationToken ct) => [.. (await ValueAsync(ct)).Values];

    protected override async Task<IReadOnlyDictionary<string, Category>> LoadAsync(AduanDbContext db, CancellationToken ct) =>
        (await db.Categories.AsNoTracking().ToListAsync(ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
}
