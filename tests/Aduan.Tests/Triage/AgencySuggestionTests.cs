using System.Net;
using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Dispatch;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Aduan.Triage;
using Aduan.Triage.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>
/// The agency classifier on a real database: dispatches become its examples, <c>aduan train</c>'s
/// handler trains it, and triage and the operator's screens suggest agencies from it.
/// </summary>
public abstract class AgencySuggestionTests(AduanApp app)
{
    private const string GambirOffice = "kel-" + Samples.GambirKelurahan;
    private readonly DispatchDesk _desk = new(app);

    // Invented for this test: letters the kelurahan issues, which the pack's rules route to the population office.
    private static readonly string[] KelurahanLetters =
    [
        "Surat pengantar domisili dari kelurahan belum jadi juga padahal sudah dua minggu",
        "Mengurus surat keterangan tidak mampu di kantor kelurahan dipersulit petugas",
        "Surat pengantar nikah dari kelurahan lama sekali prosesnya, mohon dibantu",
        "Petugas kelurahan minta biaya untuk surat keterangan domisili usaha",
        "Surat keterangan ahli waris di kelurahan tidak kunjung ditandatangani lurah",
        "Pelayanan surat pengantar di kelurahan tutup sebelum jam pelayanan berakhir",
        "Surat keterangan domisili saya ditolak kelurahan tanpa alasan yang jelas",
        "Antrean surat pengantar kelurahan panjang, loket hanya satu yang buka",
    ];

    [Fact]
    public async Task Every_dispatch_is_kept_as_an_agency_example_with_the_own_kelurahan_office_as_one_label()
    {
        var road = await LoadAsync(await _desk.DispatchedAsync("jalan-rusak"));
        var publicOrder = await LoadAsync(await _desk.DispatchedAsync("gangguan-ketertiban-umum"));

        var examples = await app.WithDbAsync(db => db.ClassifierExamples.AsNoTracking()
            .Where(e => e.ReportId == road.Id || e.ReportId == publicOrder.Id).ToListAsync());

        var roadExample = Assert.Single(examples, e => e.ReportId == road.Id);
        Assert.Equal((DispatchDesk.BinaMargaPusat, "jalan-rusak", ClassifierExample.FromDispatch, road.Description), (roadExample.AgencyCode, roadExample.CategoryCode, roadExample.Source, roadExample.Text));
        // Gambir's own office is dispatched to as "{kelurahan}", one label for every kelurahan.
        Assert.Equal(GambirOffice, publicOrder.AgencyCode);
        Assert.Equal(RoutingRule.OwnKelurahan, Assert.Single(examples, e => e.ReportId == publicOrder.Id).AgencyCode);
    }

    [Fact]
    public async Task Reports_redispatched_to_their_kelurahan_teach_the_agency_model_which_then_leads_the_suggestion_over_the_rules()
    {
        var operatorScope = await ScopeAsync();
        var ids = new List<Guid>();
        foreach (var text in KelurahanLetters)
        {
            // The rules send administrative complaints to the population office; the operator moves each to the kelurahan.
            var code = await _desk.SubmitAsync("pelayanan-adminduk", DispatchDesk.UniquePhone(), text);
            await _desk.VerifyAsync(code);
            Assert.Equal("sudin-dukcapil-31-71", (await LoadAsync(code)).AgencyCode);
            var moved = await WithDispatcherAsync(d => d.DispatchAsync(DispatchDesk.Operator, operatorScope, code, GambirOffice, [], "urusan surat pengantar ada di kelurahan", null, CancellationToken.None));
            Assert.Equal(WorkOutcome.Done, moved.Outcome);
            ids.Add((await LoadAsync(code)).Id);
        }

        var result = await TrainAsync();

        // Two dispatches per report, one example each; training counts the report once, with its last agency.
        var rows = await app.WithDbAsync(db => db.ClassifierExamples.AsNoTracking().Where(e => e.ReportId != null && ids.Contains(e.ReportId.Value)).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2 * ids.Count, rows.Count);
        Assert.All(ids, id => Assert.Equal(RoutingRule.OwnKelurahan, rows.Last(r => r.ReportId == id).AgencyCode));
        var agency = Assert.IsType<AgencyTrainResult>(result.Agency);
        Assert.True(File.Exists(agency.ModelPath));
        var dispatched = await app.WithDbAsync(db => db.ClassifierExamples.Where(e => e.AgencyCode != null).Select(e => e.ReportId).Distinct().CountAsync());
        Assert.Equal(dispatched, agency.DispatchExamples);

        // A new one, category left to triage: the model's kelurahan office comes first, the rules' population office after it.
        var body = Samples.Report("Surat pengantar domisili dari kelurahan tidak selesai selesai, sudah bolak balik tiga kali");
        body.Remove("category");
        var fresh = await SubmitAsync(body);
        await app.Services.GetRequiredService<TriageWorker>().RunOnceAsync(500, CancellationToken.None);
        var triaged = await LoadAsync(fresh);
        var suggestions = TriageSuggestions.FromJson(triaged.TriageJson)!;
        Assert.NotEqual(CategorySource.Operator, triaged.CategorySource);
        Assert.Equal(GambirOffice, suggestions.Agencies![0].AgencyCode);

        // The category guesses are the category model's, each weighed by how likely the agency model
        // finds the office the rules route it to in Gambir: P(c) × (P(office) + 0.01)^0.25, renormalised.
        var (model, offices, routes) = await ReadAsync(triaged.Description, triaged.AreaCode!);
        var weighed = model.Select(c => (c.CategoryCode, Weight: c.Confidence * Math.Pow((routes[c.CategoryCode] is { } office ? offices.GetValueOrDefault(office) : 0) + 0.01, 0.25))).ToList();
        var expected = weighed.OrderByDescending(c => c.Weight).Take(3).Select(c => (c.CategoryCode, Math.Round(c.Weight / weighed.Sum(w => w.Weight), 6)));
        Assert.Equal(expected, suggestions.Categories.Select(c => (c.CategoryCode, Math.Round(c.Confidence, 6))));
        // The letters were moved, not re-categorised: the office the model learned does not drag the
        // population-services category down below the categories routed to the kelurahan.
        Assert.Equal(model[0].CategoryCode, suggestions.Categories[0].CategoryCode);
        Assert.Equal("pelayanan-adminduk", model[0].CategoryCode);

        var session = await app.SignInAsync(await app.CreateAsync(StaffRole.Operator));
        var screen = await session.Http.GetAsync($"/staf/triase/{fresh}");
        Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
        var html = await screen.Content.ReadAsStringAsync();
        Assert.Contains("Instansi yang disarankan", html, StringComparison.Ordinal);
        Assert.Contains("Kelurahan Gambir", html, StringComparison.Ordinal);
    }

    /// <summary>What the two models read in a text on their own, and where the rules route each category in an area.</summary>
    private async Task<(IReadOnlyList<CategoryGuess> Model, Dictionary<string, double> Offices, Dictionary<string, string?> Routes)> ReadAsync(string text, string areaCode)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var model = await services.GetRequiredService<CategoryClassifier>().ClassifyAsync(text, int.MaxValue, CancellationToken.None);
        var offices = (await services.GetRequiredService<AgencyClassifier>().ScoreAsync(text, CancellationToken.None)).ToDictionary(s => s.Label, s => s.Score);
        var lineage = await services.GetRequiredService<AreaLocator>().LineageAsync(areaCode, CancellationToken.None);
        var rules = await app.WithDbAsync(db => db.RoutingRules.AsNoTracking().ToListAsync());
        var routes = model.ToDictionary(c => c.CategoryCode, c => Routing.FindAgency(rules, c.CategoryCode, lineage) is { } agency ? Routing.Relative(agency, lineage) : null);
        return (model, offices, routes);
    }

    private async Task<string> SubmitAsync(Dictionary<string, object?> body)
    {
        using var client = app.CreateClient();
        var response = await client.PostReportAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("code").GetString()!;
    }

    private Task<Report> LoadAsync(string code) => app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Code == code.Replace("-", "")));

    private async Task<TrainResult> TrainAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TrainClassifier>().HandleAsync(null, CancellationToken.None);
    }

    private async Task<ReportScope> ScopeAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReportAccess>().ScopeForAsync(DispatchDesk.Operator, CancellationToken.None);
    }

    private async Task<T> WithDispatcherAsync<T>(Func<Dispatcher, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<Dispatcher>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgencySuggestionOnSqlite(SqliteApp app) : AgencySuggestionTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AgencySuggestionOnPostgres(PostgresApp app) : AgencySuggestionTests(app);

/// <summary>How the agency model's scores and the routing of categories combine, on the pack's real areas.</summary>
public sealed class AgencyCombinationTests
{
    private static readonly Area Kota = new() { Code = "31.71", Name = "Kota Jakarta Pusat", Kind = "kota", Level = AreaLevel.Regency, ParentCode = "31" };
    private static readonly Area Kecamatan = new() { Code = "31.71.01", Name = "Gambir", Kind = "kecamatan", Level = AreaLevel.District, ParentCode = "31.71" };
    private static readonly Area Kelurahan = new() { Code = "31.71.01.1001", Name = "Gambir", Kind = "kelurahan", Level = AreaLevel.Village, ParentCode = "31.71.01" };
    private static readonly IReadOnlyList<Area> Gambir = [Kelurahan, Kecamatan, Kota];

    [Fact]
    public void Own_office_labels_resolve_in_the_reports_area_and_back()
    {
        Assert.Equal(RoutingRule.OwnKelurahan, Routing.Relative("kel-31.71.01.1001", Gambir));
        Assert.Equal(RoutingRule.OwnKecamatan, Routing.Relative("kec-31.71.01", Gambir));
        Assert.Equal("kel-31.71.01.1002", Routing.Relative("kel-31.71.01.1002", Gambir)); // a neighbour's office stays itself
        Assert.Equal("dinas-bina-marga", Routing.Relative("dinas-bina-marga", Gambir));
        Assert.Equal("kel-31.71.01.1001", Routing.Resolve(Routing.Relative("kel-31.71.01.1001", Gambir), Gambir));
    }

    [Fact]
    public void The_model_leads_a_guessed_category_and_the_rules_lead_a_chosen_one()
    {
        LabelScore[] model = [new(RoutingRule.OwnKelurahan, 0.7), new("sudin-dukcapil-31-71", 0.2), new("dinas-bina-marga", 0.1)];
        (string?, double)[] routed = [("sudin-dukcapil-31-71", 0.6), ("dinas-bina-marga", 0.3)];

        var guessed = AgencyClassifier.Combine(model, routed, Gambir, AgencyClassifier.WeightWithGuessedCategory, 3);
        var chosen = AgencyClassifier.Combine(model, [("sudin-dukcapil-31-71", 1)], Gambir, AgencyClassifier.WeightWithChosenCategory, 3);

        Assert.Equal(["kel-31.71.01.1001", "sudin-dukcapil-31-71", "dinas-bina-marga"], guessed.Select(g => g.AgencyCode));
        Assert.Equal(0.85 * 0.7, guessed[0].Confidence, 6);
        Assert.Equal((0.85 * 0.2) + (0.15 * 0.6), guessed[1].Confidence, 6);
        Assert.Equal(["sudin-dukcapil-31-71", "kel-31.71.01.1001", "dinas-bina-marga"], chosen.Select(g => g.AgencyCode));
    }

    [Fact]
    public void Without_an_area_an_own_office_cannot_be_named_and_without_a_model_the_rules_alone_suggest()
    {
        LabelScore[] model = [new(RoutingRule.OwnKelurahan, 0.9), new("dinas-bina-marga", 0.1)];

        var nowhere = AgencyClassifier.Combine(model, [], [], AgencyClassifier.WeightWithGuessedCategory, 3);
        var rulesOnly = AgencyClassifier.Combine([], [("sudin-bina-marga-31-71", 0.8), (null, 0.2)], Gambir, 0, 3);

        Assert.Equal(["dinas-bina-marga"], nowhere.Select(g => g.AgencyCode));
        Assert.Equal(["sudin-bina-marga-31-71"], rulesOnly.Select(g => g.AgencyCode));
        Assert.Equal(0.8, rulesOnly[0].Confidence, 6);
    }
}

/// <summary>The category guesses weighed by the agency model (<see cref="CategoryRanking"/>).</summary>
public sealed class CategoryRankingTests
{
    private static readonly Dictionary<string, string?> Routes = new()
    {
        ["pelayanan-adminduk"] = "sudin-dukcapil-31-71",
        ["surat-pengantar"] = RoutingRule.OwnKelurahan,
        ["jalan-rusak"] = "sudin-bina-marga-31-71",
        ["lainnya"] = null,
    };

    private static IReadOnlyList<LabelScore> Rerank(LabelScore[] categories, Dictionary<string, double> agencies, double gamma = CategoryRanking.Gamma) =>
        CategoryRanking.Rerank(categories, c => Routes[c], agencies, gamma);

    [Fact]
    public void A_close_call_goes_to_the_category_whose_office_the_agency_model_reads_in_the_text()
    {
        LabelScore[] model = [new("pelayanan-adminduk", 0.5), new("surat-pengantar", 0.45), new("jalan-rusak", 0.05)];
        var agencies = new Dictionary<string, double> { [RoutingRule.OwnKelurahan] = 0.9, ["sudin-dukcapil-31-71"] = 0.05, ["sudin-bina-marga-31-71"] = 0.05 };

        var ranked = Rerank(model, agencies);

        Assert.Equal(["surat-pengantar", "pelayanan-adminduk", "jalan-rusak"], ranked.Select(r => r.Label));
        var weights = new[] { 0.45 * Math.Pow(0.91, 0.25), 0.5 * Math.Pow(0.06, 0.25), 0.05 * Math.Pow(0.06, 0.25) };
        Assert.Equal(weights[0] / weights.Sum(), ranked[0].Score, 9);
        Assert.Equal(1, ranked.Sum(r => r.Score), 9);
    }

    [Fact]
    public void A_confident_guess_stays_first_even_when_the_agency_model_reads_another_office()
    {
        LabelScore[] model = [new("jalan-rusak", 0.9), new("surat-pengantar", 0.1)];
        var agencies = new Dictionary<string, double> { [RoutingRule.OwnKelurahan] = 1.0 };

        Assert.Equal(["jalan-rusak", "surat-pengantar"], Rerank(model, agencies).Select(r => r.Label));
    }

    [Fact]
    public void Without_agency_scores_or_routes_the_category_models_order_and_scores_stand()
    {
        LabelScore[] model = [new("lainnya", 0.3), new("jalan-rusak", 0.7)];
        LabelScore[] unrouted = [new("lainnya", 0.6), new("lainnya-juga", 0.4)];
        var agencies = new Dictionary<string, double> { ["sudin-bina-marga-31-71"] = 1.0 };

        Assert.Same(model, Rerank(model, []));
        Assert.Same(model, Rerank(model, agencies, gamma: 0));
        var ranked = CategoryRanking.Rerank(unrouted, _ => null, agencies);
        Assert.Equal(["lainnya", "lainnya-juga"], ranked.Select(r => r.Label));
        Assert.Equal([0.6, 0.4], ranked.Select(r => Math.Round(r.Score, 9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rerank(model, agencies, gamma: -1));
    }
}
