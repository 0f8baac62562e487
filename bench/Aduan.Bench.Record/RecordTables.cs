using Aduan.Reports;
using NpgsqlTypes;

namespace Aduan.Bench.Record;

/// <summary>The tables the generator fills and how each generated value maps onto their columns (the migrations' names).</summary>
internal static class RecordTables
{
    public static readonly BulkTable<GeneratedReport> Reports = new("reports",
    [
        new("Id", NpgsqlDbType.Uuid, r => r.Id),
        new("Code", NpgsqlDbType.Varchar, r => r.Code),
        new("Status", NpgsqlDbType.Varchar, r => r.Status.ToString()),
        new("CategoryCode", NpgsqlDbType.Varchar, r => r.Category),
        new("CategorySource", NpgsqlDbType.Varchar, _ => "Classifier"),
        new("AreaSource", NpgsqlDbType.Varchar, _ => "Coordinates"),
        new("Flags", NpgsqlDbType.Integer, _ => 0),
        new("LocationCell", NpgsqlDbType.Bigint, r => r.Cell),
        new("Description", NpgsqlDbType.Varchar, r => r.Description),
        new("Latitude", NpgsqlDbType.Double, r => r.Latitude),
        new("Longitude", NpgsqlDbType.Double, r => r.Longitude),
        new("AreaCode", NpgsqlDbType.Varchar, r => r.Kelurahan),
        new("AgencyCode", NpgsqlDbType.Varchar, r => r.Agency),
        new("Channel", NpgsqlDbType.Varchar, r => r.Channel.ToString()),
        new("Visibility", NpgsqlDbType.Varchar, r => r.Visibility.ToString()),
        new("ReceivedAt", NpgsqlDbType.TimestampTz, r => r.ReceivedAt),
        new("TriagedAt", NpgsqlDbType.TimestampTz, r => r.Status == ReportStatus.Received ? null : r.ReceivedAt),
        new("LastChangedAt", NpgsqlDbType.TimestampTz, r => r.LastChangedAt),
        new("Version", NpgsqlDbType.Integer, r => 1 + r.Parts.Count),
        new("ClockStartedAt", NpgsqlDbType.TimestampTz, r => r.ClockStartedAt),
        new("ResponseDueAt", NpgsqlDbType.TimestampTz, r => r.ResponseDueAt),
        new("ResolutionDueAt", NpgsqlDbType.TimestampTz, r => r.ResolutionDueAt),
        new("RespondedAt", NpgsqlDbType.TimestampTz, r => r.RespondedAt),
        new("ResolvedAt", NpgsqlDbType.TimestampTz, r => r.ResolvedAt),
        new("ResponseLate", NpgsqlDbType.Boolean, r => r.ResponseLate),
        new("ResolutionLate", NpgsqlDbType.Boolean, r => r.ResolutionLate),
        new("ClockRound", NpgsqlDbType.Integer, r => r.ClockRound),
        new("ClockPriority", NpgsqlDbType.Varchar, _ => "Normal"),
        new("Priority", NpgsqlDbType.Varchar, _ => "Normal"),
    ]);

    public static readonly BulkTable<(Guid Report, GeneratedPart Part)> Assignments = new("report_assignments",
    [
        new("ReportId", NpgsqlDbType.Uuid, a => a.Report),
        new("AgencyCode", NpgsqlDbType.Varchar, a => a.Part.Agency),
        new("Role", NpgsqlDbType.Varchar, a => a.Part.Role),
        new("Status", NpgsqlDbType.Varchar, a => a.Part.Status),
        new("DispatchedAt", NpgsqlDbType.TimestampTz, a => a.Part.DispatchedAt),
        new("DispatchedBy", NpgsqlDbType.Varchar, _ => "bench"),
        new("AcceptedAt", NpgsqlDbType.TimestampTz, a => a.Part.AcceptedAt),
        new("FinishedAt", NpgsqlDbType.TimestampTz, a => a.Part.FinishedAt),
        new("Reason", NpgsqlDbType.Varchar, a => a.Part.Reason),
        new("ResponseLate", NpgsqlDbType.Boolean, a => a.Part.ResponseLate),
        new("ResolutionLate", NpgsqlDbType.Boolean, a => a.Part.ResolutionLate),
        new("ResponseMinutes", NpgsqlDbType.Integer, a => a.Part.ResponseMinutes),
        new("ResolutionMinutes", NpgsqlDbType.Integer, a => a.Part.ResolutionMinutes),
        new("Evidenced", NpgsqlDbType.Boolean, a => a.Part.Evidenced),
        new("ReopenedAt", NpgsqlDbType.TimestampTz, a => a.Part.ReopenedAt),
    ]);

    /// <summary>The citizen's 1-5 rating of the resolution they confirmed, counted for the agency that did the work.</summary>
    public static readonly BulkTable<GeneratedReport> Ratings = new("report_ratings",
    [
        new("ReportId", NpgsqlDbType.Uuid, r => r.Id),
        new("AgencyCode", NpgsqlDbType.Varchar, r => r.Agency),
        new("Value", NpgsqlDbType.Integer, r => r.Rating),
        new("At", NpgsqlDbType.TimestampTz, r => r.ClosedAt),
    ]);

    public static IReadOnlyList<string> Names => [Reports.Table, Assignments.Table, Ratings.Table];
}
