namespace Aduan.Reports;

/// <summary>Where a report is in its life (see DESIGN.md, "A report's life").</summary>
public enum ReportStatus
{
    Received,
    Verified,
    Rejected,
    Merged,
    Dispatched,
    InProgress,
    WaitingForCitizen,
    ForwardedToOutsideBody,
    Resolved,
    Closed,
    Reopened,
}

/// <summary>Who may see a report and its reporter.</summary>
public enum ReportVisibility
{
    /// <summary>Public report; the reporter's identity is shown to operators only.</summary>
    Public,

    /// <summary>Anonim: public report, identity hidden from everyone but operators.</summary>
    Anonymous,

    /// <summary>Rahasia: the whole report is hidden from the public.</summary>
    Confidential,
}

public enum Channel
{
    Web,
    Api,
    App,
    Email,
    Sms,
    WhatsApp,
    Twitter,
    Facebook,
    Instagram,
    Lapor,
    WalkIn,
    CallCentre,
    Open311,
}
