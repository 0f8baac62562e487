using Aduan.Categories;
using Aduan.Reports;

namespace Aduan.Demo;

/// <summary>Invented Indonesian phrases for demo reports; none come from real complaints.</summary>
internal static class DemoText
{
    /// <summary>Demo reports ask invented citizens for answers through a link nobody holds: no secret hashes to this.</summary>
    public const string UnusableTokenHash = "demo-no-link";

    public static readonly Channel[] Channels =
        [Channel.Web, Channel.Web, Channel.App, Channel.App, Channel.WhatsApp, Channel.Twitter, Channel.Instagram, Channel.Email, Channel.Lapor, Channel.WalkIn, Channel.CallCentre];

    private static readonly string[] Openings = ["Mohon bantuannya,", "Selamat pagi, saya mau melapor.", "Lapor,", "Permisi,", "Assalamualaikum, izin melaporkan", "Tolong ditindaklanjuti:"];
    private static readonly string[] Details =
    [
        "sudah berlangsung lebih dari seminggu", "setiap sore makin parah", "warga sekitar sudah resah", "sudah pernah dilaporkan ke RT tapi belum ada tindakan",
        "mengganggu pengguna jalan", "terutama di dekat sekolah", "anak-anak sering lewat situ", "kondisinya membahayakan pejalan kaki",
    ];
    private static readonly string[] Closings = ["Terima kasih.", "Mohon segera dicek.", "Terima kasih atas perhatiannya.", "Semoga cepat ditangani.", ""];
    private static readonly string[] Streets = ["Jl. Raya", "Jl. Masjid", "Jl. Mawar", "Gg. Kenanga", "Jl. Melati", "Jl. Kebon", "Jl. Pasar", "Jl. Pemuda", "Jl. Merdeka", "Jl. Swadaya"];
    private static readonly string[] FirstNames = ["Budi", "Siti", "Agus", "Dewi", "Rina", "Andi", "Wahyu", "Nur", "Eko", "Lestari", "Fajar", "Yuni"];
    private static readonly string[] LastNames = ["Santoso", "Rahmawati", "Hidayat", "Pratama", "Wibowo", "Sari", "Nugroho", "Putri", "Saputra", "Kurniawan"];
    private static readonly string[] ProgressNotes =
        ["Petugas sudah meninjau lokasi.", "Sudah dikoordinasikan dengan RT/RW setempat.", "Tim dijadwalkan turun ke lokasi besok pagi.", "Laporan sedang ditangani oleh petugas lapangan."];
    private static readonly string[] Resolutions =
        ["Sudah ditangani petugas, kondisi lokasi kembali normal.", "Pekerjaan perbaikan telah selesai dilaksanakan.", "Telah dilakukan penertiban di lokasi.", "Sudah dibersihkan oleh petugas."];
    private static readonly string[] RejectReasons =
        ["Laporan tidak dilengkapi lokasi yang jelas.", "Bukan kewenangan pemerintah daerah.", "Isi laporan tidak dapat diverifikasi."];

    public static string Describe(Category category, string village, Random random) =>
        $"{Pick(Openings, random)} ada {category.Name.ToLowerInvariant()} di {Street(random)}, Kelurahan {village}, {Pick(Details, random)}. {Pick(Closings, random)}".Trim();

    public static string Street(Random random) => $"{Pick(Streets, random)} {random.Next(1, 12)} No. {random.Next(1, 120)}";

    public static string Name(Random random) => $"{Pick(FirstNames, random)} {Pick(LastNames, random)}";

    public static string Progress(Random random) => Pick(ProgressNotes, random);

    public static string Resolution(Random random) => Pick(Resolutions, random);

    public static string RejectReason(Random random) => Pick(RejectReasons, random);

    private static string Pick(string[] options, Random random) => options[random.Next(options.Length)];
}
