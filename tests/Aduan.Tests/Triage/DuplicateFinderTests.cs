using System.Net;
using Aduan.Data;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Aduan.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>
/// The duplicate check on both databases, with reports made through POST /api/reports. Each test
/// works at its own random spot in Jakarta, and every negative case has a positive control next
/// to it, so a finder that found nothing at all would fail.
/// </summary>
public abstract class DuplicateFinderTests(AduanApp app)
{
    private const string Pothole = "Jalan berlubang besar dan dalam di depan halte bus, sudah membahayakan pemotor.";
    private const string SamePothole = "Ada lubang besar di jalan depan halte bus, bahaya sekali untuk motor yang lewat.";
    private const double MetersPerDegree = 6_371_000 * Math.PI / 180;

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_same_pothole_30_m_away_in_similar_words_is_found_about_30_m_off()
    {
        var (lat, lon) = Somewhere();
        var first = await SubmitAsync("jalan-rusak", Pothole, lat, lon);
        var second = await SubmitAsync("jalan-rusak", SamePothole, North(lat, 30), lon);

        var found = await FindAsync(second);

        var match = Assert.Single(found, c => c.Code == first);
        Assert.InRange(match.DistanceMeters!.Value, 29, 31);
        Assert.InRange(match.TextSimilarity, DuplicateFinder.SameGroupSimilarity, 1);
        Assert.DoesNotContain(found, c => c.Code == second);
    }

    [Fact]
    public async Task A_pothole_200_m_away_is_not_found_for_a_category_with_a_50_m_radius()
    {
        var (lat, lon) = Somewhere();
        var far = await SubmitAsync("jalan-rusak", Pothole, North(lat, 200), lon);
        var near = await SubmitAsync("jalan-rusak", Pothole, North(lat, 40), lon);
        var probe = await SubmitAsync("jalan-rusak", SamePothole, lat, lon);

        var found = await FindAsync(probe);

        Assert.DoesNotContain(found, c => c.Code == far);
        Assert.Contains(found, c => c.Code == near);
    }

    [Fact]
    public async Task Flooding_250_m_away_is_found_because_floods_have_a_300_m_radius()
    {
        var (lat, lon) = Somewhere();
        var flood = await SubmitAsync("banjir-genangan", "Banjir setinggi lutut di jalan depan pasar, air tidak surut sejak pagi.", lat, East(lat, lon, 250));
        var beyond = await SubmitAsync("banjir-genangan", "Banjir setinggi lutut di jalan depan pasar, air tidak surut sejak pagi.", lat, East(lat, lon, -400));
        var probe = await SubmitAsync("banjir-genangan", "Genangan air setinggi lutut depan pasar, jalan tidak bisa dilewati motor.", lat, lon);

        var found = await FindAsync(probe);

        var match = Assert.Single(found, c => c.Code == flood);
        Assert.InRange(match.DistanceMeters!.Value, 245, 255);
        Assert.DoesNotContain(found, c => c.Code == beyond);
    }

    [Fact]
    public async Task A_report_in_another_category_group_is_not_found_but_one_in_the_same_group_is()
    {
        var (lat, lon) = Somewhere();
        const string Text = "Sampah menumpuk menyumbat saluran air di depan sekolah, baunya menyengat.";
        var otherGroup = await SubmitAsync("sampah-liar", Text, lat, lon);
        var sameGroup = await SubmitAsync("banjir-genangan", Text, North(lat, 10), lon);
        var probe = await SubmitAsync("saluran-tersumbat", Text, North(lat, 5), lon);

        var found = await FindAsync(probe);

        Assert.DoesNotContain(found, c => c.Code == otherGroup);
        Assert.Contains(found, c => c.Code == sameGroup);
    }

    [Theory]
    [InlineData(ReportStatus.Closed)]
    [InlineData(ReportStatus.Merged)]
    [InlineData(ReportStatus.Rejected)]
    [InlineData(ReportStatus.Resolved)]
    public async Task A_report_that_is_no_longer_open_is_not_found(ReportStatus status)
    {
        var (lat, lon) = Somewhere();
        var finished = await SubmitAsync("jalan-rusak", Pothole, lat, lon);
        var open = await SubmitAsync("jalan-rusak", Pothole, North(lat, 5), lon);
        await app.WithDbAsync(db => db.Reports.Where(r => r.Code == finished).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status)));
        var probe = await SubmitAsync("jalan-rusak", SamePothole, North(lat, 10), lon);

        var found = await FindAsync(probe);

        Assert.DoesNotContain(found, c => c.Code == finished);
        Assert.Contains(found, c => c.Code == open);
    }

    [Fact]
    public async Task A_report_older_than_the_category_window_is_not_found()
    {
        // Fallen trees: 72 hours.
        var (lat, lon) = Somewhere();
        const string Tree = "Pohon besar tumbang menutup jalan di depan masjid, kendaraan tidak bisa lewat.";
        var old = await SubmitAsync("pohon-tumbang", Tree, lat, lon);
        var recent = await SubmitAsync("pohon-tumbang", Tree, North(lat, 5), lon);
        await MoveBackAsync(old, TimeSpan.FromHours(73));
        await MoveBackAsync(recent, TimeSpan.FromHours(71));
        var probe = await SubmitAsync("pohon-tumbang", "Ada pohon tumbang menutup jalan depan masjid, mobil tidak bisa lewat.", North(lat, 10), lon);

        var found = await FindAsync(probe);

        Assert.DoesNotContain(found, c => c.Code == old);
        Assert.Contains(found, c => c.Code == recent);
    }

    [Fact]
    public async Task Unrelated_words_at_the_same_spot_are_not_a_duplicate()
    {
        var (lat, lon) = Somewhere();
        var unrelated = await SubmitAsync("jalan-rusak", "Marka zebra cross di persimpangan sekolah pudar, mohon dicat ulang.", lat, lon);
        var related = await SubmitAsync("jalan-rusak", Pothole, lat, lon);
        var probe = await SubmitAsync("jalan-rusak", SamePothole, lat, lon);

        var found = await FindAsync(probe);

        Assert.DoesNotContain(found, c => c.Code == unrelated);
        Assert.Contains(found, c => c.Code == related);
    }

    [Fact]
    public async Task A_report_without_a_category_is_compared_with_every_group_at_a_higher_threshold()
    {
        var (lat, lon) = Somewhere();
        var pothole = await SubmitAsync("jalan-rusak", Pothole, lat, lon);
        var probe = await SubmitAsync(null, Pothole.Replace("pemotor", "pengendara", StringComparison.Ordinal), North(lat, 20), lon);

        var found = await FindAsync(probe);

        var match = Assert.Single(found, c => c.Code == pothole);
        Assert.InRange(match.TextSimilarity, DuplicateFinder.UncategorisedSimilarity, 1);
    }

    [Fact]
    public async Task Without_coordinates_only_the_same_category_in_the_same_kelurahan_is_compared()
    {
        var marker = $"gardu{Random.Shared.Next(100_000, 999_999)}";
        var same = await SubmitAsync("lampu-jalan-mati", $"Lampu jalan mati total dekat gardu {marker}, gelap gulita.", null, null);
        var otherCategory = await SubmitAsync("kabel-semrawut", $"Lampu jalan mati total dekat gardu {marker}, gelap gulita.", null, null);
        var probe = await SubmitAsync("lampu-jalan-mati", $"Lampu penerangan jalan mati dekat gardu {marker}, gelap sekali.", null, null);
        foreach (var code in new[] { same, otherCategory, probe })
            await app.WithDbAsync(db => db.Reports.Where(r => r.Code == code).ExecuteUpdateAsync(s => s.SetProperty(r => r.AreaCode, Samples.GambirKelurahan)));

        var found = await FindAsync(probe);

        var match = Assert.Single(found, c => c.Code == same);
        Assert.Null(match.DistanceMeters);
        Assert.DoesNotContain(found, c => c.Code == otherCategory);
    }

    private async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Code == code);
        return await scope.ServiceProvider.GetRequiredService<IDuplicateFinder>().FindAsync(report, CancellationToken.None);
    }

    private Task<int> MoveBackAsync(string code, TimeSpan by) =>
        app.WithDbAsync(async db =>
        {
            var receivedAt = await db.Reports.Where(r => r.Code == code).Select(r => r.ReceivedAt).SingleAsync();
            return await db.Reports.Where(r => r.Code == code).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReceivedAt, receivedAt - by));
        });

    private async Task<string> SubmitAsync(string? category, string text, double? latitude, double? longitude)
    {
        var body = Samples.Report(text);
        body["category"] = category;
        body["latitude"] = latitude;
        body["longitude"] = longitude;
        body["phone"] = null;
        body["email"] = null;
        if (latitude is null)
            body["address"] = null; // nothing for triage to read a kelurahan from; the test sets it
        var response = await _client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return TrackingCode.Parse((await response.JsonAsync()).GetProperty("code").GetString())!; // as stored: no dash
    }

    /// <summary>A random spot in central Jakarta, so tests sharing the database do not meet.</summary>
    private static (double Latitude, double Longitude) Somewhere() =>
        (-6.25 + (Random.Shared.NextDouble() * 0.1), 106.78 + (Random.Shared.NextDouble() * 0.1));

    private static double North(double latitude, double meters) => latitude + (meters / MetersPerDegree);

    private static double East(double latitude, double longitude, double meters) =>
        longitude + (meters / (MetersPerDegree * Math.Cos(latitude * Math.PI / 180)));
}

[Collection(SqliteCollection.Name)]
public sealed class DuplicateFinderOnSqlite(SqliteApp app) : DuplicateFinderTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DuplicateFinderOnPostgres(PostgresApp app) : DuplicateFinderTests(app);
