using Microsoft.AspNetCore.Identity;

namespace Aduan.Staff;

/// <summary>A staff account (ASP.NET Core Identity user). The user name is the e-mail address.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = Guid.NewGuid();

    public string DisplayName { get; set; } = "";

    public StaffRole Roles { get; set; }

    /// <summary>The one agency the person works in; required for officers and heads.</summary>
    public string? AgencyCode { get; set; }

    /// <summary>Disabled accounts cannot sign in and lose their sessions within a minute.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set while the password is a temporary one an admin handed out; cleared when the person changes it.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
