using Aduan.Data;
using Aduan.Packs;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Areas;

/// <summary>
/// Finds a report's area from its words (<see cref="GazetteerIndex"/>): the pack's area names and
/// streets.csv, plus street names learned from past reports. The index is built once from the
/// database and the pack folder and rebuilt after <see cref="AreaLocator.Reload"/>; learned
/// streets are refreshed by <see cref="LearnAsync"/>, which a search also calls when they are
/// older than <see cref="LearnEvery"/>.
/// </summary>
public sealed class Gazetteer : IAreaFinder, IDisposable
{
    /// <summary>How often the learned streets are rebuilt from recent reports.</summary>
    public static readonly TimeSpan LearnEvery = TimeSpan.FromHours(6);

    /// <summary>Reports read per learning run (the newest), and phrases kept: together they bound memory.</summary>
    public const int LearnFromReports = 50_000;
    public const int MaxLearnedPhrases = 100_000;

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<AduanOptions> _options;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly SemaphoreSlim _learning = new(1, 1);
    private volatile GazetteerIndex? _index;
    private volatile Learned _learned = new(StreetTable.Empty, DateTimeOffset.MinValue);

    public Gazetteer(IServiceScopeFactory scopes, IOptions<AduanOptions> options, TimeProvider clock, AreaLocator locator)
    {
        (_scopes, _options, _clock) = (scopes, options, clock);
        locator.Reloaded += Reload;
    }

    private sealed record Learned(StreetTable Streets, DateTimeOffset At);

    public void Reload() => _index = null;

    public void Dispose()
    {
        _loading.Dispose();
        _learning.Dispose();
    }

    public async Task<IReadOnlyList<AreaGuess>> FindAsync(string text, int top, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || top <= 0)
            return [];
        var index = await GetAsync(ct);
        if (_clock.GetUtcNow() - _learned.At > LearnEvery)
            await LearnAsync(ct);
        return index.Find(text, top, _learned.Streets);
    }

    /// <summary>
    /// Rebuilds the learned street table from the newest reports that have an address text and an
    /// area set by coordinates or by an operator (not by the address text itself, which would
    /// only learn back what the gazetteer guessed). Returns the number of phrases learned.
    /// </summary>
    public async Task<int> LearnAsync(CancellationToken ct)
    {
        await _learning.WaitAsync(ct);
        try
        {
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var examples = await db.Reports.AsNoTracking()
                .Where(r => r.AddressText != null && r.AreaCode != null && (r.AreaSource == AreaSource.Coordinates || r.AreaSource == AreaSource.Operator))
                .OrderByDescending(r => r.ReceivedAt)
                .Take(LearnFromReports)
                .Select(r => new { r.AddressText, r.AreaCode, r.Description })
                .ToListAsync(ct);
            var streets = StreetTable.Learn(examples.Select(e => (e.AddressText!, e.AreaCode!)), examples.Select(e => e.Description), MaxLearnedPhrases);
            _learned = new Learned(streets, _clock.GetUtcNow());
            return streets.Count;
        }
        finally
        {
            _learning.Release();
        }
    }

    private async Task<GazetteerIndex> GetAsync(CancellationToken ct)
    {
        if (_index is { } ready)
            return ready;
        await _loading.WaitAsync(ct);
        try
        {
            if (_index is { } loaded)
                return loaded;
            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var areas = await db.Areas.AsNoTracking()
                .Select(a => new Area { Code = a.Code, Name = a.Name, Level = a.Level, Kind = a.Kind, ParentCode = a.ParentCode })
                .ToListAsync(ct);
            var pack = await db.PackInfo.AsNoTracking().Select(p => p.Name).SingleOrDefaultAsync(ct);
            _index = GazetteerIndex.Build(areas, ReadStreets(pack, areas));
            return _index;
        }
        finally
        {
            _loading.Release();
        }
    }

    // Streets are not in the database: they are read from the pack folder (validated when the
    // pack was seeded); a missing folder or file only means no curated streets.
    private List<KnownStreet> ReadStreets(string? pack, List<Area> areas)
    {
        if (pack is null)
            return [];
        try
        {
            return PackReader.ReadStreets(_options.Value.ResolvePacksFolder(), pack, areas, []);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
