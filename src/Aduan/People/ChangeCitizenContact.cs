using Aduan.Data;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;

namespace Aduan.People;

/// <summary>What a signed-in citizen sends; a null field is left as it is, an empty name is removed.</summary>
public sealed record ChangeContactInput(string? Name, string? Phone, string? Email, string? Code);

/// <summary>A citizen's contact details as they see them: the newest of each over all their reports.</summary>
public sealed record CitizenContact(string? Name, string? Phone, string? Email);

/// <summary><see cref="SignedInAs"/> is the contact the citizen's session should now carry (it changes when they replace it).</summary>
public sealed record ChangeContactResult(CitizenContact? Contact, string? SignedInAs, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Lets a citizen, signed in with the phone or e-mail they proved, change the name on all their
/// reporter rows, and put a new phone or e-mail on them only with a code sent to that new contact,
/// so nobody can attach a contact they do not control. Nothing changes when anything is wrong.
/// </summary>
public sealed class ChangeCitizenContact(AduanDbContext db, CitizenCodes codes)
{
    public async Task<CitizenContact> CurrentAsync(string signedInAs, CancellationToken ct)
    {
        var rows = await db.Citizens.AsNoTracking().OwnedBy(signedInAs).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
        var email = Contact.IsEmail(signedInAs);
        return new CitizenContact(
            rows.Select(r => r.Name).FirstOrDefault(n => n is not null),
            email ? rows.Select(r => r.Phone).FirstOrDefault(p => p is not null) : signedInAs,
            email ? signedInAs : rows.Select(r => r.Email).FirstOrDefault(e => e is not null));
    }

    public async Task<ChangeContactResult> HandleAsync(string signedInAs, ChangeContactInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var name = input.Name?.Trim();
        if (name?.Length > Limits.Name)
            errors.Add(new FieldError("name", "Error_TooLong", Limits.Name));
        var phone = string.IsNullOrWhiteSpace(input.Phone) ? null : Contact.NormalisePhone(input.Phone);
        if (phone is null && !string.IsNullOrWhiteSpace(input.Phone))
            errors.Add(new FieldError("phone", "Error_Phone"));
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : Contact.NormaliseEmail(input.Email);
        if (email is null && !string.IsNullOrWhiteSpace(input.Email))
            errors.Add(new FieldError("email", "Error_Email"));
        if (errors.Count > 0)
            return Failed(errors);

        var rows = await db.Citizens.OwnedBy(signedInAs).ToListAsync(ct);
        // A contact is new unless it is the one they signed in with or already on every row of theirs
        // (with no rows, anything else is new: it would become the contact their session carries).
        var phoneIsNew = phone is not null && phone != signedInAs && (rows.Count == 0 || rows.Any(r => r.Phone != phone));
        var emailIsNew = email is not null && email != signedInAs && (rows.Count == 0 || rows.Any(r => !string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)));
        if (phoneIsNew && emailIsNew)
            return Failed([new FieldError("email", "Citizen_OneNewContact")]);
        if ((phoneIsNew ? phone : emailIsNew ? email : null) is { } fresh)
        {
            if (string.IsNullOrWhiteSpace(input.Code))
                return Failed([new FieldError("code", "Citizen_CodeForNewContact", fresh)]);
            var check = await codes.VerifyAsync(fresh, input.Code, ct);
            if (!check.Verified)
                return Failed([new FieldError("code", CitizenCodes.MessageKey(check.Outcome), check.AttemptsLeft)]);
        }

        foreach (var row in rows)
        {
            if (input.Name is not null)
                row.Name = name is { Length: > 0 } ? name : null;
            if (phone is not null)
                row.Phone = phone;
            if (email is not null && !string.Equals(row.Email, email, StringComparison.OrdinalIgnoreCase))
                row.Email = email;
        }
        await db.SaveChangesAsync(ct);

        var signedIn = Contact.IsEmail(signedInAs) ? email ?? signedInAs : phone ?? signedInAs;
        return new ChangeContactResult(await CurrentAsync(signedIn, ct), signedIn, []);
    }

    private static ChangeContactResult Failed(List<FieldError> errors) => new(null, null, errors);
}
