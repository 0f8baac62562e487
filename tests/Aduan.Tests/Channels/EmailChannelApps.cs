using Aduan.Tests.Infrastructure;
using Aduan.Tests.Messaging;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using MimeKit;

namespace Aduan.Tests.Channels;

/// <summary>
/// The real Dovecot IMAP server scripts/test.sh starts (scripts/imap.sh; ADUAN_TEST_IMAP =
/// host;port;user;password). Each app reads a folder of its own, so the SQLite and PostgreSQL
/// runs never take each other's mail.
/// </summary>
public sealed class TestMailbox
{
    public TestMailbox(string folder)
    {
        var settings = Environment.GetEnvironmentVariable("ADUAN_TEST_IMAP");
        if (string.IsNullOrWhiteSpace(settings))
            throw new InvalidOperationException("ADUAN_TEST_IMAP is not set. Run the tests with scripts/test.sh, which starts a throwaway Dovecot IMAP server (scripts/imap.sh) and sets it.");
        var parts = settings.Split(';');
        (Host, Port, User, Password, Folder) = (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3], folder);
    }

    public string Host { get; }
    public int Port { get; }
    public string User { get; }
    public string Password { get; }
    public string Folder { get; }

    public void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("Aduan:BackgroundEmailIntake", "false"); // tests run EmailIntake.RunOnceAsync themselves
        builder.UseSetting("Aduan:Messaging:Imap:Host", Host);
        builder.UseSetting("Aduan:Messaging:Imap:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Aduan:Messaging:Imap:Tls", "None");
        builder.UseSetting("Aduan:Messaging:Imap:User", User);
        builder.UseSetting("Aduan:Messaging:Imap:Password", Password);
        builder.UseSetting("Aduan:Messaging:Imap:Folder", Folder);
    }

    /// <summary>Puts a mail into the folder over IMAP (APPEND), as the mail server does on delivery.</summary>
    public async Task DeliverAsync(MimeMessage mail)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        var folder = await FolderAsync(client);
        await folder.AppendAsync(mail, MessageFlags.None);
        await client.DisconnectAsync(true);
    }

    /// <summary>How many mails in the folder are still unseen.</summary>
    public async Task<int> UnseenAsync()
    {
        using var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        var folder = await FolderAsync(client);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var unseen = (await folder.SearchAsync(MailKit.Search.SearchQuery.NotSeen)).Count;
        await client.DisconnectAsync(true);
        return unseen;
    }

    private async Task<IMailFolder> FolderAsync(ImapClient client)
    {
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        try
        {
            return await root.GetSubfolderAsync(Folder);
        }
        catch (FolderNotFoundException)
        {
            return await root.CreateAsync(Folder, isMessageFolder: true) ?? throw new InvalidOperationException($"IMAP folder {Folder} could not be created");
        }
    }
}

public interface IEmailChannelApp : IDeliveryApp
{
    TestMailbox Mailbox { get; }
}

public sealed class EmailChannelSqliteApp : SqliteApp, IEmailChannelApp
{
    public FakeProviders Providers { get; } = new();
    public TestMailbox Mailbox { get; } = new("sqlite-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        DeliverySettings.Apply(builder, Providers);
        Mailbox.Apply(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Providers.Dispose();
    }
}

public sealed class EmailChannelPostgresApp : PostgresApp, IEmailChannelApp
{
    public FakeProviders Providers { get; } = new();
    public TestMailbox Mailbox { get; } = new("postgres-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        DeliverySettings.Apply(builder, Providers);
        Mailbox.Apply(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Providers.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmailChannelSqliteCollection : ICollectionFixture<EmailChannelSqliteApp>
{
    public const string Name = "SQLite, e-mail channel";
}

[CollectionDefinition(Name)]
public sealed class EmailChannelPostgresCollection : ICollectionFixture<EmailChannelPostgresApp>
{
    public const string Name = "PostgreSQL, e-mail channel";
}
