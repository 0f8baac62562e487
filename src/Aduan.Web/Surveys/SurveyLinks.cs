using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Aduan.Web.Surveys;

/// <summary>
/// One-time survey links: <c>/survei/{agency}?t=…</c>, where the token is a signed, time-limited
/// (agency, ticket) pair. Answering marks the ticket's SHA-256 as used, so a link gives one
/// response. A report's citizen gets a ticket derived from their own secret link, so each
/// report gives one response per agency however often the page is opened, and the stored hash
/// cannot be traced back to the report without that secret, which the database does not hold.
/// </summary>
public sealed class SurveyLinks(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Aduan.Skm.Link.v1").ToTimeLimitedDataProtector();

    /// <summary>The link token for the citizen who just confirmed a report the agency handled.</summary>
    public string ForCitizen(string agency, string citizenToken)
    {
        var ticket = HMACSHA256.HashData(Encoding.UTF8.GetBytes(citizenToken), Encoding.UTF8.GetBytes("skm|" + agency));
        return Protect(agency, ticket);
    }

    /// <summary>A fresh one-time link token for an agency (printed on a receipt, sent by staff).</summary>
    public string NewToken(string agency) => Protect(agency, RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash to mark as used, or null when the token is forged, expired or for another agency.</summary>
    public string? TicketHashOf(string agency, string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var bar = payload.LastIndexOf('|');
        if (bar <= 0 || !string.Equals(payload[..bar], agency, StringComparison.Ordinal))
            return null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(payload[(bar + 1)..])));
    }

    // The time-limited protector checks expiry against the system clock itself, so the expiry is set from it too.
    private string Protect(string agency, byte[] ticket) =>
        _protector.Protect($"{agency}|{WebEncoders.Base64UrlEncode(ticket)}", DateTimeOffset.UtcNow + Lifetime);
}
