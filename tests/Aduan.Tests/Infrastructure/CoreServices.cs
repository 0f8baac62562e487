using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Infrastructure;

/// <summary>The core without the web host, on a fresh SQLite file: for pack and job tests.</summary>
internal sealed class CoreServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public CoreServices(string? packsFolder = null)
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "aduan-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aduan:DataFolder"] = DataFolder,
            ["Aduan:PacksFolder"] = packsFolder ?? Repo.Packs,
        }).Build();
        _provider = new ServiceCollection().AddLogging().AddAduan(configuration).BuildServiceProvider();
    }

    public string DataFolder { get; }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public void Dispose()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataFolder))
            Directory.Delete(DataFolder, recursive: true);
    }
}
