using Aduan.Data;
using Aduan.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Agencies;

/// <summary>
/// Which agencies sit under which, read once and kept in memory: an agency head sees the reports
/// of every agency below theirs. Reloaded after a seed.
/// </summary>
public sealed class AgencyTree(IServiceScopeFactory scopes) : PackCache<IReadOnlyDictionary<string, Agency>>(scopes)
{
    public async Task<Agency?> FindAsync(string code, CancellationToken ct) => (await ValueAsync(ct)).GetValueOrDefault(code);

    public async Task<IReadOnlyCollection<Agency>> AllAsync(CancellationToken ct) => [.. (await ValueAsync(ct)).Values];

    /// <summary>The agency and every agency under it, at any depth.</summary>
    public async Task<IReadOnlySet<string>> SubtreeAsync(string code, CancellationToken ct) =>
        CodeTree.Subtree(code, (await ValueAsync(ct)).Values.Select(a => (a.Code, a.ParentCode)));

    protected override async Task<IReadOnlyDictionary<string, Agency>> LoadAsync(AduanDbContext db, CancellationToken ct) =>
        (await db.Agencies.AsNoTracking().ToListAsync(ct)).ToDictionary(a => a.Code, StringComparer.Ordinal);
}
