using System.Collections.Concurrent;
using Aduan.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aduan.Tests.Channels;

/// <summary>The app with both inbound SMS webhooks set up, and its log kept for the tests to read.</summary>
internal static class SmsSettings
{
    public const string TwilioToken = "12345abcdefuji";
    public const string GatewaySecret = "rahasia-gateway-uji";
    public const string PublicBaseUrl = "https://aduan.example.go.id";

    public static void Apply(IWebHostBuilder builder, LogSink log)
    {
        builder.UseSetting("Aduan:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Aduan:Messaging:Twilio:AuthToken", TwilioToken);
        builder.UseSetting("Aduan:Messaging:SmsGateway:InboundSecret", GatewaySecret);
        builder.UseSetting("Aduan:Messaging:SmsGateway:InboundIdField", "message_id");
        builder.UseSetting("Aduan:Messaging:SmsGateway:InboundFromField", "sender");
        builder.UseSetting("Aduan:Messaging:SmsGateway:InboundTextField", "message");
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(log));
    }
}

/// <summary>Every warning the app logs, for tests that check what support will see.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Sink(this);

    public void Dispose()
    {
    }

    private sealed class Sink(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                sink.Lines.Enqueue(formatter(state, exception));
        }
    }
}

public interface ISmsApp
{
    LogSink Log { get; }
}

public sealed class SmsSqliteApp : SqliteApp, ISmsApp
{
    public LogSink Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SmsSettings.Apply(builder, Log);
    }
}

public sealed class SmsPostgresApp : PostgresApp, ISmsApp
{
    public LogSink Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SmsSettings.Apply(builder, Log);
    }
}

[CollectionDefinition(Name)]
public sealed class SmsSqliteCollection : ICollectionFixture<SmsSqliteApp>
{
    public const string Name = "SQLite, SMS and walk-in";
}

[CollectionDefinition(Name)]
public sealed class SmsPostgresCollection : ICollectionFixture<SmsPostgresApp>
{
    public const string Name = "PostgreSQL, SMS and walk-in";
}
