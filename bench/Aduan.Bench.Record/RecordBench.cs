using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Deadlines;
using Aduan.Packs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;
using Npgsql;

namespace Aduan.Bench.Record;

/// <summary>
/// Fills a fresh database (the app's own migrations and the surabaya pack) with generated report
/// lives, then times the queries the leaders' dashboard and the public portal run on them.
/// </summary>
internal static class RecordBench
{
    private const int Batch = 20_000;
    private const int PointsPerKelurahan = 2_048;
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(Factory) } };

    public static async Task<int> RunAsync(RecordSettings settings, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aduan:DataFolder"] = settings.Data,
            ["Aduan:Database"] = settings.Postgres ? "Postgres" : "Sqlite",
            ["Aduan:ConnectionString"] = settings.Connection,
            ["Aduan:PacksFolder"] = settings.Packs,
            ["Aduan:Pack"] = "surabaya",
            ["Aduan:BackgroundEscalation"] = "false",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddAduan(configuration).BuildServiceProvider();
        var label = settings.Postgres ? "PostgreSQL" : "SQLite";

        var clock = Stopwatch.StartNew();
        Dictionary<string, Category> categories;
        Dictionary<string, (double, double)[]> points;
        Dictionary<string, string> names;
        WorkingCalendar calendar;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PrepareDatabase>().RunAsync(ct);
            categories = (await scope.ServiceProvider.GetRequiredService<CategoryDirectory>().AllAsync(ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
            calendar = (await scope.ServiceProvider.GetRequiredService<PackCalendar>().GetAsync(ct)).Calendar;
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            var villages = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Village && a.BoundaryGeoJson != null)
                .Select(a => new { a.Code, a.Name, a.BoundaryGeoJson }).ToListAsync(ct);
            names = villages.ToDictionary(v => v.Code, v => v.Name, StringComparer.Ordinal);
            points = villages.ToDictionary(v => v.Code, v => InteriorPoints(v.BoundaryGeoJson!, v.Code.GetHashCode(StringComparison.Ordinal)), StringComparer.Ordinal);
        }
        var spreads = RealSpreads.Read(settings.Packs);
        var unknown = spreads.Placements.Where(p => !categories.ContainsKey(p.Category) || !points.ContainsKey(p.Kelurahan)).Select(p => $"{p.Category}@{p.Kelurahan}").Distinct().ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"The surabaya pack lacks {unknown.Count} categories or kelurahan the spreads use, e.g. {string.Join(", ", unknown.Take(5))}.");
            return 1;
        }
        Console.WriteLine($"{label}: schema and the surabaya pack ready in {clock.Elapsed.TotalSeconds:0.0} s; {categories.Count} categories, {points.Count} kelurahan with boundaries.");
        spreads.Print();

        var days = settings.Days ?? (int)Math.Ceiling(settings.Reports / spreads.LaPerDay);
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"Generating {settings.Reports:N0} reports over {days:N0} days up to now ({settings.Reports / (double)days:N0} a day, LA's volume), seed {settings.Seed}.");
        var lives = new ReportLives(spreads, categories, points, names, calendar, now, days, settings.Seed);
        var tally = new Tally();
        var batches = Channel.CreateBounded<GeneratedReport[]>(4);
        var producer = Task.Run(async () =>
        {
            for (long i = 0; i < settings.Reports; i += Batch)
            {
                var batch = new GeneratedReport[(int)Math.Min(Batch, settings.Reports - i)];
                for (var j = 0; j < batch.Length; j++)
                    tally.Add(batch[j] = lives.Next(i + j));
                await batches.Writer.WriteAsync(batch, ct);
            }
            batches.Writer.Complete();
        }, ct);

        clock.Restart();
        var progress = new Progress(settings.Reports);
        if (settings.Postgres)
            await LoadPostgresAsync(settings.Connection!, batches.Reader, progress, ct);
        else
            await LoadSqliteAsync(services.GetRequiredService<IOptions<AduanOptions>>().Value.SqliteConnectionString, batches.Reader, progress, ct);
        await producer;
        Console.WriteLine($"{label}: generated and loaded {settings.Reports:N0} reports and {tally.Parts:N0} agency parts in {clock.Elapsed.TotalSeconds:0.0} s " +
            $"({settings.Reports / clock.Elapsed.TotalSeconds:N0} reports/s, indexes rebuilt and statistics gathered).");
        tally.Print();
        var (root, areaNames) = await AreasAsync(services, ct);
        var places = tally.Places(root, areaNames);
        Console.WriteLine($"Timed queries look at kec. {places.KecamatanName} ({places.Kecamatan}), agency {places.Agency} and category {places.Category}, the busiest.");
        await RecordQueries.RunAsync(settings, places, ct);
        return 0;
    }

    private static async Task LoadSqliteAsync(string connectionString, ChannelReader<GeneratedReport[]> batches, Progress progress, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await Indexes.ExecuteAsync(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;", ct);
        var indexes = await Indexes.DropAsync(connection, postgres: false, RecordTables.Names, ct);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            var reports = RecordTables.Reports.Sqlite(connection, transaction);
            var parts = RecordTables.Assignments.Sqlite(connection, transaction);
            var ratings = RecordTables.Ratings.Sqlite(connection, transaction);
            await foreach (var batch in batches.ReadAllAsync(ct))
            {
                foreach (var report in batch)
                {
                    reports.Write(report);
                    foreach (var part in report.Parts)
                        parts.Write((report.Id, part));
                    if (report.Rating is not null)
                        ratings.Write(report);
                }
                progress.Advance(batch.Length);
            }
            await transaction.CommitAsync(ct);
        }
        progress.Phase("building indexes");
        await Indexes.CreateAsync(connection, indexes, ct);
        await Indexes.ExecuteAsync(connection, "ANALYZE; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", ct);
    }

    private static async Task LoadPostgresAsync(string connectionString, ChannelReader<GeneratedReport[]> batches, Progress progress, CancellationToken ct)
    {
        // Completing a COPY of millions of rows outlasts the default 30-second command timeout (the
        // importer's too): the bench's own deadline (BENCH_MAX_SECONDS) is the limit here.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var second = new NpgsqlConnection(connectionString);
        await second.OpenAsync(ct);
        await using var third = new NpgsqlConnection(connectionString);
        await third.OpenAsync(ct);
        var indexes = await Indexes.DropAsync(connection, postgres: true, RecordTables.Names, ct);
        // Three COPY streams at once (one per connection): reports, and the parts and ratings that
        // reference them. The referencing streams run as a replica (foreign-key triggers off, the
        // superuser of the throwaway server may), since the reports are not committed until the end.
        await Indexes.ExecuteAsync(second, "SET session_replication_role = replica", ct);
        await Indexes.ExecuteAsync(third, "SET session_replication_role = replica", ct);
        await using (var reports = await RecordTables.Reports.BeginCopyAsync(connection, ct))
        await using (var parts = await RecordTables.Assignments.BeginCopyAsync(second, ct))
        await using (var ratings = await RecordTables.Ratings.BeginCopyAsync(third, ct))
        {
            await foreach (var batch in batches.ReadAllAsync(ct))
            {
                foreach (var report in batch)
                {
                    await RecordTables.Reports.CopyAsync(reports, report, ct);
                    foreach (var part in report.Parts)
                        await RecordTables.Assignments.CopyAsync(parts, (report.Id, part), ct);
                    if (report.Rating is not null)
                        await RecordTables.Ratings.CopyAsync(ratings, report, ct);
                }
                progress.Advance(batch.Length);
            }
            await reports.CompleteAsync(ct);
            await parts.CompleteAsync(ct);
            await ratings.CompleteAsync(ct);
        }
        progress.Phase("building indexes");
        await Indexes.CreateAsync(connection, indexes, ct);
        await Indexes.ExecuteAsync(connection, "VACUUM ANALYZE reports", ct);
        await Indexes.ExecuteAsync(connection, "VACUUM ANALYZE report_assignments", ct);
        await Indexes.ExecuteAsync(connection, "VACUUM ANALYZE report_ratings", ct);
    }

    private static async Task<(string Root, Dictionary<string, string> Names)> AreasAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var root = (await scope.ServiceProvider.GetRequiredService<CurrentPack>().GetAsync(ct)).Info.RootAreaCode;
        var names = await scope.ServiceProvider.GetRequiredService<AduanDbContext>().Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, StringComparer.Ordinal, ct);
        return (root, names);
    }

    /// <summary>Uniform points inside a kelurahan, drawn once so generating millions of reports needs no point-in-polygon test each.</summary>
    private static (double, double)[] InteriorPoints(string geoJson, int seed)
    {
        var geometry = JsonSerializer.Deserialize<Geometry>(geoJson, GeoJson)!;
        var shape = PreparedGeometryFactory.Prepare(geometry);
        var box = geometry.EnvelopeInternal;
        var random = new Random(seed);
        var points = new List<(double, double)>(PointsPerKelurahan);
        for (var attempt = 0; points.Count < PointsPerKelurahan && attempt < PointsPerKelurahan * 200; attempt++)
        {
            var (x, y) = (box.MinX + (random.NextDouble() * box.Width), box.MinY + (random.NextDouble() * box.Height));
            if (shape.Contains(Factory.CreatePoint(new Coordinate(x, y))))
                points.Add((Math.Round(y, 6), Math.Round(x, 6)));
        }
        return points.Count > 0 ? [.. points] : [(box.Centre.Y, box.Centre.X)];
    }

    /// <summary>A line of progress every 5 % on standard error, so a long load shows where it is.</summary>
    private sealed class Progress(long total)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _done;
        private int _shown;

        public void Advance(int count)
        {
            _done += count;
            var percent = (int)(_done * 100 / total);
            if (percent / 5 <= _shown / 5)
                return;
            _shown = percent;
            var eta = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / _done * (total - _done));
            Console.Error.WriteLine($"  {percent,3} % {_done:N0} reports, {_clock.Elapsed.TotalSeconds:0} s, about {eta.TotalSeconds:0} s left");
        }

        public void Phase(string name) => Console.Error.WriteLine($"  {name} ({_clock.Elapsed.TotalSeconds:0} s so far)");
    }

    /// <summary>Aggregates of what was generated, to check the spreads came out as meant.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _kecamatan = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _agencies = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
        private string? _publicCode;
        private long _count, _dispatched, _responseLate, _resolutionLate, _handedBack, _reopened, _confirmed, _closed;
        public long Parts { get; private set; }

        public void Add(GeneratedReport report)
        {
            _count++;
            Parts += report.Parts.Count;
            var status = report.Status.ToString();
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            var kecamatan = report.Kelurahan[..report.Kelurahan.LastIndexOf('.')];
            _kecamatan[kecamatan] = _kecamatan.GetValueOrDefault(kecamatan) + 1;
            _categories[report.Category] = _categories.GetValueOrDefault(report.Category) + 1;
            if (report.Visibility == Reports.ReportVisibility.Public && report.Status == Reports.ReportStatus.Closed)
                _publicCode ??= report.Code;
            if (report.Agency is null)
                return;
            _dispatched++;
            _agencies[report.Agency] = _agencies.GetValueOrDefault(report.Agency) + 1;
            _responseLate += report.ResponseLate ? 1 : 0;
            _resolutionLate += report.ResolutionLate ? 1 : 0;
            _handedBack += report.Parts.Any(p => p.Status == "HandedBack") ? 1 : 0;
            _reopened += report.ClockRound > 0 ? 1 : 0;
            _confirmed += report.ConfirmedByCitizen ? 1 : 0;
            _closed += report.ClosedAt is not null ? 1 : 0;
        }

        public RecordPlaces Places(string root, IReadOnlyDictionary<string, string> names)
        {
            static string Busiest(Dictionary<string, long> counts) => counts.MaxBy(c => c.Value).Key;
            var kecamatan = Busiest(_kecamatan);
            return new RecordPlaces(root, kecamatan, names.GetValueOrDefault(kecamatan, kecamatan), Busiest(_agencies), Busiest(_categories),
                _publicCode ?? throw new InvalidOperationException("No public closed report was generated."));
        }

        public void Print()
        {
            Console.WriteLine("Generated statuses: " + string.Join(", ", _statuses.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {(double)s.Value / _count:P1}")));
            Console.WriteLine($"Of {_dispatched:N0} dispatched: response late {(double)_responseLate / _dispatched:P1}, resolution late {(double)_resolutionLate / _dispatched:P1}, " +
                $"handed back once {(double)_handedBack / _dispatched:P1}, reopened {(double)_reopened / _dispatched:P1}; of {_closed:N0} closed, confirmed by the citizen {(double)_confirmed / Math.Max(1, _closed):P1}.");
        }
    }
}
