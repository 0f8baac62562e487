namespace Aduan.Web;

/// <summary>Marker for the UI texts in Resources/SharedResource.resx (Indonesian) and .en.resx (English).</summary>
public sealed class SharedResource;
