using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Aduan.Tests.Messaging;

/// <summary>An app whose channels point at <see cref="FakeProviders"/>: SMTP, Twilio-format SMS and WhatsApp.</summary>
public interface IDeliveryApp
{
    FakeProviders Providers { get; }
}

internal static class DeliverySettings
{
    public const string TwilioSid = "AC0123456789abcdef0123456789abcdef";
    public const string TwilioToken = "rahasia-twilio";
    public const string WhatsAppToken = "rahasia-whatsapp";
    public const string WhatsAppAppSecret = "rahasia-aplikasi-meta";
    public const string WhatsAppVerifyToken = "kata-kunci-webhook";
    public const string SocialAppSecret = "rahasia-aplikasi-halaman";
    public const string PageId = "108172854567897";
    public const string XConsumerSecret = "rahasia-konsumen-x";
    public const string XUserId = "1480000000000000001";
    public const string XConsumerKey = "kunci-konsumen-x";
    public const string XAccessToken = "1480000000000000001-tokenakses";
    public const string XAccessTokenSecret = "rahasia-token-x";
    public const string GatewaySecret = "rahasia-gateway-masuk";
    public const int MaxAttempts = 6;

    public static void Apply(IWebHostBuilder builder, FakeProviders providers)
    {
        builder.UseSetting("Aduan:Messaging:TimeoutSeconds", "1");
        builder.UseSetting("Aduan:Messaging:ClaimMinutes", "1");
        builder.UseSetting("Aduan:Messaging:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Aduan:Messaging:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Aduan:Messaging:Smtp:Port", providers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Aduan:Messaging:Smtp:Tls", "None");
        builder.UseSetting("Aduan:Messaging:Smtp:FromAddress", "aduan@uji.aduan.id");
        builder.UseSetting("Aduan:Messaging:Smtp:FromName", "Aduan Uji");
        builder.UseSetting("Aduan:Messaging:Sms:Provider", "Twilio");
        builder.UseSetting("Aduan:Messaging:Twilio:BaseUrl", providers.HttpBase);
        builder.UseSetting("Aduan:Messaging:Twilio:AccountSid", TwilioSid);
        builder.UseSetting("Aduan:Messaging:Twilio:AuthToken", TwilioToken);
        builder.UseSetting("Aduan:Messaging:Twilio:From", "+15005550006");
        builder.UseSetting("Aduan:Messaging:WhatsApp:BaseUrl", providers.HttpBase);
        builder.UseSetting("Aduan:Messaging:WhatsApp:PhoneNumberId", "106540352242922");
        builder.UseSetting("Aduan:Messaging:WhatsApp:AccessToken", WhatsAppToken);
        builder.UseSetting("Aduan:Messaging:WhatsApp:AppSecret", WhatsAppAppSecret);
        builder.UseSetting("Aduan:Messaging:Lapor:BaseUrl", providers.HttpBase + "/lapor");
        builder.UseSetting("Aduan:Messaging:Social:BaseUrl", providers.HttpBase);
        builder.UseSetting("Aduan:Messaging:Social:AppSecret", SocialAppSecret);
        builder.UseSetting("Aduan:Messaging:Social:VerifyToken", WhatsAppVerifyToken);
        builder.UseSetting("Aduan:Messaging:Social:PageId", PageId);
        builder.UseSetting("Aduan:Messaging:Social:PageAccessToken", "token-halaman");
        builder.UseSetting("Aduan:Messaging:Lapor:Token", FakeProviders.LaporToken);
        builder.UseSetting("Aduan:Messaging:WhatsApp:VerifyToken", WhatsAppVerifyToken);
        builder.UseSetting("Aduan:Messaging:X:ConsumerSecret", XConsumerSecret);
        builder.UseSetting("Aduan:Messaging:X:UserId", XUserId);
        builder.UseSetting("Aduan:Messaging:X:BaseUrl", providers.HttpBase);
        builder.UseSetting("Aduan:Messaging:X:ConsumerKey", XConsumerKey);
        builder.UseSetting("Aduan:Messaging:X:AccessToken", XAccessToken);
        builder.UseSetting("Aduan:Messaging:X:AccessTokenSecret", XAccessTokenSecret);
        builder.UseSetting("Aduan:Messaging:X:MediaHosts", "127.0.0.1");
        builder.UseSetting("Aduan:Messaging:SmsGateway:InboundSecret", GatewaySecret);
    }
}

public sealed class DeliverySqliteApp : SqliteApp, IDeliveryApp
{
    public FakeProviders Providers { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        DeliverySettings.Apply(builder, Providers);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Providers.Dispose();
    }
}

public sealed class DeliveryPostgresApp : PostgresApp, IDeliveryApp
{
    public FakeProviders Providers { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        DeliverySettings.Apply(builder, Providers);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            Providers.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DeliverySqliteCollection : ICollectionFixture<DeliverySqliteApp>
{
    public const string Name = "SQLite, delivery";
}

[CollectionDefinition(Name)]
public sealed class DeliveryPostgresCollection : ICollectionFixture<DeliveryPostgresApp>
{
    public const string Name = "PostgreSQL, delivery";
}
