using Aduan.Packs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Triage.Classification;

/// <summary>
/// The pack's trained category model, loaded from <c>{DataFolder}/models/classifier-{pack}.zip</c>
/// on first use and again after <see cref="Reload"/>. With no model file (a new installation
/// before <c>aduan train</c>) or a broken one it suggests nothing: intake never fails for it.
/// </summary>
public sealed class CategoryClassifier(IOptions<AduanOptions> options, CurrentPack pack, ILogger<CategoryClassifier> log) : ICategoryClassifier
{
    private const string Kind = "classifier";
    private readonly ModelFile _file = new(Kind, options, pack, log);

    public static string ModelPath(string dataFolder, string pack) => ModelFile.PathOf(dataFolder, Kind, pack);

    /// <summary>Forget the loaded model; the next call reads the file again (after training).</summary>
    public void Reload() => _file.Reload();

    public async Task<IReadOnlyList<CategoryGuess>> ClassifyAsync(string text, int top, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || top <= 0)
            return [];
        if (await _file.GetAsync(ct) is not { } model)
            return [];
        return [.. model.Predict(text, top).Select(s => new CategoryGuess(s.Label, s.Score))];
    }
}
