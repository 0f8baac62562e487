using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Aduan.Messaging;

public enum SmtpTls
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

public enum SmsProvider
{
    None,
    Twilio,
    Gateway,
}

public enum PhoneFormat
{
    /// <summary>+62812…</summary>
    E164,

    /// <summary>62812… (no plus)</summary>
    Digits,

    /// <summary>0812…</summary>
    National,
}

public enum GatewayBody
{
    Form,
    Json,
}

/// <summary>
/// The "Aduan:Messaging" settings: how messages leave the outbox. A channel without settings keeps
/// its messages waiting; a channel with half its settings is refused at start, naming the field.
/// </summary>
public sealed class MessagingOptions
{
    public const string Section = "Aduan:Messaging";

    /// <summary>Attempts before a message that keeps failing for passing reasons (timeouts, 5xx) is marked failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long one call to a provider may take.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long a worker holds a message it claimed; must cover a send, so at least twice the timeout.</summary>
    [Range(1, 24 * 60)]
    public int ClaimMinutes { get; set; } = 5;

    /// <summary>Seconds between delivery rounds in the background.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 10;

    /// <summary>Most messages one round looks at.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    public SmtpSettings Smtp { get; set; } = new();
    public SmsSettings Sms { get; set; } = new();
    public TwilioSettings Twilio { get; set; } = new();
    public SmsGatewaySettings SmsGateway { get; set; } = new();
    public WhatsAppSettings WhatsApp { get; set; } = new();
    public XSettings X { get; set; } = new();

    /// <summary>The mailbox citizens write to: read over IMAP, each new mail becomes a report or an update.</summary>
    public ImapSettings Imap { get; set; } = new();

    /// <summary>The bridge to SP4N-LAPOR! (see docs/lapor.md).</summary>
    public LaporSettings Lapor { get; set; } = new();

    /// <summary>Facebook Page and Instagram (Meta's webhooks in, the Graph API out).</summary>
    public SocialSettings Social { get; set; } = new();
}

public sealed class SocialSettings
{
    public string BaseUrl { get; set; } = "https://graph.facebook.com";
    public string Version { get; set; } = "v21.0";

    /// <summary>The Meta app's secret: every webhook delivery's X-Hub-Signature-256 is checked with it; none, no intake.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The word Meta sends back when the webhook is registered (hub.verify_token).</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The city's Facebook Page id and its page access token (replies).</summary>
    public string? PageId { get; set; }
    public string? PageAccessToken { get; set; }

    /// <summary>The city's Instagram professional account id (its own comments are skipped; DMs are answered from it).</summary>
    public string? InstagramId { get; set; }
}

public sealed class LaporSettings
{
    /// <summary>Where the bridge's HTTP transport talks to (LAPOR!'s integration endpoint or a relay); empty: no bridge.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bearer token for that endpoint.</summary>
    public string? Token { get; set; }

    /// <summary>Minutes between imports of new dispositions.</summary>
    [Range(1, 1440)]
    public int PollMinutes { get; set; } = 5;
}

public sealed class ImapSettings
{
    /// <summary>Empty: no mailbox is read.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 993;

    /// <summary>Auto: TLS on connect for 993, STARTTLS when offered otherwise.</summary>
    public SmtpTls Tls { get; set; } = SmtpTls.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The folder read; mails taken are marked seen and left there.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>Seconds between reads of the mailbox.</summary>
    [Range(10, 86_400)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>Most mails one round takes.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;
}

public sealed class SmtpSettings
{
    /// <summary>Empty: e-mail is not configured and e-mail messages wait.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpTls Tls { get; set; } = SmtpTls.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? FromAddress { get; set; }
    public string FromName { get; set; } = "Aduan";
}

public sealed class SmsSettings
{
    public SmsProvider Provider { get; set; } = SmsProvider.None;
}

/// <summary>Twilio's Messages API (api.twilio.com/2010-04-01).</summary>
public sealed class TwilioSettings
{
    public string BaseUrl { get; set; } = "https://api.twilio.com";
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>The sending number (+E.164) or alphanumeric sender id.</summary>
    public string? From { get; set; }
}

/// <summary>Any HTTP gateway that takes one POST per message.</summary>
public sealed class SmsGatewaySettings
{
    public string? Url { get; set; }
    public string? BearerToken { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    public GatewayBody Body { get; set; } = GatewayBody.Form;
    public string RecipientField { get; set; } = "to";
    public string TextField { get; set; } = "text";

    /// <summary>Top-level field of a JSON answer that holds the gateway's message id (optional).</summary>
    public string IdField { get; set; } = "id";
    public PhoneFormat PhoneFormat { get; set; } = PhoneFormat.E164;

    /// <summary>
    /// The shared secret the gateway sends in <see cref="InboundSecretHeader"/> when it posts an incoming
    /// SMS to <c>/api/channels/sms/gateway</c>; empty: that webhook is off (404).
    /// </summary>
    public string? InboundSecret { get; set; }
    public string InboundSecretHeader { get; set; } = "X-Gateway-Secret";

    /// <summary>Fields of the incoming message (JSON or form): the gateway's message id, the sender's number, the text.</summary>
    public string InboundIdField { get; set; } = "id";
    public string InboundFromField { get; set; } = "from";
    public string InboundTextField { get; set; } = "text";

    /// <summary>The field with an MMS's image links: a JSON string or array of strings, or a repeated form field. Fetched without credentials.</summary>
    public string InboundMediaField { get; set; } = "media";
}

/// <summary>Meta's WhatsApp Cloud API.</summary>
public sealed class WhatsAppSettings
{
    public string BaseUrl { get; set; } = "https://graph.facebook.com";
    public string Version { get; set; } = "v21.0";
    public string? PhoneNumberId { get; set; }
    public string? AccessToken { get; set; }

    /// <summary>
    /// An approved template with one body parameter (e.g. "Pembaruan dari Aduan: {{1}}") for messages
    /// outside the 24-hour window that have no template of their own in the pack's whatsapp.csv; none by default.
    /// </summary>
    public string? FallbackTemplate { get; set; }

    /// <summary>The language code of <see cref="FallbackTemplate"/> at Meta.</summary>
    public string FallbackLanguage { get; set; } = "id";

    /// <summary>The word Meta sends back when the webhook is registered (hub.verify_token); no token, no WhatsApp intake.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The Meta app's secret: every webhook delivery must carry X-Hub-Signature-256 = HMAC-SHA256 of its body with it.</summary>
    public string? AppSecret { get; set; }
}

/// <summary>
/// The city's X (Twitter) account: its Account Activity API webhook brings mentions and direct messages in;
/// answers go out through the X API v2, signed with OAuth 1.0a in the account's name.
/// </summary>
public sealed class XSettings
{
    public string BaseUrl { get; set; } = "https://api.x.com";

    /// <summary>The X app's consumer key (API key): signs the answers, with the access token.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The X app's consumer secret (API secret key): it answers the CRC check and signs every delivery; none, no X intake.</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>The city account's access token and its secret (read, write and direct messages), for the answers and DM photos.</summary>
    public string? AccessToken { get; set; }
    public string? AccessTokenSecret { get; set; }

    /// <summary>The city account's user id: its own posts and messages are not reports.</summary>
    public string? UserId { get; set; }

    /// <summary>Hosts photos are fetched from (comma-separated): X's own media hosts; nothing else is fetched, and nothing else gets a signed request.</summary>
    public string MediaHosts { get; set; } = "pbs.twimg.com,ton.twitter.com,ton.x.com";
}

/// <summary>Half-configured channels are refused at start with the missing or wrong field named.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions o)
    {
        var errors = new List<string>();
        const string prefix = MessagingOptions.Section + ":";
        if (o.ClaimMinutes * 60 < 2 * o.TimeoutSeconds)
            errors.Add($"{prefix}ClaimMinutes must be at least twice {prefix}TimeoutSeconds, so a claim outlasts a send.");
        var smtp = o.Smtp;
        if (!string.IsNullOrWhiteSpace(smtp.Host))
        {
            if (!People.Contact.IsValidEmail(smtp.FromAddress))
                errors.Add($"{prefix}Smtp:FromAddress must be an e-mail address when {prefix}Smtp:Host is set.");
            if (smtp.Port is < 1 or > 65535)
                errors.Add($"{prefix}Smtp:Port must be between 1 and 65535.");
            if (!string.IsNullOrEmpty(smtp.User) && string.IsNullOrEmpty(smtp.Password))
                errors.Add($"{prefix}Smtp:Password is required when {prefix}Smtp:User is set.");
        }
        var imap = o.Imap;
        if (!string.IsNullOrWhiteSpace(imap.Host))
        {
            Require(errors, imap.User, prefix + "Imap:User");
            Require(errors, imap.Password, prefix + "Imap:Password");
            if (imap.Port is < 1 or > 65535)
                errors.Add($"{prefix}Imap:Port must be between 1 and 65535.");
            if (imap.PollSeconds is < 10 or > 86_400)
                errors.Add($"{prefix}Imap:PollSeconds must be between 10 and 86400.");
        }
        if (!string.IsNullOrWhiteSpace(o.Lapor.BaseUrl))
        {
            Require(errors, o.Lapor.Token, prefix + "Lapor:Token");
            if (!Uri.TryCreate(o.Lapor.BaseUrl, UriKind.Absolute, out _))
                errors.Add($"{prefix}Lapor:BaseUrl must be an absolute URL.");
        }
        if (o.Sms.Provider == SmsProvider.Twilio)
        {
            Require(errors, o.Twilio.AccountSid, prefix + "Twilio:AccountSid");
            Require(errors, o.Twilio.AuthToken, prefix + "Twilio:AuthToken");
            Require(errors, o.Twilio.From, prefix + "Twilio:From");
            RequireUrl(errors, o.Twilio.BaseUrl, prefix + "Twilio:BaseUrl");
        }
        if (o.Sms.Provider == SmsProvider.Gateway)
        {
            RequireUrl(errors, o.SmsGateway.Url, prefix + "SmsGateway:Url");
            Require(errors, o.SmsGateway.RecipientField, prefix + "SmsGateway:RecipientField");
            Require(errors, o.SmsGateway.TextField, prefix + "SmsGateway:TextField");
            if (!string.IsNullOrEmpty(o.SmsGateway.User) && string.IsNullOrEmpty(o.SmsGateway.Password))
                errors.Add($"{prefix}SmsGateway:Password is required when {prefix}SmsGateway:User is set.");
        }
        var whatsApp = o.WhatsApp;
        if (!string.IsNullOrWhiteSpace(whatsApp.PhoneNumberId) || !string.IsNullOrWhiteSpace(whatsApp.AccessToken))
        {
            Require(errors, whatsApp.PhoneNumberId, prefix + "WhatsApp:PhoneNumberId");
            Require(errors, whatsApp.AccessToken, prefix + "WhatsApp:AccessToken");
            Require(errors, whatsApp.Version, prefix + "WhatsApp:Version");
            RequireUrl(errors, whatsApp.BaseUrl, prefix + "WhatsApp:BaseUrl");
        }
        var x = o.X;
        if (!string.IsNullOrWhiteSpace(x.ConsumerKey) || !string.IsNullOrWhiteSpace(x.AccessToken) || !string.IsNullOrWhiteSpace(x.AccessTokenSecret))
        {
            Require(errors, x.ConsumerKey, prefix + "X:ConsumerKey");
            Require(errors, x.ConsumerSecret, prefix + "X:ConsumerSecret");
            Require(errors, x.AccessToken, prefix + "X:AccessToken");
            Require(errors, x.AccessTokenSecret, prefix + "X:AccessTokenSecret");
            RequireUrl(errors, x.BaseUrl, prefix + "X:BaseUrl");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Require(List<string> errors, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add($"{field} is required for this channel.");
    }

    private static void RequireUrl(List<string> errors, string? value, string field)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{field} must be an absolute http(s) address.");
    }
}
