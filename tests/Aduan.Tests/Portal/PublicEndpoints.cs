namespace Aduan.Tests.Portal;

/// <summary>One public URL: what it should answer, and whether it lists reports (so a confidential report's code must not be there at all).</summary>
public sealed record PublicEndpoint(string Url, int Status = 200, bool Lists = false);

/// <summary>
/// Every public page, API endpoint and export, in one place: the privacy test fetches them all.
/// A new public endpoint belongs here.
/// </summary>
public static class PublicEndpoints
{
    public static IReadOnlyList<PublicEndpoint> All(string publicCode, string anonymousCode, string confidentialCode, string agency, string subscriptionId)
    {
        var period = "from=2026-01-01&to=2026-12-31";
        var endpoints = new List<PublicEndpoint>
        {
            new("/", Lists: true),
            new("/peta", Lists: true),
            new("/peta?kategori=jalan-rusak&wilayah=31.71.01", Lists: true),
            new("/wilayah/31", Lists: true),
            new("/wilayah/31.71", Lists: true),
            new("/wilayah/31.71.01", Lists: true),
            new("/wilayah/31.71.01.1001", Lists: true),
            new($"/instansi/{agency}", Lists: true),
            new("/instansi/dinas-bina-marga", Lists: true),
            new("/data-terbuka"),
            new("/data-terbuka/laporan.csv", Lists: true),
            new($"/data-terbuka/laporan.csv?{period}", Lists: true),
            new($"/data-terbuka/laporan.geojson?{period}", Lists: true),
            new("/api/public/map?zoom=9", Lists: true),
            new("/api/public/map?zoom=11", Lists: true),
            new("/api/public/map?zoom=13", Lists: true),
            new("/api/public/map?zoom=16&bbox=106.822,-6.180,106.832,-6.170", Lists: true),
            new("/api/public/reports", Lists: true),
            new("/api/public/reports?area=31.71.01.1001&status=Dispatched", Lists: true),
            new("/api/public/boundaries/kota"),
            new("/api/public/boundaries/kecamatan"),
            new("/api/public/boundaries/kelurahan"),
            new("/open311/v2/requests.json", Lists: true),
            new("/open311/v2/requests.xml", Lists: true),
            new("/open311/v2/servicerequestupdates.json"),
            new("/peringatan"),
            new("/peringatan?wilayah=31.71.01"),
            new($"/peringatan/konfirmasi/{subscriptionId}?t=salah", 404),
            new($"/peringatan/berhenti/{subscriptionId}?t=salah", 404),
            new("/lacak"),
        };
        foreach (var code in new[] { publicCode, anonymousCode, confidentialCode })
        {
            endpoints.Add(new($"/lacak/{code}"));
            endpoints.Add(new($"/api/reports/{code}"));
            endpoints.Add(new($"/api/reports/{code}/history/verify"));
            endpoints.Add(new($"/open311/v2/requests/{code}.json"));
            endpoints.Add(new($"/open311/v2/requests/{code}.xml"));
            endpoints.Add(new($"/peringatan?laporan={code}"));
        }
        return endpoints;
    }
}
