using Microsoft.Extensions.DependencyInjection;

namespace Aduan;

/// <summary>A job that <c>aduan run-job &lt;name&gt;</c> can run once; it returns what it did.</summary>
public interface IAduanJob
{
    string Name { get; }

    Task<string> RunOnceAsync(CancellationToken ct);
}

public static class AduanJobs
{
    /// <summary>Registers a job for the CLI under <paramref name="name"/>: one line per job.</summary>
    public static IServiceCollection AddAduanJob(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task<string>> run) =>
        services.AddSingleton<IAduanJob>(sp => new AduanJob(name, sp, run));

    private sealed class AduanJob(string name, IServiceProvider services, Func<IServiceProvider, CancellationToken, Task<string>> run) : IAduanJob
    {
        public string Name => name;

        public Task<string> RunOnceAsync(CancellationToken ct) => run(services, ct);
    }
}
