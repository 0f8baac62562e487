using Aduan.Triage;

namespace Aduan.Web.Pages.Staf.Triase;

/// <summary>The triage flags as resource keys, the serious ones marked.</summary>
public static class Flags
{
    public sealed record Label(string Key, bool Serious);

    public static IEnumerable<Label> Of(TriageFlags flags) =>
        Enum.GetValues<TriageFlags>().Where(f => f != TriageFlags.None && flags.HasFlag(f))
            .Select(f => new Label($"Flag_{f}", f is TriageFlags.BlockedContact or TriageFlags.OutsideTerritory or TriageFlags.TriageFailed or TriageFlags.MeaninglessText));
}
