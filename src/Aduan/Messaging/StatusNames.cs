using Aduan.Reports;

namespace Aduan.Messaging;

/// <summary>
/// Status names in the Indonesian of the messages the pack's templates write (<c>{status}</c>).
/// The web UI's resource file has the same words (a test keeps the two equal).
/// </summary>
public static class StatusNames
{
    public static readonly IReadOnlyDictionary<ReportStatus, string> Indonesian = new Dictionary<ReportStatus, string>
    {
        [ReportStatus.Received] = "Diterima",
        [ReportStatus.Verified] = "Terverifikasi",
        [ReportStatus.Rejected] = "Ditolak",
        [ReportStatus.Merged] = "Digabung",
        [ReportStatus.Dispatched] = "Diteruskan ke instansi",
        [ReportStatus.InProgress] = "Sedang ditangani",
        [ReportStatus.WaitingForCitizen] = "Menunggu keterangan pelapor",
        [ReportStatus.ForwardedToOutsideBody] = "Dikoordinasikan dengan pihak luar",
        [ReportStatus.Resolved] = "Selesai ditangani",
        [ReportStatus.Closed] = "Ditutup",
        [ReportStatus.Reopened] = "Dibuka kembali",
    };

    /// <summary>The English words of the same statuses (the second language of e-mail alerts), as the web UI's English resources.</summary>
    public static readonly IReadOnlyDictionary<ReportStatus, string> English = new Dictionary<ReportStatus, string>
    {
        [ReportStatus.Received] = "Received",
        [ReportStatus.Verified] = "Verified",
        [ReportStatus.Rejected] = "Rejected",
        [ReportStatus.Merged] = "Merged",
        [ReportStatus.Dispatched] = "Sent to agency",
        [ReportStatus.InProgress] = "In progress",
        [ReportStatus.WaitingForCitizen] = "Waiting for reporter",
        [ReportStatus.ForwardedToOutsideBody] = "Forwarded to outside body",
        [ReportStatus.Resolved] = "Resolved",
        [ReportStatus.Closed] = "Closed",
        [ReportStatus.Reopened] = "Reopened",
    };
}
