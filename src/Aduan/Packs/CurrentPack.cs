using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Packs;

/// <summary>The loaded pack's settings (name, time zone, map), read once and cached; reloaded after a seed.</summary>
public sealed class CurrentPack(IServiceScopeFactory scopes) : PackCache<PackSnapshot>(scopes)
{
    public Task<PackSnapshot> GetAsync(CancellationToken ct) => ValueAsync(ct);

    protected override async Task<PackSnapshot> LoadAsync(AduanDbContext db, CancellationToken ct)
    {
        var info = await db.PackInfo.AsNoTracking().SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("No pack is loaded; run 'aduan seed --pack <name>'.");
        return new PackSnapshot(info, TimeZoneInfo.FindSystemTimeZoneById(info.TimeZone));
    }
}

public sealed record PackSnapshot(PackInfo Info, TimeZoneInfo TimeZone)
{
    /// <summary>WIB, WITA or WIT for Indonesian zones (by UTC offset); the zone id otherwise.</summary>
    public string ZoneAbbreviation => TimeZone.BaseUtcOffset.TotalHours switch
    {
        7 => "WIB",
        8 => "WITA",
        9 => "WIT",
        _ => TimeZone.Id,
    };

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);
}
