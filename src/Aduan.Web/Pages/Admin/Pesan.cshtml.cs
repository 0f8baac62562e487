using Aduan.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Admin;

/// <summary>The outbox for admins: failed and waiting messages, recipients masked, and "send again".</summary>
public sealed class PesanModel(MessageQueue queue, IStringLocalizer<SharedResource> text) : PageModel
{
    public const int MaxRows = 200;

    public IReadOnlyList<QueuedMessage> Failed { get; private set; } = [];
    public int FailedTotal { get; private set; }
    public IReadOnlyList<QueuedMessage> Pending { get; private set; } = [];
    public int PendingTotal { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        switch ((await queue.RetryAsync(id, ct)).Outcome)
        {
            case RetryOutcome.Queued:
                Message = text["Admin_Messages_Retried"];
                break;
            case RetryOutcome.AlreadySent:
                Error = text["Message_AlreadySent"];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Error = text["Message_NotFound"];
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        (Failed, FailedTotal) = await queue.ListAsync(MessageStatus.Failed, MaxRows, ct);
        (Pending, PendingTotal) = await queue.ListAsync(MessageStatus.Pending, MaxRows, ct);
    }
}
