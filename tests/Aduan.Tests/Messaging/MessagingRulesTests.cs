using Aduan.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aduan.Tests.Messaging;

/// <summary>Pure rules: masking, phone formats, backoff, and settings that are refused at start.</summary>
public sealed class MessagingRulesTests
{
    [Theory]
    [InlineData("081234561234", "0812****1234")]
    [InlineData("+6281234561234", "+62812****1234")]
    [InlineData("0211234567", "02****4567")]
    [InlineData("siti.rahmawati@example.id", "s***@e***.id")]
    [InlineData("petugas@dinas.jakarta.go.id", "p***@d***.id")]
    public void Recipients_are_masked_for_admins(string recipient, string masked) =>
        Assert.Equal(masked, MessageQueue.Mask(recipient));

    [Theory]
    [InlineData("081234567890", PhoneFormat.E164, "+6281234567890")]
    [InlineData("081234567890", PhoneFormat.Digits, "6281234567890")]
    [InlineData("081234567890", PhoneFormat.National, "081234567890")]
    [InlineData("+6281234567890", PhoneFormat.National, "081234567890")]
    public void Stored_numbers_become_what_the_provider_needs(string stored, PhoneFormat format, string sent) =>
        Assert.Equal(sent, PhoneNumbers.Format(stored, format));

    [Fact]
    public void Waits_grow_and_the_last_one_repeats() =>
        Assert.Equal([1, 5, 15, 60, 180, 180, 180], Enumerable.Range(1, 7).Select(a => (int)OutboxDelivery.DelayAfter(a).TotalMinutes));

    [Fact]
    public void No_settings_at_all_is_valid_and_every_channel_waits()
    {
        Assert.True(new MessagingOptionsValidator().Validate(null, new MessagingOptions()).Succeeded);
        var options = Options.Create(new MessagingOptions());
        Assert.False(new SmtpEmail(options).IsConfigured);
        using var twilio = new TwilioSms(options);
        using var gateway = new GatewaySms(options);
        var nothing = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        using var whatsApp = new WhatsAppCloud(options, new WhatsAppConversations(nothing, options, TimeProvider.System));
        using var x = new Aduan.Channels.XApi(options, TimeProvider.System);
        Assert.False(twilio.IsConfigured || gateway.IsConfigured || whatsApp.IsConfigured || x.IsConfigured);
    }

    [Fact]
    public void Half_configured_channels_are_refused_naming_the_field()
    {
        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions
        {
            Smtp = new SmtpSettings { Host = "smtp.kota.go.id", User = "aduan" },
            Sms = new SmsSettings { Provider = SmsProvider.Twilio },
            Twilio = new TwilioSettings { AccountSid = "AC123", From = "+15005550006" },
            WhatsApp = new WhatsAppSettings { AccessToken = "token" },
            X = new XSettings { ConsumerKey = "kunci", AccessToken = "token" },
            TimeoutSeconds = 200,
            ClaimMinutes = 5,
        });

        Assert.True(result.Failed);
        Assert.Contains("Aduan:Messaging:Smtp:FromAddress", result.FailureMessage);
        Assert.Contains("Aduan:Messaging:Smtp:Password", result.FailureMessage);
        Assert.Contains("Aduan:Messaging:Twilio:AuthToken", result.FailureMessage);
        Assert.Contains("Aduan:Messaging:WhatsApp:PhoneNumberId", result.FailureMessage);
        Assert.Contains("Aduan:Messaging:ClaimMinutes", result.FailureMessage);
        Assert.Contains("Aduan:Messaging:X:ConsumerSecret", result.FailureMessage);
        Assert.Contains("Aduan:Messaging:X:AccessTokenSecret", result.FailureMessage);
        Assert.DoesNotContain("X:ConsumerKey", result.FailureMessage);
        Assert.DoesNotContain("Twilio:AccountSid", result.FailureMessage);
    }
}
