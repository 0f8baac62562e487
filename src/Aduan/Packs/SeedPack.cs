using Aduan.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.Packs;

public sealed record SeedPackResult(string Pack, int Areas, int Agencies, int Categories, int RoutingRules, int Holidays, int Templates);

/// <summary>
/// Loads a pack into the database in one transaction: areas, agencies and categories are
/// inserted or updated (never deleted: reports point at them; categories no longer in the pack
/// are deactivated); routing, holidays and templates are replaced. Run again after editing a
/// pack (e.g. next year's holidays) to update a running installation.
/// </summary>
public sealed class SeedPack(AduanDbContext db, IEnumerable<IPackCache> caches, IOptions<AduanOptions> options, TimeProvider clock)
{
    public async Task<SeedPackResult> HandleAsync(string name, CancellationToken ct)
    {
        var pack = PackReader.Read(options.Value.ResolvePacksFolder(), name);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await WriteAsync(pack, ct);
            await transaction.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        foreach (var cache in caches)
            cache.Reload();
        return new SeedPackResult(pack.Info.Name, pack.Areas.Count, pack.Agencies.Count, pack.Categories.Count,
            pack.RoutingRules.Count, pack.Holidays.Count, pack.Templates.Count);
    }

    private async Task WriteAsync(PackContents pack, CancellationToken ct)
    {
        var current = await db.PackInfo.SingleOrDefaultAsync(ct);
        if (current is not null && current.Name != pack.Info.Name)
            throw new PackException(pack.Info.Name, [new PackProblem("pack.json", null, "name", $"this database holds pack '{current.Name}'; one database serves one pack")]);
        pack.Info.LoadedAt = clock.GetUtcNow();
        if (current is null)
            db.PackInfo.Add(pack.Info);
        else
            db.Entry(current).CurrentValues.SetValues(pack.Info);

        var areas = await db.Areas.ToDictionaryAsync(a => a.Code, ct);
        foreach (var area in pack.Areas)
        {
            if (areas.TryGetValue(area.Code, out var existing))
                db.Entry(existing).CurrentValues.SetValues(area);
            else
                db.Areas.Add(area);
        }

        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, ct);
        foreach (var agency in pack.Agencies)
        {
            if (agencies.TryGetValue(agency.Code, out var existing))
                db.Entry(existing).CurrentValues.SetValues(agency);
            else
                db.Agencies.Add(agency);
        }

        var categories = await db.Categories.ToDictionaryAsync(c => c.Code, ct);
        var inPack = pack.Categories.Select(c => c.Code).ToHashSet();
        foreach (var stale in categories.Values.Where(c => !inPack.Contains(c.Code)))
            stale.IsActive = false;
        foreach (var category in pack.Categories)
        {
            if (categories.TryGetValue(category.Code, out var existing))
                db.Entry(existing).CurrentValues.SetValues(category);
            else
                db.Categories.Add(category);
        }

        await db.RoutingRules.ExecuteDeleteAsync(ct);
        await db.Holidays.ExecuteDeleteAsync(ct);
        await db.MessageTemplates.ExecuteDeleteAsync(ct);
        await db.EscalationSteps.ExecuteDeleteAsync(ct);
        await db.DeadlinePolicies.ExecuteDeleteAsync(ct);
        await db.WhatsAppTemplates.ExecuteDeleteAsync(ct);
        db.RoutingRules.AddRange(pack.RoutingRules);
        db.EscalationSteps.AddRange(pack.Escalation);
        db.DeadlinePolicies.AddRange(pack.Priorities);
        db.WhatsAppTemplates.AddRange(pack.WhatsApp);
        db.Holidays.AddRange(pack.Holidays);
        db.MessageTemplates.AddRange(pack.Templates);
        await db.SaveChangesAsync(ct);
    }
}
