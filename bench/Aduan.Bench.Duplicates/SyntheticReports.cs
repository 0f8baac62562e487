using Aduan.Categories;
using Aduan.Triage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Aduan.Bench.Duplicates;

/// <summary>One generated report row, as the bulk loader writes it.</summary>
internal sealed record ReportRow(Guid Id, string Code, string Status, string CategoryCode, string AreaCode, double Latitude, double Longitude, long Cell, string Description, DateTimeOffset ReceivedAt);

/// <summary>
/// Reports spread over the pack's kelurahan (a uniform point inside a random kelurahan polygon,
/// Kepulauan Seribu left out), with categories weighted towards the common ones and short texts
/// assembled from a problem phrase of the category, a landmark and a remark.
/// </summary>
internal sealed class SyntheticReports(IReadOnlyList<(string Code, IPreparedGeometry Shape, Envelope Box)> kelurahan, IReadOnlyList<Category> categories, int seed)
{
    private static readonly string[] OpenStatuses = ["Received", "Received", "Received", "Verified", "Dispatched", "InProgress"];

    private static readonly Dictionary<string, string[]> Problems = new(StringComparer.Ordinal)
    {
        ["jalan-rusak"] = ["jalan berlubang besar", "aspal jalan rusak parah", "lubang dalam di tengah jalan", "jalan amblas dan retak", "jalanan bergelombang dan berlubang"],
        ["trotoar-rusak"] = ["trotoar rusak dan berlubang", "paving trotoar lepas", "trotoar ambles"],
        ["lampu-jalan-mati"] = ["lampu jalan mati", "PJU padam sudah seminggu", "lampu penerangan jalan tidak menyala", "lampu jalan kedip-kedip lalu mati"],
        ["banjir-genangan"] = ["banjir setinggi lutut", "genangan air tidak surut", "air menggenang setelah hujan", "banjir masuk ke rumah warga"],
        ["saluran-tersumbat"] = ["got mampet", "saluran air tersumbat sampah", "selokan meluap"],
        ["sampah-liar"] = ["sampah menumpuk", "tumpukan sampah liar berbau", "orang buang sampah sembarangan", "sampah tidak diangkut"],
        ["parkir-liar"] = ["parkir liar di bahu jalan", "mobil parkir sembarangan menutup jalan", "juru parkir liar memungut tarif"],
        ["pohon-tumbang"] = ["pohon tumbang menutup jalan", "dahan besar patah jatuh ke jalan"],
        ["pkl-liar"] = ["PKL berjualan di trotoar", "pedagang kaki lima memakan badan jalan"],
        ["kebisingan"] = ["suara musik keras sampai malam", "bising mesin proyek malam hari"],
        ["kemacetan"] = ["macet parah setiap sore", "kemacetan panjang karena putar balik"],
        ["kabel-semrawut"] = ["kabel menjuntai rendah", "kabel udara semrawut hampir putus"],
    };

    private static readonly string[] Generic = ["ada masalah yang perlu ditangani", "kondisi sudah lama dibiarkan", "warga terganggu dengan keadaan ini", "perlu perbaikan"];

    private static readonly string[] Places =
    [
        "depan sekolah", "dekat masjid", "samping pasar", "depan halte bus", "di gang sempit", "dekat pos RW", "depan minimarket",
        "di perempatan", "dekat jembatan", "depan puskesmas", "di ujung gang", "dekat stasiun", "depan kantor kelurahan", "di RT 05",
        "dekat lapangan", "depan gereja", "di jalan utama", "dekat rel kereta", "depan apotek", "samping kali",
    ];

    private static readonly string[] Remarks =
    [
        "sudah tiga hari", "membahayakan pengendara motor", "mohon segera ditindaklanjuti", "warga resah", "sudah lapor RT belum ada tindakan",
        "terutama malam hari", "anak sekolah lewat sini", "tolong dicek", "sejak minggu lalu", "bikin macet", "bau sekali", "gelap gulita",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _weighted = Weighted(categories);

    public ReportRow Next(DateTimeOffset receivedAt, string code)
    {
        var (area, latitude, longitude) = RandomPoint();
        var category = _weighted[_random.Next(_weighted.Length)];
        return new ReportRow(Guid.CreateVersion7(receivedAt), code, Pick(OpenStatuses), category, area, latitude, longitude, GeoCell.For(latitude, longitude), Text(category), receivedAt);
    }

    /// <summary>A new report near <paramref name="near"/> (0-40 m), same category, told in other words: a likely duplicate.</summary>
    public ReportRow Near(ReportRow near, DateTimeOffset receivedAt, string code)
    {
        var meters = _random.NextDouble() * 40;
        var bearing = _random.NextDouble() * 2 * Math.PI;
        var latitude = near.Latitude + (meters * Math.Cos(bearing) / 111_195);
        var longitude = near.Longitude + (meters * Math.Sin(bearing) / (111_195 * Math.Cos(near.Latitude * Math.PI / 180)));
        return near with
        {
            Id = Guid.CreateVersion7(receivedAt),
            Code = code,
            Status = "Received",
            Latitude = latitude,
            Longitude = longitude,
            Cell = GeoCell.For(latitude, longitude),
            Description = Retold(near),
            ReceivedAt = receivedAt,
        };
    }

    private (string Area, double Latitude, double Longitude) RandomPoint()
    {
        var (code, shape, box) = kelurahan[_random.Next(kelurahan.Count)];
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var point = Boundaries.Factory.CreatePoint(new Coordinate(box.MinX + (_random.NextDouble() * box.Width), box.MinY + (_random.NextDouble() * box.Height)));
            if (shape.Contains(point))
                return (code, point.Y, point.X);
        }
        return (code, box.Centre.Y, box.Centre.X);
    }

    private string Text(string category)
    {
        var problem = Problems.TryGetValue(category, out var phrases) ? Pick(phrases) : Pick(Generic);
        var text = $"{problem} {Pick(Places)}, {Pick(Remarks)}";
        return _random.Next(3) == 0 ? $"{text}, {Pick(Remarks)}." : $"{text}.";
    }

    /// <summary>The same landmark, the problem in the same or other words of its category, another remark.</summary>
    private string Retold(ReportRow near)
    {
        var place = Places.FirstOrDefault(p => near.Description.Contains(p, StringComparison.Ordinal)) ?? Pick(Places);
        var problem = _random.Next(2) == 0
            ? near.Description[..near.Description.IndexOf(place, StringComparison.Ordinal)].Trim()
            : Problems.TryGetValue(near.CategoryCode, out var phrases) ? Pick(phrases) : Pick(Generic);
        return $"{problem} {place}, {Pick(Remarks)}.";
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    /// <summary>The street-level categories ten times as often as the rest, as in real complaint streams.</summary>
    private static string[] Weighted(IReadOnlyList<Category> categories) =>
        [.. categories.SelectMany(c => Enumerable.Repeat(c.Code, Problems.ContainsKey(c.Code) ? 10 : 1))];
}
