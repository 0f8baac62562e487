using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Deadlines;
using Aduan.Messaging;

namespace Aduan.Packs;

/// <summary>A pack read from disk and checked whole; what <see cref="SeedPack"/> writes.</summary>
public sealed record PackContents(
    PackInfo Info,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<Agency> Agencies,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<RoutingRule> RoutingRules,
    IReadOnlyList<Holiday> Holidays,
    IReadOnlyList<MessageTemplate> Templates)
{
    /// <summary>streets.csv: streets and landmarks for the gazetteer. Not stored in the database; read from the pack folder.</summary>
    public IReadOnlyList<KnownStreet> Streets { get; init; } = [];

    /// <summary>escalation.csv: the escalation ladder (none when the file is absent).</summary>
    public IReadOnlyList<Deadlines.EscalationStep> Escalation { get; init; } = [];

    /// <summary>priorities.csv: the targets of urgent and emergency reports (none when the file is absent: every report keeps its category's).</summary>
    public IReadOnlyList<DeadlinePolicy> Priorities { get; init; } = [];

    /// <summary>whatsapp.csv: approved WhatsApp templates for messages outside the 24-hour window (none when the file is absent).</summary>
    public IReadOnlyList<WhatsAppTemplate> WhatsApp { get; init; } = [];
}
