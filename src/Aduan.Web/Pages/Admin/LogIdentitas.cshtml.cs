using Aduan.Reports;
using Aduan.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aduan.Web.Pages.Admin;

/// <summary>Who read which reporter's identity, when and why (UU 27/2022 PDP), newest first.</summary>
public sealed class LogIdentitasModel(ReporterIdentity identities) : PageModel
{
    public const int MaxRows = 200;

    public IReadOnlyList<IdentityRead> Reads { get; private set; } = [];

    /// <summary>More reads matched than the page shows.</summary>
    public bool Truncated { get; private set; }
    public string? Code { get; private set; }

    public async Task OnGetAsync(string? kode, CancellationToken ct)
    {
        Code = string.IsNullOrWhiteSpace(kode) ? null : kode.Trim();
        var reads = await identities.LogAsync(TrackingCode.Parse(Code) ?? Code, MaxRows + 1, ct);
        Truncated = reads.Count > MaxRows;
        Reads = reads.Take(MaxRows).ToList();
    }
}
