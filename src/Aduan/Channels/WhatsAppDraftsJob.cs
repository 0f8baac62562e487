using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Channels;

/// <summary>Files WhatsApp reports the citizen left unfinished (no location or photo after <see cref="WhatsAppConversation.DraftLifetime"/>), every ten minutes.</summary>
public sealed class WhatsAppDraftsJob(IServiceScopeFactory scopes, IOptions<AduanOptions> options, IOptions<Messaging.MessagingOptions> messaging, TimeProvider clock, ILogger<WhatsAppDraftsJob> log)
    : PeriodicJob(clock, log)
{
    protected override bool Enabled => options.Value.BackgroundFollowUp && !string.IsNullOrWhiteSpace(messaging.Value.WhatsApp.AppSecret);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WhatsAppConversation>().FileAbandonedAsync(ct);
    }
}
