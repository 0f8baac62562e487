using Aduan.Agencies;
using Aduan.Dispatch;
using Aduan.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Dispatch;

/// <summary>The dki-jakarta routing table as the app loaded it into the database, through <see cref="Dispatcher.RouteAsync"/>.</summary>
public abstract class RoutingOnThePackTests(AduanApp app)
{
    private const string Gambir = Samples.GambirKelurahan;     // Jakarta Pusat
    private const string TebetTimur = "31.74.01.1001";         // Jakarta Selatan

    [Theory]
    [InlineData("jalan-rusak", Gambir, "sudin-bina-marga-31-71")]
    [InlineData("jalan-rusak", TebetTimur, "sudin-bina-marga-31-74")]
    [InlineData("gangguan-ketertiban-umum", Gambir, "kel-31.71.01.1001")]
    [InlineData("gangguan-ketertiban-umum", TebetTimur, "kel-31.74.01.1001")]
    public async Task A_category_in_a_kelurahan_goes_to_the_agency_of_the_most_specific_rule(string category, string kelurahan, string expected)
    {
        var agency = await RouteAsync(category, kelurahan);

        Assert.Equal(expected, agency?.Code);
    }

    [Fact]
    public async Task A_rule_for_the_whole_province_catches_a_kelurahan_without_a_rule_of_its_own_kota()
    {
        // jasa-marga has a single rule on "31": the toll-road operator for every kota.
        var agency = await RouteAsync("jalan-tol", TebetTimur);

        Assert.Equal("jasa-marga", agency?.Code);
    }

    [Fact]
    public async Task An_electricity_fault_goes_to_PLN_as_an_outside_body()
    {
        var agency = await RouteAsync("gangguan-listrik", Gambir);

        Assert.Equal("pln", agency?.Code);
        Assert.Equal(AgencyKind.OutsideBody, agency?.Kind);
    }

    [Theory]
    [InlineData("kategori-tanpa-aturan", Gambir)]  // no rule names it, and the pack has no "*" rule
    [InlineData("jalan-rusak", "32.73.01.1001")]    // a Bandung kelurahan: outside every rule's area
    [InlineData("jalan-rusak", null)]               // no kelurahan yet
    public async Task Without_a_rule_that_applies_the_operator_decides(string category, string? kelurahan)
    {
        Assert.Null(await RouteAsync(category, kelurahan));
    }

    private async Task<Agency?> RouteAsync(string category, string? kelurahan)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Dispatcher>().RouteAsync(category, kelurahan, CancellationToken.None);
    }
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class RoutingOnThePackOnSqlite(DispatchSqliteApp app) : RoutingOnThePackTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class RoutingOnThePackOnPostgres(DispatchPostgresApp app) : RoutingOnThePackTests(app);
