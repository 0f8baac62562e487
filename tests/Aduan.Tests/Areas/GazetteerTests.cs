using Aduan.Areas;
using Aduan.Data;
using Aduan.Packs;
using Aduan.Tests.Infrastructure;
using Aduan.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Areas;

public sealed class GazetteerTests
{
    private const string Cikini = "31.71.06.1003";
    private const string KebonSirih = "31.71.06.1005";
    private const string Gambir = "31.71.01.1001";

    private static readonly Lazy<PackContents> Jakarta = new(() => PackReader.Read(Repo.Packs, "dki-jakarta"));
    private static readonly Lazy<PackContents> Surabaya = new(() => PackReader.Read(Repo.Packs, "surabaya"));

    private static IReadOnlyList<AreaGuess> Find(string text, StreetTable? learned = null, PackContents? pack = null)
    {
        pack ??= Jakarta.Value;
        return GazetteerIndex.Build(pack.Areas, pack.Streets).Find(text, 5, learned);
    }

    [Theory]
    [InlineData("sampah menumpuk di kel. kebon sirih")]
    [InlineData("Kelurahan Kebonsirih, trotoar rusak")]
    [InlineData("trotoar rusak di kebon sireh")]
    public void Kelurahan_is_found_with_prefix_written_together_or_misspelt(string text)
    {
        var guesses = Find(text);

        Assert.Equal(KebonSirih, guesses[0].AreaCode);
        Assert.InRange(guesses[0].Score, 0.3, 1);
    }

    [Fact]
    public void Prefixed_name_scores_higher_than_misspelt_one()
    {
        Assert.True(Find("kel kebon sirih")[0].Score > Find("kebon sireh")[0].Score);
    }

    [Fact]
    public void Done_when_sentence_finds_cikini()
    {
        var guesses = Find("lampu jalan mati udah 3 hari di jl cikini raya kel cikini menteng jakpus");

        Assert.Equal(Cikini, guesses[0].AreaCode);
        Assert.True(guesses[0].Score > 0.9);
        Assert.True(guesses.Skip(1).All(g => g.Score < guesses[0].Score));
    }

    [Fact]
    public void Kota_abbreviation_alone_gives_the_kota_with_a_low_score()
    {
        var guesses = Find("banjir lagi di jaksel");

        Assert.Equal("31.74", Assert.Single(guesses).AreaCode);
        Assert.True(guesses[0].Score < Find("kel kebon sirih")[0].Score);
    }

    [Fact]
    public void Kecamatan_prefix_picks_the_kecamatan_not_the_kelurahan_of_the_same_name()
    {
        Assert.Equal("31.71.01", Find("parkir liar di kec. gambir")[0].AreaCode);
        Assert.Equal("31.71.01.1001", Find("parkir liar di kel. gambir")[0].AreaCode);
    }

    [Theory]
    [InlineData("genangan air di wonorejo kecamatan rungkut", "35.78.03.1005")]
    [InlineData("genangan air di wonorejo, tegalsari", "35.78.05.1005")]
    public void Kelurahan_name_shared_by_two_kecamatan_is_resolved_by_the_kecamatan_named(string text, string expected)
    {
        Assert.Equal(expected, Find(text, pack: Surabaya.Value)[0].AreaCode);
    }

    [Theory]
    [InlineData("lampu jalan mati sudah tiga hari, tolong diperbaiki")]
    [InlineData("foto gambar terlampir, mohon ditindaklanjuti")] // "gambar" is one letter from Gambir
    [InlineData("")]
    public void Text_naming_no_place_gives_nothing(string text)
    {
        Assert.Empty(Find(text));
    }

    [Fact]
    public void Landmark_from_the_pack_streets_gives_its_kelurahan()
    {
        Assert.Equal("31.71.06.1001", Find("macet total dekat Bundaran HI")[0].AreaCode);
        Assert.Equal("31.74.07.1001", Find("pkl di trotoar blok m")[0].AreaCode);
    }

    [Fact]
    public void Streets_learned_from_past_reports_give_their_most_common_kelurahan()
    {
        // An invented street: three reports located by coordinates in Cikini, one in Kebon Sirih.
        var learned = StreetTable.Learn([
            ("Jl. Melati Ungu No. 4 RT 02/RW 05", Cikini),
            ("jalan melati ungu gg 3", Cikini),
            ("Jln Melati Ungu, depan warung", Cikini),
            ("Melati Ungu 12", KebonSirih),
        ]);

        Assert.Empty(Find("pohon tumbang di jl. melati ungu no. 9"));
        var guesses = Find("pohon tumbang di jl. melati ungu no. 9", learned);
        Assert.Equal(Cikini, guesses[0].AreaCode);
        Assert.True(guesses[0].Score > guesses[1].Score);
    }

    [Fact]
    public void Street_seen_in_several_kelurahan_of_one_kecamatan_names_that_kecamatan_first()
    {
        // An invented street: three reports in Gambir (kecamatan Gambir), two each in Cikini and
        // Kebon Sirih (both kecamatan Menteng). Menteng has more sightings than Gambir alone.
        var learned = StreetTable.Learn([
            .. Enumerable.Repeat(("Jl. Melati Ungu", Gambir), 3),
            .. Enumerable.Repeat(("Jl. Melati Ungu", Cikini), 2),
            .. Enumerable.Repeat(("Jl. Melati Ungu", KebonSirih), 2),
        ]);

        var guesses = Find("pohon tumbang di jl. melati ungu", learned);

        Assert.Equal(Cikini, guesses[0].AreaCode);
        Assert.Contains(guesses.Skip(1), g => g.AreaCode == Gambir);
        Assert.True(guesses.Zip(guesses.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void Learned_street_written_with_one_typo_still_gives_its_kelurahan()
    {
        var learned = StreetTable.Learn([("Jl. Cempakawangi No. 4", Cikini), ("jalan cempakawangi gg 3", Cikini)]);

        Assert.Empty(Find("pohon tumbang di jl. cempakwangi no. 9"));
        Assert.Equal(Cikini, Find("pohon tumbang di jl. cempakwangi no. 9", learned)[0].AreaCode);
        Assert.Empty(Find("pohon tumbang di jl. cempaka no. 9", learned));
    }

    [Fact]
    public void Learned_phrases_that_are_ordinary_words_elsewhere_are_dropped()
    {
        var learned = StreetTable.Learn(
            [("sampah melati ungu", Cikini), ("sampah melati ungu", Cikini)],
            ["sampah belum diangkut", "banyak sampah", "sampah di sungai", "sampah lagi", "sampah", "sampah terus"]);

        var guesses = Find("sampah menumpuk", learned);

        Assert.Empty(guesses);
        Assert.Equal(Cikini, Find("melati ungu", learned)[0].AreaCode);
    }

    [Fact]
    public void Streets_csv_problems_name_the_file_line_and_field()
    {
        var packs = Path.Combine(Path.GetTempPath(), "aduan-tests", Guid.NewGuid().ToString("N"));
        var folder = Path.Combine(packs, "dki-jakarta");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Packs, "dki-jakarta")))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            File.WriteAllText(Path.Combine(folder, "streets.csv"), "nama,kode_wilayah\nJl. Cikini Raya,31.71.06.1003\nJl. Entah,31.71.99.9999\n,31.71.06.1003\nDKI,31\n");

            var error = Assert.Throws<PackException>(() => PackReader.Read(packs, "dki-jakarta"));

            Assert.Equal(["streets.csv:3 [kode_wilayah]", "streets.csv:4 [nama]", "streets.csv:5 [kode_wilayah]"],
                error.Problems.Select(p => p.ToString().Split(':')[0] + ":" + p.ToString().Split(':')[1]));
        }
        finally
        {
            Directory.Delete(packs, recursive: true);
        }
    }

    [Fact]
    public async Task Gazetteer_is_the_area_finder_and_reads_the_seeded_pack_and_its_streets()
    {
        using var core = new CoreServices();
        await core.RunAsync(async s =>
        {
            await s.GetRequiredService<PrepareDatabase>().MigrateAsync(CancellationToken.None);
            return await s.GetRequiredService<SeedPack>().HandleAsync("dki-jakarta", CancellationToken.None);
        });

        var guesses = await core.RunAsync(s => s.GetRequiredService<IAreaFinder>().FindAsync("air mati di dekat stasiun cikini", 3, CancellationToken.None));

        Assert.Equal("31.71.06.1002", guesses[0].AreaCode); // Stasiun Cikini lies in Pegangsaan
        Assert.Equal(0, await core.RunAsync(s => s.GetRequiredService<Gazetteer>().LearnAsync(CancellationToken.None)));
    }
}
