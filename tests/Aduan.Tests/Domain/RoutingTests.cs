using Aduan.Agencies;
using Aduan.Areas;

namespace Aduan.Tests.Domain;

public sealed class RoutingTests
{
    private static readonly Area[] Gambir =
    [
        new() { Code = "31.71.01.1001", Name = "Gambir", Level = AreaLevel.Village, Kind = "kelurahan", ParentCode = "31.71.01" },
        new() { Code = "31.71.01", Name = "Gambir", Level = AreaLevel.District, Kind = "kecamatan", ParentCode = "31.71" },
        new() { Code = "31.71", Name = "Jakarta Pusat", Level = AreaLevel.Regency, Kind = "kota", ParentCode = "31" },
        new() { Code = "31", Name = "DKI Jakarta", Level = AreaLevel.Province, Kind = "provinsi" },
    ];

    private static RoutingRule Rule(string category, string area, string agency) => new() { CategoryCode = category, AreaCode = area, AgencyCode = agency };

    [Fact]
    public void The_rule_on_the_deepest_area_wins()
    {
        var rules = new[] { Rule("parkir-liar", "31", "dinas-perhubungan"), Rule("parkir-liar", "31.71", "sudin-perhubungan-31-71") };

        Assert.Equal("sudin-perhubungan-31-71", Routing.FindAgency(rules, "parkir-liar", Gambir));
    }

    [Fact]
    public void A_named_category_beats_the_wildcard_on_the_same_area()
    {
        var rules = new[] { Rule("*", "31.71", "kec-31.71.01"), Rule("parkir-liar", "31.71", "sudin-perhubungan-31-71") };

        Assert.Equal("sudin-perhubungan-31-71", Routing.FindAgency(rules, "parkir-liar", Gambir));
        Assert.Equal("kec-31.71.01", Routing.FindAgency(rules, "sampah-liar", Gambir));
    }

    [Fact]
    public void Placeholders_route_to_the_reports_own_kelurahan_or_kecamatan()
    {
        var rules = new[] { Rule("lainnya", "31", "{kelurahan}"), Rule("kewilayahan", "31", "{kecamatan}") };

        Assert.Equal("kel-31.71.01.1001", Routing.FindAgency(rules, "lainnya", Gambir));
        Assert.Equal("kec-31.71.01", Routing.FindAgency(rules, "kewilayahan", Gambir));
    }

    [Fact]
    public void Without_a_matching_rule_the_operator_decides()
    {
        var rules = new[] { Rule("parkir-liar", "31.74", "sudin-perhubungan-31-74") };

        Assert.Null(Routing.FindAgency(rules, "parkir-liar", Gambir));
        Assert.Null(Routing.FindAgency(rules, "jalan-rusak", Gambir));
    }
}
