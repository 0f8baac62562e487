using Aduan.Agencies;
using Aduan.Areas;
using Aduan.Categories;
using Aduan.Deadlines;
using Aduan.Dispatch;
using Aduan.Messaging;
using Aduan.Packs;
using Aduan.People;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Surveys;
using Aduan.Triage;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Aduan.Data;

/// <summary>
/// The unit of work. One model, two providers: <see cref="SqliteAduanDbContext"/> and
/// <see cref="PostgresAduanDbContext"/> exist only so each has its own migration set.
/// </summary>
public abstract class AduanDbContext(DbContextOptions options) : IdentityUserContext<StaffUser, Guid>(options)
{
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<Update> Updates => Set<Update>();
    public DbSet<Citizen> Citizens => Set<Citizen>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<PackInfo> PackInfo => Set<PackInfo>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdentityRead> IdentityReads => Set<IdentityRead>();
    public DbSet<OneTimeCode> OneTimeCodes => Set<OneTimeCode>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<GroundCheck> GroundChecks => Set<GroundCheck>();
    public DbSet<BlockedContact> BlockedContacts => Set<BlockedContact>();
    public DbSet<ClassifierExample> ClassifierExamples => Set<ClassifierExample>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Coordination> Coordinations => Set<Coordination>();
    public DbSet<EscalationStep> EscalationSteps => Set<EscalationStep>();
    public DbSet<EscalationRecord> Escalations => Set<EscalationRecord>();
    public DbSet<DeadlinePolicy> DeadlinePolicies => Set<DeadlinePolicy>();
    public DbSet<WhatsAppTemplate> WhatsAppTemplates => Set<WhatsAppTemplate>();
    public DbSet<WhatsAppContact> WhatsAppContacts => Set<WhatsAppContact>();
    public DbSet<ChannelContact> ChannelContacts => Set<ChannelContact>();
    public DbSet<Channels.ChannelMessage> ChannelMessages => Set<Channels.ChannelMessage>();
    public DbSet<Channels.WhatsAppDraft> WhatsAppDrafts => Set<Channels.WhatsAppDraft>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<UsedSurveyTicket> UsedSurveyTickets => Set<UsedSurveyTicket>();
    public DbSet<ReportRating> Ratings => Set<ReportRating>();
    public DbSet<Scorecards.ScorecardRollup> ScorecardRollups => Set<Scorecards.ScorecardRollup>();
    public DbSet<Alerts.AlertSubscription> AlertSubscriptions => Set<Alerts.AlertSubscription>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var modelBuilder = builder;
        base.OnModelCreating(modelBuilder); // Identity's tables
        ConfigureStaff(modelBuilder);
        ConfigureSurveys(modelBuilder);

        modelBuilder.Entity<Report>(report =>
        {
            report.ToTable("reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Code).HasMaxLength(TrackingCode.Length);
            report.HasIndex(r => r.Code).IsUnique();
            report.Property(r => r.IdempotencyKey).HasMaxLength(Limits.IdempotencyKey);
            report.HasIndex(r => r.IdempotencyKey).IsUnique();
            report.Property(r => r.CategoryCode).HasMaxLength(64);
            report.Property(r => r.Description).HasMaxLength(Limits.Description);
            report.Property(r => r.AddressText).HasMaxLength(Limits.Address);
            report.Property(r => r.AreaCode).HasMaxLength(16);
            report.Property(r => r.AgencyCode).HasMaxLength(64);
            report.Property(r => r.MergedIntoCode).HasMaxLength(TrackingCode.Length);
            report.Property(r => r.Version).IsConcurrencyToken();
            report.HasIndex(r => new { r.Status, r.ReceivedAt });
            report.HasIndex(r => new { r.CategoryCode, r.ReceivedAt });
            // The public portal counts a period's reports by area, status and category. These three
            // carry every column it reads, so a year of a city's reports is counted from the index
            // alone, without visiting each row (docs/benchmarks.md, the record benchmark).
            report.HasIndex(r => new { r.AreaCode, r.ReceivedAt, r.Status, r.Visibility, r.CategoryCode }).HasDatabaseName("IX_reports_area_period");
            report.HasIndex(r => new { r.AgencyCode, r.ReceivedAt, r.Status, r.Visibility, r.CategoryCode }).HasDatabaseName("IX_reports_agency_period");
            report.HasIndex(r => new { r.ReceivedAt, r.AreaCode, r.Status, r.Visibility, r.CategoryCode }).HasDatabaseName("IX_reports_period");
            report.Property(r => r.Flags).HasConversion<int>();
            report.Property(r => r.TriageJson).HasMaxLength(8000);
            // Duplicate search: open reports in a few cells, recent first.
            report.HasIndex(r => new { r.LocationCell, r.ReceivedAt });
            report.HasIndex(r => new { r.Status, r.Flags });
            report.HasOne<Category>().WithMany().HasForeignKey(r => r.CategoryCode).OnDelete(DeleteBehavior.Restrict);
            report.HasOne<Area>().WithMany().HasForeignKey(r => r.AreaCode).OnDelete(DeleteBehavior.Restrict);
            report.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            report.HasOne<Citizen>().WithMany().HasForeignKey(r => r.CitizenId).OnDelete(DeleteBehavior.Restrict);
            report.HasMany(r => r.Updates).WithOne().HasForeignKey(u => u.ReportId).OnDelete(DeleteBehavior.Cascade);
            report.Navigation(r => r.Updates).UsePropertyAccessMode(PropertyAccessMode.Field);
            report.HasMany(r => r.Photos).WithOne().HasForeignKey("ReportId").OnDelete(DeleteBehavior.Cascade);
            report.Navigation(r => r.Photos).UsePropertyAccessMode(PropertyAccessMode.Field);
            report.HasMany(r => r.Assignments).WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
            report.Navigation(r => r.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
            report.Property(r => r.HistoryHead).HasMaxLength(64);
            report.Property(r => r.CitizenTokenHash).HasMaxLength(64);
            report.HasIndex(r => new { r.Status, r.ResolvedAt });
            report.HasIndex(r => r.NextEscalationAt); // the escalation sweep: "what is due now" is an index range
            report.Ignore(r => r.CitizenRating);
            report.HasOne(r => r.Rating).WithOne().HasForeignKey<ReportRating>(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
            // The dashboard's worst overdue: open reports whose clock runs, by resolution due time. Partial, so
            // millions of finished reports (whose due times lie in the past too) are not in it.
            report.HasIndex(r => r.ResolutionDueAt).HasFilter(Scorecards.ScorecardQuery.ClockRunningSql).HasDatabaseName("IX_reports_overdue");
        });

        modelBuilder.Entity<ReportRating>(rating =>
        {
            rating.ToTable("report_ratings");
            rating.Property(r => r.AgencyCode).HasMaxLength(64);
            rating.Property(r => r.Comment).HasMaxLength(Limits.Description);
            rating.HasIndex(r => r.ReportId).IsUnique();
            rating.HasIndex(r => r.At);
            rating.HasIndex(r => new { r.AgencyCode, r.At });
            rating.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Scorecards.ScorecardRollup>(rollup =>
        {
            rollup.ToTable("scorecard_rollups");
            // Led by what every read fixes (grain, level, one area of a known list) and then the period's range.
            rollup.HasKey(r => new { r.Grain, r.Level, r.AreaCode, r.Start, r.AgencyCode });
            rollup.HasIndex(r => new { r.Grain, r.Start }); // the builder's replacing of days and months, and its newest day
            rollup.Property(r => r.AgencyCode).HasMaxLength(64);
            rollup.Property(r => r.AreaCode).HasMaxLength(16);
            foreach (var column in Scorecards.ScorecardCounts.Columns)
                rollup.Property<int>(column);
        });

        modelBuilder.Entity<EscalationStep>(step =>
        {
            step.ToTable("escalation_steps");
            step.HasKey(s => s.Code);
            step.Property(s => s.Code).HasMaxLength(64);
            step.Property(s => s.TemplateKey).HasMaxLength(64);
        });

        modelBuilder.Entity<DeadlinePolicy>(policy =>
        {
            policy.ToTable("deadline_policies");
            policy.Property(p => p.CategoryCode).HasMaxLength(64);
            policy.HasIndex(p => new { p.CategoryCode, p.Priority }).IsUnique();
        });

        modelBuilder.Entity<WhatsAppTemplate>(template =>
        {
            template.ToTable("whatsapp_templates");
            template.HasKey(t => t.Key);
            template.Property(t => t.Key).HasMaxLength(64);
            template.Property(t => t.Name).HasMaxLength(512);
            template.Property(t => t.Language).HasMaxLength(16);
            template.Property(t => t.Parameters).HasMaxLength(1000);
        });

        modelBuilder.Entity<Channels.ChannelMessage>(message =>
        {
            message.ToTable("channel_messages");
            message.HasKey(m => m.Key);
            message.Property(m => m.Key).HasMaxLength(Limits.IdempotencyKey + 16);
            message.HasOne<Report>().WithMany().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Channels.WhatsAppDraft>(draft =>
        {
            draft.ToTable("whatsapp_drafts");
            draft.HasKey(d => d.Phone);
            draft.Property(d => d.Phone).HasMaxLength(32);
            draft.Property(d => d.Name).HasMaxLength(Limits.Name);
            draft.Property(d => d.Text).HasMaxLength(Limits.Description);
            draft.Property(d => d.Address).HasMaxLength(Limits.Address);
            draft.Property(d => d.MediaIds).HasMaxLength(2000);
            draft.Property(d => d.FirstMessageId).HasMaxLength(200);
            draft.HasIndex(d => d.UpdatedAt);
        });

        modelBuilder.Entity<Alerts.AlertSubscription>(alert =>
        {
            alert.ToTable("alert_subscriptions");
            alert.Property(a => a.Email).HasMaxLength(Limits.Email);
            alert.Property(a => a.Target).HasMaxLength(64);
            alert.Property(a => a.TokenHash).HasMaxLength(64);
            alert.Property(a => a.LastSequence).IsConcurrencyToken();
            alert.Property(a => a.NextDigestAt).IsConcurrencyToken();
            alert.HasIndex(a => new { a.Email, a.Topic, a.Target }).IsUnique();
            alert.HasIndex(a => new { a.Topic, a.Target });
            alert.HasIndex(a => a.NextDigestAt);
        });

        modelBuilder.Entity<WhatsAppContact>(contact =>
        {
            contact.ToTable("whatsapp_contacts");
            contact.HasKey(c => c.Phone);
            contact.Property(c => c.Phone).HasMaxLength(32);
        });

        modelBuilder.Entity<ChannelContact>(contact =>
        {
            contact.ToTable("channel_contacts");
            contact.HasKey(c => c.Address);
            contact.Property(c => c.Address).HasMaxLength(200);
        });

        modelBuilder.Entity<EscalationRecord>(fired =>
        {
            fired.ToTable("report_escalations");
            fired.Property(e => e.StepCode).HasMaxLength(64);
            // Exactly once: a second worker's insert of the same step and round fails, and its whole save with it.
            fired.HasIndex(e => new { e.ReportId, e.StepCode, e.Round }).IsUnique();
            fired.HasOne<Report>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Assignment>(part =>
        {
            part.ToTable("report_assignments");
            part.Property(a => a.AgencyCode).HasMaxLength(64);
            part.Property(a => a.DispatchedBy).HasMaxLength(128);
            part.Property(a => a.OfficerName).HasMaxLength(128);
            part.Property(a => a.Reason).HasMaxLength(Limits.Description);
            part.HasIndex(a => new { a.AgencyCode, a.Status });
            part.HasIndex(a => a.ReportId);
            // The scorecard rollups read each day's events by these times.
            part.HasIndex(a => a.DispatchedAt);
            part.HasIndex(a => a.AcceptedAt);
            part.HasIndex(a => a.FinishedAt);
            part.HasIndex(a => a.ReopenedAt);
            part.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Coordination>(step =>
        {
            step.ToTable("report_coordinations");
            step.Property(c => c.BodyCode).HasMaxLength(64);
            step.Property(c => c.ForwardedByAgency).HasMaxLength(64);
            step.Property(c => c.SentBy).HasMaxLength(128);
            step.Property(c => c.Reference).HasMaxLength(200);
            step.Property(c => c.Answer).HasMaxLength(Limits.Description);
            step.HasIndex(c => c.ReportId);
            step.HasIndex(c => new { c.Status, c.NextReminderAt });
            step.HasOne<Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
            step.HasOne<Agency>().WithMany().HasForeignKey(c => c.BodyCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Update>(update =>
        {
            update.ToTable("report_updates");
            update.Property(u => u.Actor).HasMaxLength(128);
            update.Property(u => u.Text).HasMaxLength(Limits.Description);
            update.Property(u => u.Hash).HasMaxLength(64);
            update.HasIndex(u => new { u.ReportId, u.At });
            update.HasIndex(u => new { u.ReportId, u.Sequence });
        });

        modelBuilder.Entity<ReportPhoto>(photo =>
        {
            photo.ToTable("report_photos");
            photo.Property(p => p.Sha256).HasMaxLength(64);
            photo.Property(p => p.ContentType).HasMaxLength(32);
        });

        modelBuilder.Entity<Citizen>(citizen =>
        {
            citizen.ToTable("citizens");
            citizen.Property(c => c.Name).HasMaxLength(Limits.Name);
            citizen.Property(c => c.Phone).HasMaxLength(20);
            citizen.Property(c => c.Email).HasMaxLength(Limits.Email);
            citizen.Property(c => c.ChannelAddress).HasMaxLength(200);
            citizen.Property(c => c.ChannelUser).HasMaxLength(200);
            citizen.HasIndex(c => c.Phone);
            citizen.HasIndex(c => c.Email);
        });

        modelBuilder.Entity<Area>(area =>
        {
            area.ToTable("areas");
            area.HasKey(a => a.Code);
            area.Property(a => a.Code).HasMaxLength(16);
            area.Property(a => a.Name).HasMaxLength(128);
            area.Property(a => a.Kind).HasMaxLength(16);
            area.Property(a => a.ParentCode).HasMaxLength(16);
            area.HasIndex(a => a.ParentCode);
        });

        modelBuilder.Entity<Agency>(agency =>
        {
            agency.ToTable("agencies");
            agency.HasKey(a => a.Code);
            agency.Property(a => a.Code).HasMaxLength(64);
            agency.Property(a => a.Name).HasMaxLength(200);
            agency.Property(a => a.ParentCode).HasMaxLength(64);
            agency.Property(a => a.AreaCode).HasMaxLength(16);
            agency.Property(a => a.ServiceHours).HasMaxLength(32);
        });

        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.HasKey(c => c.Code);
            category.Property(c => c.Code).HasMaxLength(64);
            category.Property(c => c.Name).HasMaxLength(200);
            category.Property(c => c.NameEn).HasMaxLength(200);
            category.Property(c => c.Group).HasMaxLength(100);
        });

        modelBuilder.Entity<GroundCheck>(check =>
        {
            check.ToTable("ground_checks");
            check.Property(c => c.AreaCode).HasMaxLength(16);
            check.Property(c => c.RequestedBy).HasMaxLength(256);
            check.Property(c => c.CheckedBy).HasMaxLength(256);
            check.Property(c => c.Instructions).HasMaxLength(Limits.Description);
            check.Property(c => c.Finding).HasMaxLength(Limits.Description);
            check.Property(c => c.PhotoSha256).HasMaxLength(64);
            check.HasIndex(c => new { c.Outcome, c.AreaCode });
            check.HasIndex(c => c.ReportId);
            check.HasOne<Report>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BlockedContact>(blocked =>
        {
            blocked.ToTable("blocked_contacts");
            blocked.HasKey(b => b.Contact);
            blocked.Property(b => b.Contact).HasMaxLength(Limits.Email);
            blocked.Property(b => b.Reason).HasMaxLength(500);
            blocked.Property(b => b.BlockedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<ClassifierExample>(example =>
        {
            example.ToTable("classifier_examples");
            example.Property(e => e.Text).HasMaxLength(Limits.Description);
            example.Property(e => e.CategoryCode).HasMaxLength(64);
            example.Property(e => e.Source).HasMaxLength(32);
            example.Property(e => e.AgencyCode).HasMaxLength(64);
            example.HasIndex(e => e.CreatedAt);
            example.HasIndex(e => e.ReportId);
        });

        modelBuilder.Entity<RoutingRule>(rule =>
        {
            rule.ToTable("routing_rules");
            rule.Property(r => r.CategoryCode).HasMaxLength(64);
            rule.Property(r => r.AreaCode).HasMaxLength(16);
            rule.Property(r => r.AgencyCode).HasMaxLength(64);
            rule.HasIndex(r => new { r.CategoryCode, r.AreaCode }).IsUnique();
        });

        modelBuilder.Entity<Holiday>(holiday =>
        {
            holiday.ToTable("holidays");
            holiday.Property(h => h.Name).HasMaxLength(200);
            holiday.HasIndex(h => h.Date);
        });

        modelBuilder.Entity<MessageTemplate>(template =>
        {
            template.ToTable("message_templates");
            template.Property(t => t.Key).HasMaxLength(64);
            template.Property(t => t.Language).HasMaxLength(8);
            template.Property(t => t.Text).HasMaxLength(2000);
            template.HasIndex(t => new { t.Key, t.Language }).IsUnique();
        });

        modelBuilder.Entity<PackInfo>(pack =>
        {
            pack.ToTable("pack_info");
            pack.Property(p => p.Id).ValueGeneratedNever();
            pack.Property(p => p.Name).HasMaxLength(64);
            pack.Property(p => p.DisplayName).HasMaxLength(200);
            pack.Property(p => p.TimeZone).HasMaxLength(64);
            pack.Property(p => p.RootAreaCode).HasMaxLength(16);
            pack.Property(p => p.TwoFactorRoles).HasConversion<int>();
        });
    }

    private static void ConfigureSurveys(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SurveyResponse>(response =>
        {
            response.ToTable("survey_responses");
            response.Property(r => r.AgencyCode).HasMaxLength(64);
            // Results and exports read one agency's period.
            response.HasIndex(r => new { r.AgencyCode, r.SurveyDate });
            response.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            response.HasOne<StaffUser>().WithMany().HasForeignKey(r => r.EnteredBy).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<UsedSurveyTicket>(ticket =>
        {
            ticket.ToTable("survey_used_tickets");
            ticket.HasKey(t => t.TicketHash);
            ticket.Property(t => t.TicketHash).HasMaxLength(64);
        });
    }

    private static void ConfigureStaff(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StaffUser>(user =>
        {
            user.ToTable("staff_users");
            user.Property(u => u.DisplayName).HasMaxLength(Limits.Name);
            user.Property(u => u.Roles).HasConversion<int>();
            user.Property(u => u.AgencyCode).HasMaxLength(64);
            user.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("staff_user_claims");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("staff_user_logins");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("staff_user_tokens");

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Name).HasMaxLength(200);
            key.Property(k => k.Prefix).HasMaxLength(12);
            key.HasIndex(k => k.Prefix).IsUnique();
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Property(k => k.Scopes).HasMaxLength(200);
            key.Property(k => k.AgencyCode).HasMaxLength(64);
            key.HasOne<Agency>().WithMany().HasForeignKey(k => k.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            key.Ignore(k => k.ScopeSet);
        });

        modelBuilder.Entity<IdentityRead>(read =>
        {
            read.ToTable("identity_reads");
            read.Property(r => r.Actor).HasMaxLength(256);
            read.Property(r => r.ReportCode).HasMaxLength(TrackingCode.Length);
            read.Property(r => r.Purpose).HasMaxLength(200);
            read.HasIndex(r => r.At);
            read.HasIndex(r => r.ReportCode);
        });

        modelBuilder.Entity<OneTimeCode>(code =>
        {
            code.ToTable("one_time_codes");
            code.Property(c => c.Contact).HasMaxLength(Limits.Email);
            code.Property(c => c.CodeHash).HasMaxLength(64);
            code.HasIndex(c => new { c.Contact, c.CreatedAt });
        });

        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox");
            message.Property(m => m.Recipient).HasMaxLength(Limits.Email);
            message.Property(m => m.Subject).HasMaxLength(300);
            message.Property(m => m.Body).HasMaxLength(4000);
            message.Property(m => m.Fields).HasMaxLength(8000);
            message.Property(m => m.InReplyTo).HasMaxLength(Limits.IdempotencyKey);
            message.Property(m => m.Purpose).HasMaxLength(64);
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.Property(m => m.ClaimedBy).HasMaxLength(64);
            message.Property(m => m.ProviderMessageId).HasMaxLength(200);
            message.HasIndex(m => new { m.Status, m.CreatedAt });
            message.HasIndex(m => new { m.Status, m.NextAttemptAt });
        });
    }
}

public sealed class SqliteAduanDbContext(DbContextOptions<SqliteAduanDbContext> options) : AduanDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no timestamp type; store UTC instants as sortable integers so that
        // ORDER BY and range filters on dates work in SQL rather than in memory.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresAduanDbContext(DbContextOptions<PostgresAduanDbContext> options) : AduanDbContext(options);

/// <summary>Field length limits shared by validation and the database schema.</summary>
public static class Limits
{
    public const int Description = 4000;
    /// <summary>Any non-empty text is taken in: a too-short or meaningless one is held for an operator by triage, not refused.</summary>
    public const int DescriptionMin = 1;
    public const int Address = 500;
    public const int Name = 200;
    public const int Email = 254;
    public const int IdempotencyKey = 128;
}
