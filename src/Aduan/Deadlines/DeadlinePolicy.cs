using Aduan.Categories;
using Aduan.Reports;

namespace Aduan.Deadlines;

/// <summary>
/// One row of the pack's <c>priorities.csv</c>: the targets for reports of a higher priority, for
/// one category or (<see cref="AnyCategory"/>) for every category without its own row. A normal
/// report takes the category's own targets from <c>categories.csv</c>.
/// </summary>
public sealed class DeadlinePolicy
{
    public const string AnyCategory = "*";

    public long Id { get; init; }
    public required string CategoryCode { get; init; }
    public ReportPriority Priority { get; init; }
    public int ResponseHours { get; init; }
    public int ResolutionHours { get; init; }

    /// <summary>How the hours are counted; null means as the category counts them.</summary>
    public TimeBasis? TimeBasis { get; init; }
}

/// <summary>The targets a report's clock runs against.</summary>
public sealed record DeadlineTargets(int ResponseHours, int ResolutionHours, TimeBasis Basis)
{
    /// <summary>
    /// The targets for a category at a priority: the category's own row in priorities.csv, else the
    /// row for every category, else (and always for a normal report) the category's own targets.
    /// </summary>
    public static DeadlineTargets For(Category category, ReportPriority priority, IReadOnlyList<DeadlinePolicy> policies)
    {
        if (priority != ReportPriority.Normal)
        {
            var policy = policies.FirstOrDefault(p => p.Priority == priority && p.CategoryCode == category.Code)
                ?? policies.FirstOrDefault(p => p.Priority == priority && p.CategoryCode == DeadlinePolicy.AnyCategory);
            if (policy is not null)
                return new DeadlineTargets(policy.ResponseHours, policy.ResolutionHours, policy.TimeBasis ?? category.TimeBasis);
        }
        return new DeadlineTargets(category.ResponseHours, category.ResolutionHours, category.TimeBasis);
    }
}
