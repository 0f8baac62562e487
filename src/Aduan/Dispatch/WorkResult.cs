using Aduan.Data;
using Aduan.Reports;

namespace Aduan.Dispatch;

public enum WorkOutcome
{
    Done,

    /// <summary>No such report or one the actor may not see: the same answer, so nothing leaks.</summary>
    NotFound,

    /// <summary>The actor may see the report but this step is not theirs to take.</summary>
    Forbidden,
    Invalid,
    TooLarge,

    /// <summary>The report's state does not allow the step now (409 with the current state).</summary>
    Conflict,
}

/// <summary>What a dispatch, agency or citizen step came to; the caller turns it into its own format.</summary>
public sealed record WorkResult(
    WorkOutcome Outcome,
    Report? Report = null,
    IReadOnlyList<FieldError>? Errors = null,
    string? ConflictKey = null,
    object[]? ConflictArgs = null)
{
    public static readonly WorkResult NotFound = new(WorkOutcome.NotFound);
    public static readonly WorkResult Forbidden = new(WorkOutcome.Forbidden);

    public static WorkResult Invalid(params FieldError[] errors) => new(WorkOutcome.Invalid, Errors: errors);

    public static WorkResult Conflict(Report report, string key, params object[] args) => new(WorkOutcome.Conflict, report, ConflictKey: key, ConflictArgs: args);

    public static WorkResult Done(Report report) => new(WorkOutcome.Done, report);
}

/// <summary>The checks every dispatch, agency and citizen step makes on free text.</summary>
internal static class WorkInput
{
    /// <summary>Present, and within the description's length; null when fine.</summary>
    public static FieldError? RequiredText(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? new FieldError(field, "Error_Required")
        : value.Trim().Length > Limits.Description ? new FieldError(field, "Error_TooLong", Limits.Description)
        : null;

    /// <summary>May be absent; when given, within the description's length.</summary>
    public static FieldError? OptionalText(string field, string? value) =>
        value?.Trim().Length > Limits.Description ? new FieldError(field, "Error_TooLong", Limits.Description) : null;
}
