using Aduan.Areas;
using Aduan.Data;
using Aduan.Deadlines;
using Aduan.Packs;
using Aduan.Reports;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Packs;

public sealed class PackTests : IDisposable
{
    private readonly string _packs = Path.Combine(Path.GetTempPath(), "aduan-packs", Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_jakarta_pack_has_every_kota_kecamatan_and_kelurahan_with_boundaries()
    {
        var pack = PackReader.Read(Repo.Packs, "dki-jakarta");

        Assert.Equal(6, pack.Areas.Count(a => a.Level == AreaLevel.Regency));
        Assert.Equal(44, pack.Areas.Count(a => a.Level == AreaLevel.District));
        Assert.Equal(267, pack.Areas.Count(a => a.Level == AreaLevel.Village));
        Assert.All(pack.Areas.Where(a => a.Level == AreaLevel.Village), a => Assert.NotNull(a.BoundaryGeoJson));
        Assert.True(pack.Categories.Count >= 20);
        Assert.Contains(pack.Agencies, a => a.Name == "Dinas Bina Marga");
        Assert.Contains(pack.Agencies, a => a.Kind == Agencies.AgencyKind.SukuDinas && a.AreaCode == "31.74");
        Assert.Contains(pack.Holidays, h => h.Date == new DateOnly(2026, 8, 17));
        Assert.Contains(pack.Holidays, h => h.Kind == Deadlines.HolidayKind.CutiBersama);
        Assert.Equal("Asia/Jakarta", pack.Info.TimeZone);
    }

    [Fact]
    public void The_surabaya_pack_has_its_31_kecamatan_153_kelurahan_and_the_citys_agencies()
    {
        var pack = PackReader.Read(Repo.Packs, "surabaya");

        Assert.Equal(31, pack.Areas.Count(a => a.Level == AreaLevel.District));
        Assert.Equal(153, pack.Areas.Count(a => a.Level == AreaLevel.Village));
        Assert.Contains(pack.Agencies, a => a.Name == "Dinas Lingkungan Hidup");
        Assert.Contains(pack.Categories, c => c.Name == "PJU");
    }

    [Theory]
    [InlineData("areas.csv", "31.71,Kota Administrasi Jakarta Pusat,kota,31", "31.71,Kota Administrasi Jakarta Pusat,kotamadya,31", "tingkat")]
    [InlineData("areas.csv", "31.71,Kota Administrasi Jakarta Pusat,kota,31", "31.71,Kota Administrasi Jakarta Pusat,kota,99", "induk")]
    [InlineData("categories.csv", "parkir-liar,Parkir liar,Illegal parking,Ketertiban,suku_dinas,6,168,kalender", "parkir-liar,Parkir liar,Illegal parking,Ketertiban,suku_dinas,enam,168,kalender", "batas_respon_jam")]
    [InlineData("routing.csv", "parkir-liar,31.71,", "parkir-liar,31.71,dinas-yang-tidak-ada", "instansi")]
    [InlineData("categories.csv", "parkir-liar,Parkir liar,Illegal parking,Ketertiban,suku_dinas,6,168,kalender", "parkir-liar,Parkir liar,Illegal parking,Ketertiban,suku_dinas,-6,168,kalender", "batas_respon_jam")]
    [InlineData("categories.csv", "parkir-liar,Parkir liar,Illegal parking,Ketertiban,suku_dinas,6,168,kalender", "parkir-liar,Parkir liar,Illegal parking,Ketertiban,suku_dinas,6,168,jam_kantor", "jenis_waktu")]
    [InlineData("agencies.csv", "bpbd,Badan Penanggulangan Bencana Daerah,badan,,31,24jam", "bpbd,Badan Penanggulangan Bencana Daerah,badan,,31,16:00-08:00", "jam_layanan")]
    [InlineData("escalation.csv", "kepala-respon,respon,100%,kepala,email,eskalasi-kepala", "kepala-respon,respon,-5%,kepala,email,eskalasi-kepala", "pada")]
    [InlineData("escalation.csv", "kepala-respon,respon,100%,kepala,email,eskalasi-kepala", "kepala-respon,respon,100%,bupati,email,eskalasi-kepala", "penerima")]
    [InlineData("escalation.csv", "kepala-respon,respon,100%,kepala,email,eskalasi-kepala", "kepala-respon,respon,100%,kepala,email,templat-yang-tidak-ada", "templat")]
    [InlineData("holidays.csv", "2026-12-25,Hari Raya Natal,libur_nasional", "2026-12-32,Hari Raya Natal,libur_nasional", "tanggal")]
    [InlineData("priorities.csv", "*,segera,3,72,kalender", "*,penting,3,72,kalender", "prioritas")]
    [InlineData("priorities.csv", "*,segera,3,72,kalender", "*,biasa,3,72,kalender", "prioritas")]
    [InlineData("priorities.csv", "*,segera,3,72,kalender", "*,segera,-3,72,kalender", "batas_respon_jam")]
    [InlineData("priorities.csv", "*,segera,3,72,kalender", "*,segera,96,72,kalender", "batas_respon_jam")]
    [InlineData("priorities.csv", "*,segera,3,72,kalender", "kategori-yang-tidak-ada,segera,3,72,kalender", "kategori")]
    [InlineData("priorities.csv", "kebakaran,darurat,1,6,kalender", "pohon-tumbang,darurat,1,6,kalender", "prioritas")]
    [InlineData("whatsapp.csv", "laporan-selesai,aduan_laporan_selesai,id,kode;tautan", "laporan-yang-tidak-ada,aduan_laporan_selesai,id,kode;tautan", "kunci")]
    [InlineData("whatsapp.csv", "laporan-selesai,aduan_laporan_selesai,id,kode;tautan", "laporan-selesai,Aduan Laporan Selesai,id,kode;tautan", "nama")]
    [InlineData("whatsapp.csv", "laporan-selesai,aduan_laporan_selesai,id,kode;tautan", "laporan-selesai,aduan_laporan_selesai,indonesia,kode;tautan", "bahasa")]
    [InlineData("whatsapp.csv", "laporan-selesai,aduan_laporan_selesai,id,kode;tautan", "laporan-selesai,aduan_laporan_selesai,id,kode;{tautan}", "parameter")]
    [InlineData("priorities.csv", "*,segera,3,72,kalender", "*,segera,3,72,jam_kantor", "jenis_waktu")]
    public void A_broken_row_is_reported_with_its_file_line_and_field(string file, string good, string bad, string field)
    {
        var folder = CopyPack("dki-jakarta");
        var path = Path.Combine(folder, file);
        var lines = File.ReadAllLines(path).ToList();
        var index = lines.FindIndex(l => l.StartsWith(good, StringComparison.Ordinal));
        Assert.True(index > 0, $"fixture line '{good}' not found in {file}");
        lines[index] = bad + (good.EndsWith(',') ? "" : lines[index][good.Length..]);
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<PackException>(() => PackReader.Read(_packs, "dki-jakarta"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal((file, index + 1, field), (problem.File, problem.Line, problem.Field));
        Assert.Contains($"{file}:{index + 1} [{field}]", error.Message);
    }

    [Theory]
    [InlineData("{\"deadline\": \"sisa\"}", "reopen.deadline")]
    [InlineData("{\"deadline\": \"fixed\"}", "reopen.resolutionHours")]
    [InlineData("{\"deadline\": \"fixed\", \"resolutionHours\": 0}", "reopen.resolutionHours")]
    [InlineData("{\"deadline\": \"full\", \"resolutionHours\": 72}", "reopen.resolutionHours")]
    [InlineData("\"full\"", "reopen")]
    public void An_impossible_reopen_policy_is_refused_naming_the_field(string reopen, string field)
    {
        var folder = CopyPack("dki-jakarta");
        var path = Path.Combine(folder, "pack.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json["reopen"] = System.Text.Json.Nodes.JsonNode.Parse(reopen);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<PackException>(() => PackReader.Read(_packs, "dki-jakarta"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("pack.json", field), (problem.File, problem.Field));
    }

    [Fact]
    public void Both_packs_read_their_priorities_and_reopen_policies()
    {
        var jakarta = PackReader.Read(Repo.Packs, "dki-jakarta");
        var surabaya = PackReader.Read(Repo.Packs, "surabaya");

        var fire = jakarta.Categories.Single(c => c.Code == "kebakaran");
        var road = jakarta.Categories.Single(c => c.Code == "jalan-rusak");
        Assert.Equal(new DeadlineTargets(1, 6, TimeBasis.Calendar), DeadlineTargets.For(fire, ReportPriority.Emergency, jakarta.Priorities));
        Assert.Equal(new DeadlineTargets(3, 72, TimeBasis.Calendar), DeadlineTargets.For(road, ReportPriority.Urgent, jakarta.Priorities));
        Assert.Equal(new DeadlineTargets(6, 168, TimeBasis.Calendar), DeadlineTargets.For(road, ReportPriority.Normal, jakarta.Priorities));
        Assert.Equal(ReopenDeadline.Full, jakarta.Info.ReopenDeadline);
        var pju = surabaya.Categories.Single(c => c.Code == "pju");
        Assert.Equal(new DeadlineTargets(8, 72, TimeBasis.OfficeHours), DeadlineTargets.For(pju, ReportPriority.Urgent, surabaya.Priorities));
        Assert.Equal(ReopenDeadline.Remaining, surabaya.Info.ReopenDeadline);
    }

    [Fact]
    public void A_missing_column_and_a_broken_pack_json_are_named()
    {
        var folder = CopyPack("dki-jakarta");
        var agencies = Path.Combine(folder, "agencies.csv");
        File.WriteAllLines(agencies, File.ReadAllLines(agencies).Select(l => string.Join(',', l.Split(',')[..4])));
        File.WriteAllText(Path.Combine(folder, "pack.json"), "{ \"name\": \"dki-jakarta\", ");

        var error = Assert.Throws<PackException>(() => PackReader.Read(_packs, "dki-jakarta"));

        Assert.Contains(error.Problems, p => p.File == "agencies.csv" && p.Line == 1 && p.Field == "wilayah");
        Assert.Contains(error.Problems, p => p.File == "pack.json");
    }

    [Fact]
    public async Task A_broken_pack_writes_nothing_and_a_second_seed_of_a_good_pack_changes_nothing()
    {
        var folder = CopyPack("dki-jakarta");
        using var core = new CoreServices(_packs);
        var first = await core.RunAsync(s => SeedAsync(s));
        var before = await core.RunAsync(CountsAsync);
        File.AppendAllText(Path.Combine(folder, "holidays.csv"), "2027-13-45,Hari yang tidak ada,libur_nasional\n");
        File.AppendAllText(Path.Combine(folder, "areas.csv"), "31.71.99.9999,Kelurahan Baru,kelurahan,31.71.99\n");

        var error = await Assert.ThrowsAsync<PackException>(() => core.RunAsync(s => SeedAsync(s)));
        Assert.Equal(2, error.Problems.Count);
        Assert.Equal(before, await core.RunAsync(CountsAsync));

        File.Copy(Path.Combine(Repo.Packs, "dki-jakarta", "holidays.csv"), Path.Combine(folder, "holidays.csv"), overwrite: true);
        File.Copy(Path.Combine(Repo.Packs, "dki-jakarta", "areas.csv"), Path.Combine(folder, "areas.csv"), overwrite: true);
        await core.RunAsync(s => SeedAsync(s));
        Assert.Equal(before, await core.RunAsync(CountsAsync));
        Assert.Equal(318, first.Areas);
    }

    [Fact]
    public async Task A_database_holding_one_pack_refuses_another()
    {
        using var core = new CoreServices();
        await core.RunAsync(s => SeedAsync(s, "dki-jakarta"));
        var before = await core.RunAsync(CountsAsync);

        var error = await Assert.ThrowsAsync<PackException>(() => core.RunAsync(s => SeedAsync(s, "surabaya")));

        Assert.Contains("one database serves one pack", error.Message);
        Assert.Equal(before, await core.RunAsync(CountsAsync));
    }

    [Theory]
    [InlineData("dki-jakarta", -6.1754, 106.8272, "31.71.01.1001")] // Monas -> Gambir
    [InlineData("dki-jakarta", -6.1950, 106.8230, "31.71.06")]      // Bundaran HI -> Menteng (kecamatan)
    [InlineData("surabaya", -7.2459, 112.7378, "35.78.13.1001")]    // Tugu Pahlawan -> Alun-alun Contong
    public async Task Landmarks_fall_in_the_right_area_after_seeding(string pack, double latitude, double longitude, string expected)
    {
        using var core = new CoreServices();
        await core.RunAsync(s => SeedAsync(s, pack));

        var area = await core.RunAsync(s => s.GetRequiredService<AreaLocator>().LocateAsync(latitude, longitude, CancellationToken.None));

        Assert.NotNull(area);
        Assert.StartsWith(expected, area.Code);
        Assert.Equal(AreaLevel.Village, area.Level);
    }

    public void Dispose()
    {
        if (Directory.Exists(_packs))
            Directory.Delete(_packs, recursive: true);
    }

    private static async Task<SeedPackResult> SeedAsync(IServiceProvider services, string pack = "dki-jakarta")
    {
        await services.GetRequiredService<PrepareDatabase>().MigrateAsync(CancellationToken.None);
        return await services.GetRequiredService<SeedPack>().HandleAsync(pack, CancellationToken.None);
    }

    private static async Task<(int, int, int, int, int)> CountsAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AduanDbContext>();
        return (await db.Areas.CountAsync(), await db.Agencies.CountAsync(), await db.Categories.CountAsync(c => c.IsActive),
            await db.Holidays.CountAsync(), await db.RoutingRules.CountAsync());
    }

    private string CopyPack(string name)
    {
        var source = Path.Combine(Repo.Packs, name);
        var target = Path.Combine(_packs, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
