using System.Globalization;
using System.Text.Json;

namespace Aduan.Bench;

/// <summary>The JSON body of one <c>POST /api/reports</c>, as a citizen's app would send it.</summary>
internal sealed record ReportBody(string Category, string Description, double Latitude, double Longitude, string Address, string Name, string Phone);

/// <summary>A known point inside a Jakarta kelurahan, with the street and kelurahan used in the address.</summary>
internal sealed record Landmark(string Place, double Latitude, double Longitude, string Street, string Kelurahan);

/// <summary>
/// Makes varied, valid reports: a category from the list, an Indonesian description built from
/// a few sentence parts, coordinates a few dozen metres around a known point inside a kelurahan,
/// a plausible name and a mobile number. Every body passes the server's validation.
/// </summary>
internal sealed class ReportBodies(IReadOnlyList<string> categories)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Points well inside a kelurahan polygon; the jitter below stays within ~50 m of them.
    public static readonly Landmark[] Landmarks =
    [
        new("Monas", -6.1754, 106.8272, "Jl. Medan Merdeka Barat", "Gambir"),
        new("Bundaran HI", -6.1950, 106.8230, "Jl. M.H. Thamrin", "Menteng"),
        new("Blok M", -6.2441, 106.7992, "Jl. Melawai Raya", "Melawai"),
        new("Kota Tua", -6.1352, 106.8133, "Jl. Pintu Besar Utara", "Pinangsia"),
        new("Kelapa Gading", -6.1589, 106.9056, "Jl. Boulevard Raya", "Kelapa Gading Barat"),
        new("Cawang", -6.2425, 106.8736, "Jl. Dewi Sartika", "Cawang"),
        new("Kebon Jeruk", -6.1930, 106.7690, "Jl. Panjang", "Kebon Jeruk"),
        new("Tanjung Priok", -6.1090, 106.8810, "Jl. Enggano", "Tanjung Priok"),
    ];

    private static readonly Dictionary<string, string[]> Problems = new()
    {
        ["jalan-rusak"] =
        [
            "Jalan berlubang cukup dalam di dekat {0}",
            "Aspal jalan mengelupas dan bergelombang di sekitar {0}",
            "Ada lubang besar di tengah jalan dekat {0}",
        ],
        ["sampah-liar"] =
        [
            "Tumpukan sampah liar di pinggir jalan dekat {0}",
            "Warga membuang sampah sembarangan di lahan kosong sekitar {0}",
            "Sampah menumpuk di trotoar dekat {0} dan mulai berbau",
        ],
        ["parkir-liar"] =
        [
            "Banyak mobil parkir liar di bahu jalan dekat {0}",
            "Juru parkir liar memungut biaya di depan toko sekitar {0}",
            "Motor parkir di trotoar dekat {0} sehingga pejalan kaki turun ke jalan",
        ],
        ["banjir-genangan"] =
        [
            "Genangan air setinggi lutut di jalan dekat {0}",
            "Setiap hujan deras jalan di sekitar {0} tergenang",
            "Air tidak surut sejak semalam di permukiman dekat {0}",
        ],
        ["lampu-jalan-mati"] =
        [
            "Lampu penerangan jalan mati di sekitar {0}",
            "Beberapa tiang PJU di dekat {0} tidak menyala",
            "Jalan dekat {0} gelap total karena lampu jalan padam",
        ],
    };

    private static readonly string[] GenericProblems =
    [
        "Ada masalah yang perlu ditangani di sekitar {0}",
        "Mohon petugas memeriksa kondisi di dekat {0}",
    ];

    private static readonly string[] Durations = ["sejak kemarin", "sudah tiga hari", "sudah seminggu", "sejak awal bulan", "sudah dua minggu"];

    private static readonly string[] Effects =
    [
        "dan membahayakan pengendara motor",
        "sehingga lalu lintas tersendat",
        "dan warga sudah beberapa kali mengeluh",
        "dan anak-anak sekolah harus memutar",
        "sehingga pejalan kaki kesulitan lewat",
    ];

    private static readonly string[] Requests =
    [
        "Mohon segera ditindaklanjuti.",
        "Terima kasih atas perhatiannya.",
        "Mohon bantuan petugas untuk mengecek.",
        "Kami berharap segera diperbaiki.",
        "",
    ];

    private static readonly string[] FirstNames = ["Budi", "Siti", "Agus", "Dewi", "Rudi", "Rina", "Ahmad", "Nur", "Hendra", "Wati", "Yusuf", "Lestari"];
    private static readonly string[] LastNames = ["Santoso", "Rahmawati", "Hidayat", "Pratama", "Susanti", "Setiawan", "Wijaya", "Handayani", "Saputra", "Kurniawan"];

    public ReportBody Next(Random random)
    {
        var category = categories[random.Next(categories.Count)];
        var landmark = Landmarks[random.Next(Landmarks.Length)];
        var problems = Problems.GetValueOrDefault(category, GenericProblems);
        var description = string.Format(CultureInfo.InvariantCulture, problems[random.Next(problems.Length)], landmark.Place) + " "
            + Durations[random.Next(Durations.Length)] + " " + Effects[random.Next(Effects.Length)] + ". "
            + Requests[random.Next(Requests.Length)];
        var address = string.Create(CultureInfo.InvariantCulture,
            $"{landmark.Street} No. {random.Next(1, 200)}, RT {random.Next(1, 16):00}/RW {random.Next(1, 12):00}, {landmark.Kelurahan}");
        return new ReportBody(
            category,
            description.Trim(),
            Math.Round(landmark.Latitude + Jitter(random), 6),
            Math.Round(landmark.Longitude + Jitter(random), 6),
            address,
            FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)],
            "08" + random.Next(11, 99).ToString(CultureInfo.InvariantCulture) + random.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture));
    }

    public static byte[] Serialize(ReportBody body) => JsonSerializer.SerializeToUtf8Bytes(body, Json);

    // About ±50 m.
    private static double Jitter(Random random) => (random.NextDouble() - 0.5) * 0.0009;
}
