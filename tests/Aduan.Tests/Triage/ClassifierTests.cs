using System.IO.Compression;
using System.Text.Json;
using Aduan.Packs;
using Aduan.Triage.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aduan.Tests.Triage;

/// <summary>Trains once on the dki-jakarta pack's invented examples (a few seconds) for the whole class.</summary>
public sealed class TrainedJakartaModel
{
    public TrainedJakartaModel()
    {
        var file = Path.Combine(new AduanOptions().ResolvePacksFolder(), "dki-jakarta", "examples.csv");
        Examples = TrainClassifier.ReadExamples(file);
        Model = TextClassifierModel.Train(Examples);
    }

    public List<LabelledText> Examples { get; }

    public TextClassifierModel Model { get; }
}

public sealed class ClassifierTests(TrainedJakartaModel trained) : IClassFixture<TrainedJakartaModel>, IDisposable
{
    private const string Drain = "got depan rumah mampet, air meluber ke jalan tiap hujan";

    /// <summary>Production's options before the converged SVMs: Pegasos SVMs and a neighbour vote (files written then must still load).</summary>
    private static readonly TextClassifierOptions PegasosWithNeighbours = new() { SvmWeight = 0.3, NameWeight = 6, NeighbourWeight = 0.25, Neighbours = 40 };

    /// <summary>A folder of this test's own (xUnit makes one instance per test), deleted after it.</summary>
    private readonly string _folder = Directory.CreateTempSubdirectory("aduan-classifier-").FullName;

    // Written for this test, not in examples.csv.
    [Theory]
    [InlineData("Ada lubang gede di tengah jalan raya, motor saya hampir jatuh", "jalan-rusak")]
    [InlineData("sampah dibuang sembarangan di pinggir kali sudah bau banget", "sampah-liar")]
    [InlineData("lampu PJU di gang kami mati semua jadi gelap", "lampu-jalan-mati")]
    [InlineData("mobil2 parkir di bahu jalan depan ruko bikin sempit", "parkir-liar")]
    [InlineData("air pam gk ngalir dari kemarin pagi", "air-bersih")]
    [InlineData("rumah terendam banjir setinggi paha sejak semalam", "banjir-genangan")]
    public void An_unseen_complaint_has_its_category_in_the_top_three(string text, string category)
    {
        var guesses = trained.Model.Predict(text, 3);

        Assert.Contains(category, guesses.Select(g => g.Label));
    }

    [Fact]
    public void Confidences_are_sorted_and_sum_to_at_most_one()
    {
        var guesses = trained.Model.Predict("pohon besar tumbang menutup jalan", 5);

        Assert.Equal(5, guesses.Count);
        Assert.Equal(guesses.OrderByDescending(g => g.Score).Select(g => g.Score), guesses.Select(g => g.Score));
        Assert.All(guesses, g => Assert.InRange(g.Score, 0, 1));
        Assert.True(guesses.Sum(g => g.Score) <= 1 + 1e-6);
        Assert.Equal(40, trained.Model.Labels.Count);
    }

    [Fact]
    public void Every_category_of_the_pack_has_at_least_eight_examples()
    {
        var categories = File.ReadLines(Path.Combine(new AduanOptions().ResolvePacksFolder(), "dki-jakarta", "categories.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();

        Assert.Equal(40, categories.Count);
        Assert.All(categories, c => Assert.True(trained.Examples.Count(e => e.Label == c) >= 8, c));
        Assert.All(trained.Examples, e => Assert.Contains(e.Label, categories));
    }

    [Fact]
    public async Task The_classifier_suggests_nothing_until_a_model_is_trained_then_loads_it()
    {
        var classifier = Classifier(_folder);
        Assert.Empty(await classifier.ClassifyAsync("jalan berlubang di depan sekolah", 3, CancellationToken.None));

        var path = CategoryClassifier.ModelPath(_folder, "dki-jakarta");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        trained.Model.Save(path);
        classifier.Reload();
        var guesses = await classifier.ClassifyAsync("jalan berlubang di depan sekolah", 3, CancellationToken.None);

        Assert.Equal(3, guesses.Count);
        Assert.Equal("jalan-rusak", guesses[0].CategoryCode);
    }

    [Fact]
    public async Task A_broken_model_file_means_no_suggestions_not_an_error()
    {
        var path = CategoryClassifier.ModelPath(_folder, "dki-jakarta");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a model");

        Assert.Empty(await Classifier(_folder).ClassifyAsync("jalan berlubang di depan sekolah", 3, CancellationToken.None));
    }

    [Fact]
    public void The_held_out_split_keeps_a_tenth_apart()
    {
        var (training, heldOut) = TrainClassifier.Split(trained.Examples);

        Assert.Equal(trained.Examples.Count, training.Count + heldOut.Count);
        Assert.Equal(trained.Examples.Count / 10, heldOut.Count);
        Assert.Empty(heldOut.Intersect(training));
    }

    [Fact]
    public void A_saved_model_scores_the_same_after_loading()
    {
        var loaded = TextClassifierModel.Load(Saved());

        Assert.Equal(trained.Model.Predict(Drain, 5), loaded.Predict(Drain, 5));
    }

    [Fact]
    public void A_model_of_converged_svms_alone_scores_the_same_after_loading()
    {
        var options = TextClassifierOptions.Default with { SvmWeight = 1 };
        var path = Saved(options);

        Assert.Equal(TextClassifierModel.Train(trained.Examples, options).Predict(Drain, 5), TextClassifierModel.Load(path).Predict(Drain, 5));
    }

    [Fact]
    public void A_model_file_from_before_the_neighbour_vote_still_loads_and_scores_with_the_linear_model_alone()
    {
        var bare = Path.Combine(_folder, "bare.zip");
        using (var zip = ZipFile.OpenRead(Saved()))
            zip.GetEntry("linear.zip")!.ExtractToFile(bare);

        AssertScoresLike(bare, TextClassifierOptions.Default with { NeighbourWeight = 0, SvmWeight = 0 });
    }

    [Fact]
    public void A_model_file_from_before_the_svms_still_loads_and_scores_with_maximum_entropy_and_neighbours()
    {
        var older = Path.Combine(_folder, "older.zip");
        using (var zip = ZipFile.OpenRead(Saved(PegasosWithNeighbours)))
        using (var copy = ZipFile.Open(older, ZipArchiveMode.Create))
        {
            foreach (var name in new[] { "linear.zip", "neighbours.json" })
            {
                using var from = zip.GetEntry(name)!.Open();
                using var to = copy.CreateEntry(name).Open();
                from.CopyTo(to);
            }
        }

        AssertScoresLike(older, PegasosWithNeighbours with { SvmWeight = 0 });
    }

    /// <summary>Production's converged SVMs (dual-svm.bin) and the Pegasos SVMs of older files (svm.zip).</summary>
    [Theory]
    [InlineData(SvmSolver.DualCoordinateDescent, "dual-svm.bin")]
    [InlineData(SvmSolver.Pegasos, "svm.zip")]
    public void A_model_averages_maximum_entropy_and_svms_by_the_weights_it_saved(SvmSolver solver, string svmEntry)
    {
        const double w = 0.6;
        var path = Saved(TextClassifierOptions.Default with { SvmSolver = solver, SvmWeight = w });
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("parts.json")!.Open());
            var weights = JsonSerializer.Deserialize<Dictionary<string, double>>(reader.ReadToEnd())!;

            Assert.NotNull(zip.GetEntry("linear.zip"));
            Assert.NotNull(zip.GetEntry(svmEntry));
            Assert.Equal(1 - w, weights["linear.zip"], 6);
            Assert.Equal(w, weights[svmEntry], 6);
            Assert.Equal(2, weights.Count);
        }

        const string text = "pohon besar tumbang menutup jalan";
        var averaged = TextClassifierModel.Load(path).Predict(text, 40);
        var entropyAlone = TextClassifierModel.Load(WithWeights(path, svmEntry, linear: 1, svm: 0)).Predict(text, 40);
        var svmsAlone = TextClassifierModel.Load(WithWeights(path, svmEntry, linear: 0, svm: 1)).Predict(text, 40);

        Assert.NotEqual(entropyAlone.Select(g => g.Score), svmsAlone.Select(g => g.Score));
        foreach (var guess in averaged)
        {
            var expected = ((1 - w) * entropyAlone.Single(g => g.Label == guess.Label).Score) + (w * svmsAlone.Single(g => g.Label == guess.Label).Score);
            Assert.Equal(expected, guess.Score, 4);
        }
    }

    [Fact]
    public void A_category_with_a_name_and_no_example_yet_can_be_suggested_when_a_complaint_uses_its_words()
    {
        const string text = "mau tanya jadwal kelas catin bulan depan di kelurahan kapan";
        var names = new Dictionary<string, string> { ["kelas-catin"] = "Kelas Catin", ["jalan-rusak"] = "Jalan Rusak" };
        var options = TextClassifierOptions.Default with { NameWeight = 3 };

        var withNames = TextClassifierModel.Train(trained.Examples, options, names);
        var namesUnused = TextClassifierModel.Train(trained.Examples, options with { NameWeight = 0 }, names);

        Assert.Contains("kelas-catin", withNames.Predict(text, 3).Select(g => g.Label));
        Assert.Equal(41, withNames.Labels.Count);
        Assert.DoesNotContain("kelas-catin", namesUnused.Labels);
    }

    [Fact]
    public void Names_train_the_linear_models_but_never_vote_as_neighbours()
    {
        var names = new Dictionary<string, string> { ["kelas-catin"] = "Kelas Catin" };
        var path = Path.Combine(_folder, "names.zip");
        TextClassifierModel.Train(trained.Examples, PegasosWithNeighbours with { NameWeight = 3 }, names).Save(path);

        var saved = SavedNeighbours(path);

        Assert.Equal(trained.Examples.Count, saved.Examples.Count);
        Assert.DoesNotContain(saved.Examples, e => e.Label == "kelas-catin");
        Assert.Equal(SavedNeighbours(Saved(PegasosWithNeighbours with { NameWeight = 0 })).K, saved.K); // as many vote as without names
    }

    [Fact]
    public void A_model_file_whose_svm_weights_are_cut_short_is_refused_as_unreadable()
    {
        var path = Saved();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("dual-svm.bin")!;
            byte[] head;
            using (var stream = entry.Open())
            {
                head = new byte[200];
                stream.ReadExactly(head);
            }
            entry.Delete();
            using var cut = zip.CreateEntry("dual-svm.bin").Open();
            cut.Write(head);
        }

        var error = Assert.Throws<InvalidDataException>(() => TextClassifierModel.Load(path));
        Assert.Contains("dual-svm.bin", error.Message);
    }

    [Fact]
    public void A_negative_name_weight_or_svm_cost_or_scale_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextClassifierModel.Train(trained.Examples, TextClassifierOptions.Default with { NameWeight = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextClassifierModel.Train(trained.Examples, TextClassifierOptions.Default with { SvmScale = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextClassifierModel.Train(trained.Examples, TextClassifierOptions.Default with { SvmCost = -1 }));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The neighbours a saved model file keeps (its neighbours.json).</summary>
    private static TextClassifierModel.SavedNeighbours SavedNeighbours(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("neighbours.json")!.Open());
        return JsonSerializer.Deserialize<TextClassifierModel.SavedNeighbours>(reader.ReadToEnd())!;
    }

    /// <summary>The fixture's model (or one trained with <paramref name="options"/>) saved in this test's folder.</summary>
    private string Saved(TextClassifierOptions? options = null)
    {
        var path = Path.Combine(_folder, $"model-{Guid.NewGuid():N}.zip");
        (options is null ? trained.Model : TextClassifierModel.Train(trained.Examples, options)).Save(path);
        return path;
    }

    /// <summary>A model file (an older format) scores a drain complaint as a model trained now with <paramref name="options"/> does.</summary>
    private void AssertScoresLike(string file, TextClassifierOptions options)
    {
        var expected = TextClassifierModel.Train(trained.Examples, options).Predict(Drain, 5);
        var actual = TextClassifierModel.Load(file).Predict(Drain, 5);

        Assert.Equal(expected.Select(g => g.Label), actual.Select(g => g.Label));
        Assert.Equal(expected.Select(g => g.Score), actual.Select(g => g.Score), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    /// <summary>A copy of a saved model whose parts.json gives other weights.</summary>
    private string WithWeights(string path, string svmEntry, double linear, double svm)
    {
        var copy = Path.Combine(_folder, $"weights-{linear}-{svm}.zip");
        File.Copy(path, copy);
        using var zip = ZipFile.Open(copy, ZipArchiveMode.Update);
        zip.GetEntry("parts.json")!.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("parts.json").Open());
        writer.Write(JsonSerializer.Serialize(new Dictionary<string, double> { ["linear.zip"] = linear, [svmEntry] = svm }));
        return copy;
    }

    [Fact]
    public void Neighbours_vote_for_the_label_of_the_most_similar_texts()
    {
        var vote = new NeighbourVote(
        [
            new("lampu jalan di gang mati sejak kemarin", "lampu"),
            new("lampu penerangan jalan padam gelap sekali", "lampu"),
            new("sampah menumpuk di pinggir sungai", "sampah"),
        ]);

        var nearest = vote.Nearest("lampu jalan di gang mati sejak kemarin", 3);
        var scores = vote.Vote("lampu jalan mati", 2, power: 1);

        Assert.Equal("lampu", nearest[0].Label);
        Assert.Equal(1, nearest[0].Similarity, 3);
        Assert.Equal(1, scores["lampu"], 6);
        Assert.Empty(vote.Vote("xyz", 2, power: 1));
    }

    /// <summary>A classifier with no database behind it: the pack name falls back to the settings.</summary>
    private static CategoryClassifier Classifier(string dataFolder)
    {
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        var options = Options.Create(new AduanOptions { DataFolder = dataFolder, Pack = "dki-jakarta" });
        return new CategoryClassifier(options, new CurrentPack(scopes), NullLogger<CategoryClassifier>.Instance);
    }
}
