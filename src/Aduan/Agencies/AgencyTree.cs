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
    public async Task<IReadOnlySet<string>> SubtreeAsync(string code, CancellationToken ct)
    {
        var all = await ValueAsync(ct);
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!all.ContainsKey(code))
            return result;
        var children = all.Values.Where(a => a.ParentCode is not null).ToLookup(a => a.ParentCode!, a => a.Code, StringComparer.Ordinal);
        var pending = new Stack<string>([code]);
        while (pending.TryPop(out var next))
        {
            if (!result.Add(next))
                continue;
            foreach (var child in children[next])
                pending.Push(child);
        }
        return result;
    }

    protected override async Task<IReadOnlyDictionary<string, Agency>> LoadAsync(AduanDbContext db, CancellationToken ct) =>
        (await db.Agencies.AsNoTracking().ToListAsync(ct)).ToDictionary(a => a.Code, StringComparer.Ordinal);
}
