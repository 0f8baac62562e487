using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Data;
using Aduan.Demo;
using Aduan.Packs;
using Aduan.Photos;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Triage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

        // The provider is chosen when the context is first resolved, not at registration, so
        // settings applied late (tests, the CLI) are honoured. Contexts are pooled: intake makes
        // one per request, and resetting one is cheaper than building it.
        services.AddSingleton<SqliteConnectionSetup>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddDbContextPool<SqliteAduanDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<AduanOptions>>().Value;
            Directory.CreateDirectory(options.DataFolder);
            db.UseSqlite(options.SqliteConnectionString)
                .AddInterceptors(sp.GetRequiredService<SqliteConnectionSetup>(), sp.GetRequiredService<SqliteWriteGate>())
                .ConfigureWarnings(w => StrictQueries(sp, w));
        });
        services.AddDbContextPool<PostgresAduanDbContext>((sp, db) =>
            db.UseNpgsql(sp.GetRequiredService<IOptions<AduanOptions>>().Value.ConnectionString)
                .ConfigureWarnings(w => StrictQueries(sp, w)));
        services.AddScoped<AduanDbContext>(sp => sp.GetRequiredService<IOptions<AduanOptions>>().Value.Database == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresAduanDbContext>()
            : sp.GetRequiredService<SqliteAduanDbContext>());
        services.AddSingleton<IValidateOptions<AduanOptions>, AduanOptionsValidator>();
        services.AddOptions<Messaging.MessagingOptions>()
            .Bind(configuration.GetSection(Messaging.MessagingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Messaging.MessagingOptions>, Messaging.MessagingOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PhotoStore>();
        services.AddSingleton<AreaLocator>();
        services.AddSingleton<Gazetteer>().AddSingleton<IAreaFinder>(sp => sp.GetRequiredService<Gazetteer>());
        services.AddSingleton<CurrentPack>();
        services.AddSingleton<CategoryDirectory>();
        services.AddSingleton<AgencyTree>();
        // Everything built from the pack, emptied together when a pack is seeded.
        services.AddSingleton<IPackCache>(sp => sp.GetRequiredService<AreaLocator>());
        services.AddSingleton<IPackCache>(sp => sp.GetRequiredService<CurrentPack>());
        services.AddSingleton<IPackCache>(sp => sp.GetRequiredService<CategoryDirectory>());
        services.AddSingleton<IPackCache>(sp => sp.GetRequiredService<AgencyTree>());
        services.AddSingleton<ReportAccess>();
        services.AddSingleton<Surveys.SurveyAccess>();
        services.AddScoped<Surveys.RecordSurveyResponse>();
        services.AddScoped<Surveys.SkmReports>();
        services.AddScoped<ReporterIdentity>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<ApiKeys>();
        services.AddScoped<StaffUpdates>();
        services.AddScoped<HistoryVerification>();
        services.AddSingleton<TriageSignal>();
        services.AddScoped<TriageReport>();
        services.AddScoped<TriageActions>();
        services.AddScoped<Messaging.Notifications>();
        services.AddScoped<Dispatch.Dispatcher>();
        services.AddScoped<Dispatch.ReportSaver>();
        services.AddScoped<Deadlines.DeadlineClock>();
        services.AddSingleton<Deadlines.PackCalendar>();
        services.AddSingleton<IPackCache>(sp => sp.GetRequiredService<Deadlines.PackCalendar>());
        services.AddSingleton<Deadlines.EscalationJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Deadlines.EscalationJob>());
        services.AddScoped<Dispatch.AgencyWork>();
        services.AddScoped<Dispatch.CitizenResponses>();
        services.AddSingleton<Dispatch.FollowUpJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Dispatch.FollowUpJob>());
        services.AddSingleton<TriageWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TriageWorker>());
        services.AddSingleton<Messaging.IMessageSender, Messaging.SmtpEmail>();
        services.AddSingleton<Messaging.IMessageSender, Messaging.TwilioSms>();
        services.AddSingleton<Messaging.IMessageSender, Messaging.GatewaySms>();
        services.AddSingleton<Messaging.WhatsAppConversations>();
        services.AddSingleton<Messaging.ReplyFallback>();
        services.AddScoped<Channels.ChannelIntake>();
        services.AddSingleton<Channels.EmailIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<Channels.EmailIntake>());
        services.AddSingleton<Messaging.WhatsAppCloud>();
        services.AddSingleton<Messaging.IMessageSender>(sp => sp.GetRequiredService<Messaging.WhatsAppCloud>());
        services.AddScoped<Channels.WhatsAppConversation>();
        services.AddSingleton<Channels.WhatsAppDraftsJob>();
        services.AddSingleton<Channels.Lapor.HttpLaporTransport>();
        services.AddSingleton<Channels.Lapor.ILaporTransport>(sp => sp.GetRequiredService<Channels.Lapor.HttpLaporTransport>());
        services.AddSingleton<Messaging.IMessageSender>(sp => sp.GetRequiredService<Channels.Lapor.HttpLaporTransport>());
        services.AddSingleton<Channels.Lapor.LaporImportJob>();
        services.AddSingleton<Messaging.IMessageSender, Channels.MetaSocial>();
        services.AddScoped<Channels.SocialIntake>();
        services.AddSingleton<Channels.XApi>();
        services.AddSingleton<Messaging.IMessageSender>(sp => sp.GetRequiredService<Channels.XApi>());
        services.AddScoped<Channels.XIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<Channels.Lapor.LaporImportJob>());
        services.AddHostedService(sp => sp.GetRequiredService<Channels.WhatsAppDraftsJob>());
        services.AddScoped<Channels.SmsIntake>();
        services.AddScoped<Channels.AddCitizenUpdate>();
        services.AddSingleton<Channels.SmsPhotos>();
        services.AddScoped<Channels.TakeWalkInReport>();
        services.AddSingleton<Messaging.OutboxDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<Messaging.OutboxDelivery>());
        services.AddScoped<Messaging.MessageQueue>();
        services.AddScoped<Scorecards.ScorecardRollups>();
        services.AddScoped<Scorecards.ScorecardQuery>();
        services.AddScoped<Scorecards.PublicScorecards>();
        services.AddSingleton<Scorecards.RefreshRollupsJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Scorecards.RefreshRollupsJob>());
        services.AddSingleton<Portal.BoundaryLayer>();
        services.AddSingleton<IPackCache>(sp => sp.GetRequiredService<Portal.BoundaryLayer>());
        services.AddScoped<Alerts.AlertMail>();
        services.AddScoped<Alerts.AlertSubscriptions>();
        services.AddSingleton<Alerts.SendAlertsJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.SendAlertsJob>());
        // Jobs that `aduan run-job <name>` runs once.
        services.AddAduanJob("deliver", async (sp, ct) => (await sp.GetRequiredService<Messaging.OutboxDelivery>().RunOnceAsync(ct)).ToString());
        services.AddAduanJob("follow-up", async (sp, ct) => await sp.GetRequiredService<Dispatch.FollowUpJob>().RunOnceAsync(ct) is var (closed, reminded)
            ? $"{closed} resolved reports closed, {reminded} outside-body reminders queued" : "");
        services.AddAduanJob("escalate", async (sp, ct) => await sp.GetRequiredService<Deadlines.EscalationJob>().RunOnceAsync(ct) is var (reports, fired)
            ? $"{reports} reports due, {fired} escalation steps fired" : "");
        services.AddAduanJob("email", async (sp, ct) => sp.GetRequiredService<Channels.EmailIntake>() is { IsConfigured: true } mail
            ? (await mail.RunOnceAsync(ct)).ToString() : "no mailbox configured (Aduan:Messaging:Imap:Host)");
        services.AddAduanJob("whatsapp-drafts", async (sp, ct) => $"{await sp.GetRequiredService<Channels.WhatsAppDraftsJob>().RunOnceAsync(ct)} unfinished WhatsApp reports filed");
        services.AddAduanJob("lapor", async (sp, ct) => await sp.GetRequiredService<Channels.Lapor.LaporImportJob>().RunOnceAsync(ct) is var (filed, refused)
            ? $"{filed} LAPOR! dispositions filed, {refused} left at LAPOR! for a person" : "");
        services.AddAduanJob("rollups", async (sp, ct) => $"{await sp.GetRequiredService<Scorecards.RefreshRollupsJob>().RunOnceAsync(ct)} days of scorecard rollups rebuilt");
        services.AddAduanJob("alerts", async (sp, ct) => await sp.GetRequiredService<Alerts.SendAlertsJob>().RunOnceAsync(ct) is var (mails, digests)
            ? $"{mails} report status alerts and {digests} area/category digests queued" : "");
        services.AddAduanJob("triage", async (sp, ct) => $"{await sp.GetRequiredService<TriageWorker>().RunOnceAsync(50, ct)} reports triaged");
        services.AddIdentityCore<StaffUser>(identity =>
        {
            identity.User.RequireUniqueEmail = true;
            identity.Password.RequiredLength = 12;
            identity.Password.RequireDigit = true;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 5;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = 5;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        })
            .AddEntityFrameworkStores<AduanDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<StaffUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<SubmitReport>();
        services.AddScoped<People.CitizenCodes>();
        services.AddScoped<SeedPack>();
        services.AddScoped<GenerateDemoReports>();
        services.AddScoped<DemoStaff>();
        services.AddScoped<PrepareDatabase>();
        services.AddScoped<Triage.IDuplicateFinder, Triage.DuplicateFinder>();
        services.AddSingleton<Triage.Classification.CategoryClassifier>().AddSingleton<ICategoryClassifier>(sp => sp.GetRequiredService<Triage.Classification.CategoryClassifier>());
        services.AddSingleton<Triage.Classification.AgencyClassifier>().AddScoped<Triage.Classification.SuggestAgencies>();
        services.AddScoped<Triage.Classification.TrainClassifier>().AddHostedService<Triage.Classification.ClassifierRetrainJob>();
        return services;
    }

    /// <summary>
    /// In development and in the tests, a query that takes a page of rows in no defined order
    /// fails instead of logging a warning: which rows it returns may change between runs and
    /// between SQLite and PostgreSQL. In production it stays a warning in the log.
    /// </summary>
    private static void StrictQueries(IServiceProvider services, WarningsConfigurationBuilder warnings)
    {
        if (services.GetService<IHostEnvironment>() is { } environment && (environment.IsDevelopment() || environment.IsEnvironment("Testing")))
            warnings.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning);
    }
}
