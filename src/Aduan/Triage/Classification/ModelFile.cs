using Aduan.Packs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Triage.Classification;

/// <summary>
/// One of the pack's trained model files, <c>{DataFolder}/models/{kind}-{pack}.zip</c>, read on
/// first use and again after <see cref="Reload"/>. With no file (a new installation before
/// <c>aduan train</c>) or a broken one the model is null: intake never fails for it.
/// </summary>
internal sealed class ModelFile(string kind, IOptions<AduanOptions> options, CurrentPack pack, ILogger log)
{
    private readonly Lock _loading = new();
    private volatile Loaded? _loaded;

    public static string PathOf(string dataFolder, string kind, string pack) => Path.Combine(dataFolder, "models", $"{kind}-{pack}.zip");

    /// <summary>Forget the loaded model; the next call reads the file again (after training).</summary>
    public void Reload() => _loaded = null;

    public async Task<TextClassifierModel?> GetAsync(CancellationToken ct)
    {
        if (_loaded is { } current)
            return current.Model;
        var path = PathOf(options.Value.DataFolder, kind, await PackNameAsync(ct));
        lock (_loading)
        {
            if (_loaded is { } loaded)
                return loaded.Model;
            TextClassifierModel? model = null;
            try
            {
                if (File.Exists(path))
                    model = TextClassifierModel.Load(path);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException or InvalidDataException)
            {
                log.LogError(ex, "Model {Path} could not be loaded; no suggestions from it until it is retrained", path);
            }
            _loaded = new Loaded(model);
            return model;
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
