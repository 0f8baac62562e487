using Aduan.Data;
using Aduan.Reports;
using Aduan.Staff;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Demo;

/// <summary>A sign-in for one role of the demo.</summary>
public sealed record DemoAccount(string Role, string Email, string Password, string? Agency, bool NeedsTwoFactor);

/// <summary>
/// One staff account per role for demos, sharing one printed password. The officer and head
/// belong to the agency with the most demo reports, so their inboxes are not empty.
/// Never used outside <c>--demo</c>.
/// </summary>
public sealed class DemoStaff(AduanDbContext db, StaffAccounts accounts)
{
    public const string Password = "demo-aduan-2026";

    public async Task<IReadOnlyList<DemoAccount>> EnsureAsync(CancellationToken ct)
    {
        var pack = await db.PackInfo.AsNoTracking().SingleAsync(ct);
        var busiest = await db.Reports.AsNoTracking().Where(r => r.AgencyCode != null && r.Status != ReportStatus.Closed)
            .GroupBy(r => r.AgencyCode).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(ct);
        var parent = busiest is null ? null : await db.Agencies.AsNoTracking().Where(a => a.Code == busiest).Select(a => a.ParentCode).SingleAsync(ct);
        var wanted = new (string Name, StaffRole Role, string? Agency, string Display)[]
        {
            ("operator", StaffRole.Operator, null, "Operator Media Center (demo)"),
            ("verifikator", StaffRole.Verifier, null, "Verifikator Lapangan (demo)"),
            ("petugas", StaffRole.AgencyOfficer, busiest, "Petugas Instansi (demo)"),
            ("kepala", StaffRole.AgencyHead, parent ?? busiest, "Kepala Instansi (demo)"),
            ("pimpinan", StaffRole.Leader, null, "Pimpinan (demo)"),
            ("admin", StaffRole.Admin, null, "Admin (demo)"),
        };
        var accountsMade = new List<DemoAccount>();
        foreach (var (name, role, agency, display) in wanted)
        {
            if ((role & StaffRoles.AgencyBound) != 0 && agency is null)
                continue; // no dispatched demo reports, so no agency to belong to
            var email = $"{name}@demo.aduan.id";
            var normalized = email.ToUpperInvariant();
            if (!await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            {
                var result = await accounts.CreateAsync(new NewStaff(email, display, role, agency, Password), ct);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Code + " " + e.Detail))}");
            }
            accountsMade.Add(new DemoAccount(StaffRoles.Name(role), email, Password, agency, (pack.TwoFactorRoles & role) != 0));
        }
        return accountsMade;
    }
}
