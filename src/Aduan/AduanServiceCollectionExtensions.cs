using Aduan.Areas;
using Aduan.Data;
using Aduan.Demo;
using Aduan.Packs;
using Aduan.Photos;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan;

public static class AduanServiceCollectionExtensions
{
    /// <summary>Everything the core needs: settings, database, handlers and jobs.</summary>
    public static IServiceCollection AddAduan(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AduanOptions>()
            .Bind(configuration.GetSection(AduanOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = configuration.GetSection(AduanOptions.Section).Get<AduanOptions>() ?? new AduanOptions();
        if (options.Database == DatabaseProvider.Postgres)
        {
            services.AddDbContext<AduanDbContext, PostgresAduanDbContext>(db => db.UseNpgsql(
                options.ConnectionString ?? throw new OptionsValidationException(AduanOptions.Section, typeof(AduanOptions), ["Aduan:ConnectionString is required for PostgreSQL."])));
        }
        else
        {
            Directory.CreateDirectory(options.DataFolder);
            services.AddDbContext<AduanDbContext, SqliteAduanDbContext>(db => db.UseSqlite(options.SqliteConnectionString));
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PhotoStore>();
        services.AddSingleton<AreaLocator>();
        services.AddSingleton<CurrentPack>();
        services.AddScoped<SubmitReport>();
        services.AddScoped<SeedPack>();
        services.AddScoped<GenerateDemoReports>();
        services.AddScoped<PrepareDatabase>();
        return services;
    }
}
