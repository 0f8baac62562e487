using Aduan.Agencies;
using Aduan.Data;
using Aduan.Staff;
using Aduan.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Aduan.Web.Pages.Admin;

public sealed record AgencyChoice(string Code, string Name);

/// <summary>The pack's agencies for a picker, grouped by kind (dinas, suku dinas, kecamatan …), and their names by code.</summary>
public sealed class AgencyChoices(IReadOnlyList<IGrouping<AgencyKind, AgencyChoice>> groups, IReadOnlyDictionary<string, string> names)
{
    public IReadOnlyList<IGrouping<AgencyKind, AgencyChoice>> Groups { get; } = groups;

    public static async Task<AgencyChoices> LoadAsync(AduanDbContext db, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Code, a.Name, a.Kind }).ToListAsync(ct);
        var groups = agencies
            .OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.CurrentCulture)
            .GroupBy(a => a.Kind, a => new AgencyChoice(a.Code, a.Name))
            .ToList();
        return new AgencyChoices(groups, agencies.ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal));
    }

    /// <summary>The agency's name, or the bare code when the pack no longer has it.</summary>
    public string? NameOf(string? code) => code is null ? null : names.GetValueOrDefault(code, code);
}

/// <summary>The model of <c>_AgencySelect</c>: one agency picker with an empty choice.</summary>
public sealed record AgencySelect(AgencyChoices Choices, string? Selected, string? Error, string EmptyLabel, string? Hint = null);

/// <summary>The model of <c>_RoleChoices</c>: the six role checkboxes.</summary>
public sealed record RoleChoices(StaffRole Selected, string? Error);

/// <summary>What the admin pages share: role labels and turning form input and staff errors into page state.</summary>
internal static class AdminForms
{
    /// <summary>The resource key of a role's label, e.g. "Operator media center".</summary>
    public static string RoleLabelKey(StaffRole role) => "Admin_Role_" + StaffRoles.Name(role);

    /// <summary>The resource key of a role's label from its lower-case name as in <see cref="StaffUserView.Roles"/>.</summary>
    public static string RoleLabelKey(string name) => "Admin_Role_" + name;

    /// <summary>The ticked role checkboxes; <see cref="StaffRole.None"/> (refused by the validation) when none or an unknown one.</summary>
    public static StaffRole ReadRoles(IEnumerable<string>? names) =>
        names is null ? StaffRole.None : StaffRoles.Parse(string.Join(',', names)) ?? StaffRole.None;

    /// <summary>One message per field, in the reader's language; identity errors without a field go under "account".</summary>
    public static void AddErrors(this Dictionary<string, string> errors, IEnumerable<StaffError> found, IStringLocalizer<SharedResource> text)
    {
        foreach (var error in found)
            errors.TryAdd(error.Field, AdminApi.Message(error, text));
    }

    /// <summary>Pages that show a password or token once must not be kept by the browser or a proxy.</summary>
    public static void DoNotStore(HttpResponse response) => response.Headers.CacheControl = "no-store";
}
