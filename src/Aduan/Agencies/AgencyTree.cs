using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Agencies;

/// <summary>
/// Which agencies sit under which, read once and kept in memory: an agency head sees the reports
/// of every agency below theirs. Reloaded after a seed.
/// </summary>
public sealed class AgencyTree(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyDictionary<string, Agency>? _byCode;

    public void Reload() => _byCode = null;

    public async Task<Agency?> FindAsync(string code, CancellationToken ct) => (await GetAsync(ct)).GetValueOrDefault(code);

    /// <summary>The agency and every agency under it, at any depth.</summary>
    public async Task<IReadOnlySet<string>> SubtreeAsync(string code, CancellationToken ct)
    {
        var all = await GetAsync(ct);
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

    private async Task<IReadOnlyDictionary<string, Agency>> GetAsync(CancellationToken ct)
    {
        if (_byCode is { } cached)
            return cached;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var all = await db.Agencies.AsNoTracking().ToListAsync(ct);
        return _byCode = all.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }
}
