using System.Diagnostics;
using Aduan.Agencies;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Deadlines;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aduan.Bench.Deadlines;

/// <summary>
/// The escalation sweep over a million open dispatched reports: the app's own
/// <see cref="EscalationJob"/> from its service provider, first the sweep that fires the due
/// reports, then idle sweeps right after it (nothing due), then the database's plan for the
/// sweep's query.
/// </summary>
internal static class SweepBench
{
    private const string Category = "jalan-rusak";

    public static async Task<int> RunAsync(Settings settings, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aduan:DataFolder"] = settings.Data,
            ["Aduan:Database"] = settings.Postgres ? "Postgres" : "Sqlite",
            ["Aduan:ConnectionString"] = settings.Connection,
            ["Aduan:PacksFolder"] = settings.Packs,
            ["Aduan:Pack"] = "dki-jakarta",
            ["Aduan:BackgroundEscalation"] = "false",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddAduan(configuration).BuildServiceProvider();
        var label = settings.Postgres ? "PostgreSQL" : "SQLite";

        var clock = Stopwatch.StartNew();
        List<string> agencies;
        Category category;
        PackCalendar.Snapshot pack;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PrepareDatabase>().RunAsync(ct);
            category = await scope.ServiceProvider.GetRequiredService<CategoryDirectory>().FindAsync(Category, ct)
                ?? throw new InvalidOperationException($"The dki-jakarta pack has no category {Category}.");
            agencies = [.. (await scope.ServiceProvider.GetRequiredService<AgencyTree>().AllAsync(ct))
                .Where(a => a.Code.StartsWith("sudin-bina-marga-", StringComparison.Ordinal)).Select(a => a.Code).Order(StringComparer.Ordinal)];
            pack = await scope.ServiceProvider.GetRequiredService<PackCalendar>().GetAsync(ct);
            // One officer per suku dinas, so the warning step writes a real e-mail into the outbox.
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            foreach (var agency in agencies)
            {
                var created = await accounts.CreateAsync(new NewStaff($"petugas@{agency}.bench.test", $"Petugas {agency}", StaffRole.AgencyOfficer, agency, "Bench-Password-2026!"), ct);
                if (!created.Succeeded)
                    throw new InvalidOperationException($"Could not create the officer of {agency}: {string.Join(", ", created.Errors.Select(e => e.Code))}");
            }
        }
        Console.WriteLine($"{label}: schema, pack and {agencies.Count} officers ready in {clock.Elapsed.TotalSeconds:0.0} s ({category.Code}: response {category.ResponseHours} h, resolution {category.ResolutionHours} h, {category.TimeBasis}).");

        var now = DateTimeOffset.UtcNow;
        clock.Restart();
        var rows = Rows(settings, category, agencies, pack, now);
        var options = services.GetRequiredService<IOptions<AduanOptions>>().Value;
        if (settings.Postgres)
        {
            await using var connection = new NpgsqlConnection(settings.Connection);
            await connection.OpenAsync(ct);
            await DispatchedReports.PostgresAsync(connection, rows, ct);
        }
        else
        {
            await using var connection = new SqliteConnection(options.SqliteConnectionString);
            await connection.OpenAsync(ct);
            await DispatchedReports.SqliteAsync(connection, rows, ct);
        }
        var due = await CountDueAsync(services, ct);
        Console.WriteLine($"{label}: loaded {settings.Reports:N0} open dispatched reports with their lead assignments in {clock.Elapsed.TotalSeconds:0.0} s (indexes rebuilt, statistics gathered); {due:N0} due now.");

        var job = services.GetRequiredService<EscalationJob>();
        using var tally = new CommandTally();
        using var phases = new PhaseTally(EscalationJob.TraceName);
        tally.Start();
        phases.Start();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (swept, fired) = await job.RunOnceAsync(ct);
        var fireMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        phases.Stop();
        tally.Stop();
        var left = await CountDueAsync(services, ct);
        var (records, outbox) = await CountFiredAsync(services, ct);
        var (checkedChains, validChains) = await VerifyHistoriesAsync(services, 200, ct);

        var idle = new List<double>();
        for (var i = 0; i < settings.IdleRuns; i++)
        {
            started = Stopwatch.GetTimestamp();
            var (idleSwept, _) = await job.RunOnceAsync(ct);
            idle.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (idleSwept != 0)
                Console.WriteLine($"warning: idle sweep {i + 1} looked at {idleSwept} reports");
        }
        idle.Sort();

        await ExplainAsync(services, settings.Postgres, label, ct);
        Console.WriteLine($"| Database | Open reports | Due | Firing sweep: reports / steps fired | Firing sweep s | Reports/s | Idle sweeps | Idle p50 ms | Idle min ms | Idle max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {label} | {settings.Reports:N0} | {due:N0} | {swept:N0} / {fired:N0} | {fireMs / 1000:0.00} | {swept / (fireMs / 1000):N0} | {idle.Count} | " +
            $"{idle[(idle.Count - 1) / 2]:0.0} | {idle[0]:0.0} | {idle[^1]:0.0} |");
        tally.Print(swept);
        phases.Print(fireMs, cpu);
        Console.WriteLine($"After the firing sweep: {records:N0} report_escalations rows, {outbox:N0} outbox messages, {left:N0} reports still due; " +
            $"history chain valid for {validChains} of {checkedChains} escalated reports checked.");
        return swept == due && fired == due && left == 0 && validChains == checkedChains ? 0 : 1;
    }

    /// <summary>
    /// Reports dispatched over the last few hours, evenly spread; every (reports/due)-th one was
    /// dispatched 4.6-5.5 h ago, so its 75% response warning (4.5 h for jalan-rusak) is due now.
    /// The rest wait for theirs. The due times come from the app's own deadline arithmetic.
    /// </summary>
    private static IEnumerable<DispatchedReport> Rows(Settings settings, Category category, List<string> agencies, PackCalendar.Snapshot pack, DateTimeOffset now)
    {
        var random = new Random(1127);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var hours = OfficeHours.Government;
        for (var i = 0L; i < settings.Reports; i++)
        {
            var isDue = i * settings.Due / settings.Reports != (i + 1) * settings.Due / settings.Reports;
            var dispatched = isDue
                ? now - TimeSpan.FromHours(4.6 + (random.NextDouble() * 0.9))
                : now - TimeSpan.FromHours(random.NextDouble() * 4);
            var state = new DeadlineState(dispatched, null,
                pack.Calendar.Add(dispatched, TimeSpan.FromHours(category.ResponseHours), category.TimeBasis, hours),
                pack.Calendar.Add(dispatched, TimeSpan.FromHours(category.ResolutionHours), category.TimeBasis, hours),
                null, false, false, null, 0);
            var next = pack.Ladder.Select(s => DeadlineClock.DueAt(s, state, pack.Calendar, category.TimeBasis, hours)).Where(d => d is not null).Min()!.Value;
            string code;
            do
                code = TrackingCode.New();
            while (!codes.Add(code));
            yield return new DispatchedReport(Guid.CreateVersion7(dispatched), code, category.Code, agencies[(int)(i % agencies.Count)],
                dispatched - TimeSpan.FromMinutes(10), dispatched, state.ResponseDueAt!.Value, state.ResolutionDueAt!.Value, next);
        }
    }

    private static async Task<int> CountDueAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var now = DateTimeOffset.UtcNow;
        return await scope.ServiceProvider.GetRequiredService<AduanDbContext>().Reports.CountAsync(r => r.NextEscalationAt <= now, ct);
    }

    private static async Task<(int Records, int Outbox)> CountFiredAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        return (await db.Escalations.CountAsync(ct), await db.Outbox.CountAsync(ct));
    }

    /// <summary>The app's own history verification on a sample of the reports the sweep escalated: the sweep's timeline lines must be links of each chain.</summary>
    private static async Task<(int Checked, int Valid)> VerifyHistoriesAsync(IServiceProvider services, int sample, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var codes = await db.Reports.Where(r => db.Escalations.Any(e => e.ReportId == r.Id)).OrderBy(r => r.Code).Select(r => r.Code).Take(sample).ToListAsync(ct);
        var verification = scope.ServiceProvider.GetRequiredService<HistoryVerification>();
        var valid = 0;
        foreach (var code in codes)
            valid += (await verification.VerifyAsync(code, ct))?.Valid == true ? 1 : 0;
        return (codes.Count, valid);
    }

    /// <summary>The plan of the sweep's claim query with nothing due: SQLite's from EF's own SQL, PostgreSQL's from the job's SQL text.</summary>
    private static async Task ExplainAsync(IServiceProvider services, bool postgres, string label, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var now = DateTimeOffset.UtcNow;
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Reports.Where(r => r.NextEscalationAt <= now).OrderBy(r => r.NextEscalationAt).Select(r => r.Id).Take(200).CreateDbCommand();
        if (postgres)
        {
            // The job's statement (EscalationJob.SweepBatchAsync), with the same parameter.
            command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) SELECT \"Id\" FROM reports WHERE \"NextEscalationAt\" <= @now ORDER BY \"NextEscalationAt\" LIMIT 200 FOR UPDATE SKIP LOCKED";
            command.Parameters.Clear();
            command.Parameters.Add(new NpgsqlParameter("now", now));
        }
        else
        {
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        }
        Console.WriteLine();
        Console.WriteLine($"{label} plan of the idle sweep's claim query:");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            Console.WriteLine("  " + reader.GetString(postgres ? 0 : 3));
        Console.WriteLine();
    }
}
