using System.Text.RegularExpressions;
using Aduan.Reports;

namespace Aduan.Channels;

public enum SmsKind
{
    /// <summary>Nothing usable: the sender is asked for details.</summary>
    Empty,

    /// <summary>A new report: free text, or <c>LAPOR#kategori#lokasi#isi</c>.</summary>
    Report,

    /// <summary><c>STATUS &lt;kode&gt;</c>: the report's public status is sent back.</summary>
    Status,

    /// <summary><c>&lt;kode&gt; &lt;isi&gt;</c> or <c>INFO &lt;kode&gt; &lt;isi&gt;</c>: a follow-up on the sender's own report.</summary>
    Reply,
}

/// <summary>
/// What an SMS asks for, in the grammar Indonesian complaint services teach. Keywords are read in
/// any case; <c>#</c> separates the structured form's fields, and <c>LAPOR isi</c> (with a space)
/// is free text.
/// </summary>
public sealed partial record SmsCommand(SmsKind Kind, string Text, string? Category = null, string? Address = null, string? Code = null)
{
    /// <summary>Shorter than this ("halo", "tes") no one can act on a report: the sender is asked for details.</summary>
    public const int MinReportLength = 10;

    public static SmsCommand Parse(string? body)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
            return new SmsCommand(SmsKind.Empty, "");
        if (StatusPattern().Match(text) is { Success: true } status)
            return new SmsCommand(SmsKind.Status, "", Code: TrackingCode.Parse(status.Groups["code"].Value));
        if (ReplyPattern().Match(text) is { Success: true } reply && TrackingCode.Parse(reply.Groups["code"].Value) is { } code
            && (reply.Groups["info"].Success || reply.Groups["code"].Value.Contains('-', StringComparison.Ordinal)))
        {
            // Without the INFO keyword the code must be written with its dash, so a long first word is never taken for one.
            return new SmsCommand(SmsKind.Reply, reply.Groups["text"].Value.Trim(), Code: code);
        }
        if (LaporPattern().Match(text) is { Success: true } lapor)
            return Structured(lapor.Groups["rest"].Value, lapor.Groups["hash"].Success);
        return Free(text);
    }

    /// <summary><c>kategori#lokasi#isi</c> (the text may hold more <c>#</c>); fewer fields are free text.</summary>
    private static SmsCommand Structured(string rest, bool withHashes)
    {
        if (!withHashes)
            return Free(rest);
        var parts = rest.Split('#');
        if (parts.Length < 3)
            return Free(string.Join(' ', parts.Select(p => p.Trim()).Where(p => p.Length > 0)));
        var isi = string.Join('#', parts[2..]).Trim();
        return new SmsCommand(isi.Length < MinReportLength ? SmsKind.Empty : SmsKind.Report, isi, Blank(parts[0]), Blank(parts[1]));
    }

    private static SmsCommand Free(string text) =>
        new(text.Trim().Length < MinReportLength ? SmsKind.Empty : SmsKind.Report, text.Trim());

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^STATUS(?:\s*[#:]\s*|\s+)(?<code>[\w-]+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^(?:(?<info>INFO|BALAS)(?:\s*[#:]\s*|\s+))?(?<code>[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})(?:\s*[#:]\s*|\s+)(?<text>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ReplyPattern();

    [GeneratedRegex(@"^LAPOR(?:\s*(?<hash>#)|\s+)(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex LaporPattern();
}
