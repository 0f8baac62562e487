using Aduan.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Packs;

/// <summary>Something built from the loaded pack and kept in memory; emptied when a pack is seeded.</summary>
public interface IPackCache
{
    void Reload();
}

/// <summary>
/// A value read once from the database and kept until the pack changes: the pack's settings,
/// its categories, its agency tree. Loading happens on first use, in a scope of its own.
/// </summary>
public abstract class PackCache<T>(IServiceScopeFactory scopes) : IPackCache
    where T : class
{
    private volatile T? _value;

    public void Reload() => _value = null;

    protected async Task<T> ValueAsync(CancellationToken ct)
    {
        if (_value is { } cached)
            return cached;
        using var scope = scopes.CreateScope();
        return _value = await LoadAsync(scope.ServiceProvider.GetRequiredService<AduanDbContext>(), ct);
    }

    protected abstract Task<T> LoadAsync(AduanDbContext db, CancellationToken ct);
}
