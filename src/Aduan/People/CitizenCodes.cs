using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aduan.Data;
using Aduan.Messaging;
using Aduan.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aduan.People;

public enum CodeRequestStatus
{
    Sent,
    InvalidContact,
    TooManyRequests,
}

/// <summary>The answer to a code request; <see cref="RetryAt"/> is set when the contact has had too many codes lately.</summary>
public sealed record CodeRequestResult(CodeRequestStatus Status, string? Contact, IReadOnlyList<FieldError> Errors, DateTimeOffset? RetryAt = null)
{
    public bool Sent => Status == CodeRequestStatus.Sent;
}

public enum CodeCheck
{
    Verified,
    Wrong,
    Expired,
    AlreadyUsed,
    TooManyAttempts,
    NoCode,
    InvalidContact,
}

/// <summary>The outcome of checking a code; <see cref="AttemptsLeft"/> matters for <see cref="CodeCheck.Wrong"/>.</summary>
public sealed record CodeVerification(CodeCheck Outcome, string? Contact, int AttemptsLeft = 0)
{
    public bool Verified => Outcome == CodeCheck.Verified;
}

/// <summary>
/// One-time codes that let a citizen, who has no account, prove control of a phone number or an
/// e-mail address. Only a hash of each code is stored; a code expires after
/// <see cref="Lifetime"/>, dies after <see cref="MaxAttempts"/> wrong tries, works once, and only
/// the newest code for a contact counts. The code goes out as an <see cref="OutboxMessage"/>
/// written in the same save; real SMS and e-mail delivery of the outbox is a later issue, so for
/// now the messages stay pending. The answer never says whether the contact has reports.
/// </summary>
public sealed class CitizenCodes(AduanDbContext db, IOptions<AduanOptions> options, TimeProvider clock)
{
    public const string Purpose = "citizen-code";
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<CodeRequestResult> RequestAsync(string? typedContact, CancellationToken ct)
    {
        var contact = Contact.Normalise(typedContact);
        if (contact is null)
        {
            var error = string.IsNullOrWhiteSpace(typedContact) ? "Error_Required" : "Citizen_BadContact";
            return new CodeRequestResult(CodeRequestStatus.InvalidContact, null, [new FieldError("contact", error)]);
        }

        var now = clock.GetUtcNow();
        var (limit, window) = (options.Value.CitizenCodesPerWindow, TimeSpan.FromMinutes(options.Value.CitizenCodeWindowMinutes));
        var since = now - window;
        var recent = await db.OneTimeCodes.AsNoTracking()
            .Where(c => c.Contact == contact && c.CreatedAt > since)
            .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt)
            .ToListAsync(ct);
        if (recent.Count >= limit)
        {
            // The earliest moment one of the recent codes falls out of the window.
            var retryAt = recent[recent.Count - limit] + window;
            var minutes = Math.Max(1, (int)Math.Ceiling((retryAt - now).TotalMinutes));
            return new CodeRequestResult(CodeRequestStatus.TooManyRequests, contact, [new FieldError("contact", "Citizen_TooManyCodes", minutes)], retryAt);
        }

        var id = Guid.NewGuid();
        var code = RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        db.OneTimeCodes.Add(new OneTimeCode { Id = id, Contact = contact, CodeHash = Hash(id, code), CreatedAt = now, ExpiresAt = now + Lifetime });
        db.Outbox.Add(new OutboxMessage
        {
            Channel = Contact.IsEmail(contact) ? MessageChannel.Email : MessageChannel.Sms,
            Recipient = contact,
            Subject = Contact.IsEmail(contact) ? "Kode Aduan Anda" : null,
            Body = $"Kode Aduan Anda: {code}. Berlaku {Lifetime.TotalMinutes:0} menit. Jangan berikan kode ini kepada siapa pun.",
            Purpose = Purpose,
            CreatedAt = now,
            Status = MessageStatus.Pending,
        });
        await db.SaveChangesAsync(ct);
        return new CodeRequestResult(CodeRequestStatus.Sent, contact, []);
    }

    /// <summary>
    /// Checks a code against the newest one sent to the contact and, if it matches, uses it up.
    /// Every check takes one attempt before comparing, in one conditional UPDATE, so parallel
    /// guesses cannot get past <see cref="MaxAttempts"/>.
    /// </summary>
    public async Task<CodeVerification> VerifyAsync(string? typedContact, string? typedCode, CancellationToken ct)
    {
        var contact = Contact.Normalise(typedContact);
        if (contact is null)
            return new CodeVerification(CodeCheck.InvalidContact, null);
        var stored = await db.OneTimeCodes.AsNoTracking()
            .Where(c => c.Contact == contact)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (stored is null)
            return new CodeVerification(CodeCheck.NoCode, contact);
        if (stored.UsedAt is not null)
            return new CodeVerification(CodeCheck.AlreadyUsed, contact);
        if (stored.FailedAttempts >= MaxAttempts)
            return new CodeVerification(CodeCheck.TooManyAttempts, contact);
        var now = clock.GetUtcNow();
        if (now >= stored.ExpiresAt)
            return new CodeVerification(CodeCheck.Expired, contact);

        var taken = await db.OneTimeCodes
            .Where(c => c.Id == stored.Id && c.UsedAt == null && c.FailedAttempts < MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), ct);
        if (taken == 0)
            return await OutcomeOfLostRaceAsync(stored.Id, contact, ct);

        var code = new string(typedCode?.Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        var expected = Convert.FromHexString(stored.CodeHash);
        if (!CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Hash(stored.Id, code)), expected))
        {
            var left = MaxAttempts - (stored.FailedAttempts + 1);
            return left <= 0 ? new CodeVerification(CodeCheck.TooManyAttempts, contact) : new CodeVerification(CodeCheck.Wrong, contact, left);
        }

        // Give the attempt back (it was right) and use the code up, unless a parallel request did.
        var used = await db.OneTimeCodes
            .Where(c => c.Id == stored.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now).SetProperty(c => c.FailedAttempts, c => c.FailedAttempts - 1), ct);
        return used == 1 ? new CodeVerification(CodeCheck.Verified, contact) : new CodeVerification(CodeCheck.AlreadyUsed, contact);
    }

    /// <summary>The resource key that explains an outcome to the citizen; its argument is the attempts left.</summary>
    public static string MessageKey(CodeCheck outcome) => outcome switch
    {
        CodeCheck.Verified => "Citizen_Verified",
        CodeCheck.Wrong => "Citizen_CodeWrong",
        CodeCheck.Expired => "Citizen_CodeExpired",
        CodeCheck.AlreadyUsed => "Citizen_CodeUsed",
        CodeCheck.TooManyAttempts => "Citizen_CodeDead",
        CodeCheck.NoCode => "Citizen_NoCode",
        _ => "Citizen_BadContact",
    };

    private async Task<CodeVerification> OutcomeOfLostRaceAsync(Guid id, string contact, CancellationToken ct)
    {
        var usedAt = await db.OneTimeCodes.AsNoTracking().Where(c => c.Id == id).Select(c => c.UsedAt).SingleAsync(ct);
        return new CodeVerification(usedAt is null ? CodeCheck.TooManyAttempts : CodeCheck.AlreadyUsed, contact);
    }

    /// <summary>SHA-256 over the code's id and the code, hex; the id makes equal codes hash differently.</summary>
    private static string Hash(Guid id, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id:N}:{code}")));
}
