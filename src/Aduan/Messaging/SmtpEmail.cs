using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Aduan.Messaging;

/// <summary>
/// E-mail over SMTP (MailKit). The Message-Id is made from the outbox row, so a message sent
/// twice after a crash carries the same id and mail programs that de-duplicate show it once;
/// SMTP itself has no idempotency. A 5xx refusal of the recipient or the message fails it;
/// everything else (4xx, connection, TLS, sign-in, timeouts) is retried.
/// </summary>
public sealed class SmtpEmail(IOptions<MessagingOptions> options) : IMessageSender
{
    private readonly SmtpSettings _smtp = options.Value.Smtp;
    private readonly int _timeoutSeconds = options.Value.TimeoutSeconds;

    public MessageChannel Channel => MessageChannel.Email;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_smtp.Host);

    public async Task<SendResult> SendAsync(OutboxMessage message, string idempotencyKey, CancellationToken ct)
    {
        if (!MailboxAddress.TryParse(message.Recipient, out var to))
            return SendResult.Rejected($"not an e-mail address: {message.Recipient}");
        var from = new MailboxAddress(_smtp.FromName, _smtp.FromAddress!);
        var mail = new MimeMessage
        {
            Subject = message.Subject ?? "Aduan",
            MessageId = $"{idempotencyKey}@{from.Domain}",
            Body = new TextPart("plain") { Text = message.Body },
        };
        mail.From.Add(from);
        mail.To.Add(to);
        if (message.InReplyTo is { } original)
        {
            // The answer threads under the citizen's own mail.
            mail.InReplyTo = original;
            mail.References.Add(original);
        }
        using var client = new SmtpClient { Timeout = _timeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, Security(), ct);
            if (!string.IsNullOrEmpty(_smtp.User))
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", ct);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(quit: true, ct);
            return SendResult.Sent(mail.MessageId);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            return SendResult.Rejected($"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (SmtpCommandException ex)
        {
            return SendResult.Retry($"SMTP {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry($"timeout: no answer within {_timeoutSeconds} s");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException
            or SocketException or IOException or TimeoutException)
        {
            return SendResult.Retry($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private SecureSocketOptions Security() => _smtp.Tls switch
    {
        SmtpTls.None => SecureSocketOptions.None,
        SmtpTls.StartTls => SecureSocketOptions.StartTls,
        SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
