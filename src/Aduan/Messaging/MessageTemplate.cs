namespace Aduan.Messaging;

/// <summary>A message text from the pack, per key and language (Indonesian first).</summary>
public sealed class MessageTemplate
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public required string Language { get; init; }
    public required string Text { get; init; }
}
