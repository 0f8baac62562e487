using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aduan.Reports;

/// <summary>
/// The tamper-evident history: every <see cref="Update"/> carries
/// <c>hash = SHA-256(previous hash + ":" + digest)</c>, where the digest is the SHA-256 of the
/// update's own fields in a fixed form (<see cref="Canonical"/>). The report keeps the last hash
/// (<see cref="Report.HistoryHead"/>), so changing, deleting or reordering any update by hand
/// breaks the chain at that point, and dropping the newest one no longer matches the head.
/// </summary>
public static class HistoryChain
{
    /// <summary>The hash before the first update.</summary>
    public const string Genesis = "";

    /// <summary>
    /// Fields as <c>length:value</c>, joined by <c>|</c> (lengths in UTF-16 units, as in .NET and
    /// JavaScript), so no text can imitate a field boundary. Times are UTC milliseconds.
    /// </summary>
    public static string Canonical(Update update)
    {
        string[] fields =
        [
            update.Sequence.ToString(CultureInfo.InvariantCulture),
            update.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            update.Kind.ToString(),
            update.FromStatus?.ToString() ?? "",
            update.ToStatus?.ToString() ?? "",
            update.IsPublic ? "1" : "0",
            update.Actor,
            update.Text ?? "",
        ];
        return string.Join('|', fields.Select(f => f.Length.ToString(CultureInfo.InvariantCulture) + ":" + f));
    }

    public static string Digest(Update update) => Sha256Hex(Canonical(update));

    public static string Link(string? previousHash, string digest) => Sha256Hex((previousHash ?? Genesis) + ":" + digest);

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
