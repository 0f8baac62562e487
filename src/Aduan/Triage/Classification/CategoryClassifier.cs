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
    private readonly Lock _loading = new();
    private volatile Loaded? _loaded;

    public static string ModelPath(string dataFolder, string pack) => Path.Combine(dataFolder, "models", $"classifier-{pack}.zip");

    /// <summary>Forget the loaded model; the next call reads the file again (after training).</summary>
    public void Reload() => _loaded = null;

    public async Task<IReadOnlyList<CategoryGuess>> ClassifyAsync(string text, int top, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || top <= 0)
            return [];
        var model = _loaded ?? Load(await PackNameAsync(ct));
        if (model.Model is null)
            return [];
        return [.. model.Model.Predict(text, top).Select(s => new CategoryGuess(s.Label, s.Score))];
    }

    private Loaded Load(string packName)
    {
        lock (_loading)
        {
            if (_loaded is { } current)
                return current;
            var path = ModelPath(options.Value.DataFolder, packName);
            TextClassifierModel? model = null;
            try
            {
                if (File.Exists(path))
                    model = TextClassifierModel.Load(path);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException or InvalidDataException)
            {
                log.LogError(ex, "Classifier model {Path} could not be loaded; no category suggestions until it is retrained", path);
            }
            return _loaded = new Loaded(model);
        }
    }

    private async Task<string> PackNameAsync(CancellationToken ct)
    {
        try
        {
            return (await pack.GetAsync(ct)).Info.Name;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            return options.Value.Pack; // no pack loaded (or no database) yet
        }
    }

    private sealed record Loaded(TextClassifierModel? Model);
}
