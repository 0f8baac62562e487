using Aduan.Channels;
using Aduan.Messaging;
using Aduan.Reports;
using Aduan.Staff;
using Aduan.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Channels;

/// <summary>
/// The intake every channel adapter calls: a message becomes a report once however often the
/// provider delivers it, and a message that names the sender's own report becomes an update on it.
/// </summary>
public abstract class ChannelIntakeTests(AduanApp app)
{
    private readonly DispatchDesk _desk = new(app);

    [Fact]
    public async Task A_message_becomes_one_report_on_its_channel_however_often_the_provider_delivers_it()
    {
        var phone = DispatchDesk.UniquePhone();
        var message = Sms(phone, "Lampu jalan mati sudah tiga hari di Jl. Cikini Raya, Menteng.");

        var first = await ReceiveAsync(message);
        var again = await ReceiveAsync(message);

        Assert.Equal(IntakeOutcome.Filed, first.Outcome);
        Assert.Equal(IntakeOutcome.Repeated, again.Outcome);
        Assert.Equal(first.Report!.Id, again.Report!.Id);
        var report = await _desk.LoadAsync(first.Report.Code);
        Assert.Equal(Channel.Sms, report.Channel);
        Assert.Equal(1, await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.Phone == phone)));
    }

    [Fact]
    public async Task A_reply_naming_the_senders_own_report_is_added_to_it_once_and_the_agency_hears_of_it()
    {
        var (_, officer) = await _desk.SignInAsync(StaffRole.AgencyOfficer, DispatchDesk.BinaMargaPusat);
        var phone = DispatchDesk.UniquePhone();
        var code = await _desk.DispatchedAsync(phone: phone);
        var before = (await _desk.LoadAsync(code)).Version;
        var reply = Sms(phone, "Lubangnya makin besar, tadi ada motor jatuh.") with { ReplyToCode = code };

        var added = await ReceiveAsync(reply);
        var repeated = await ReceiveAsync(reply);

        Assert.Equal((IntakeOutcome.Updated, IntakeOutcome.Repeated), (added.Outcome, repeated.Outcome));
        var report = await _desk.LoadAsync(code);
        Assert.Equal(before + 1, report.Version);
        var update = report.Updates.OrderBy(u => u.Sequence).Last();
        Assert.Equal((UpdateKind.Comment, "pelapor", false), (update.Kind, update.Actor, update.IsPublic));
        Assert.Contains(await _desk.OutboxAsync(code, "pelapor-menambahkan"), m => m.Recipient == officer.Email && m.Body.Contains("motor jatuh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_naming_someone_elses_report_is_a_new_report_not_an_update_on_theirs()
    {
        var code = await _desk.DispatchedAsync();
        var before = (await _desk.LoadAsync(code)).Version;

        var result = await ReceiveAsync(Sms(DispatchDesk.UniquePhone(), "Jalan di depan rumah saya juga berlubang besar.") with { ReplyToCode = code });

        Assert.Equal(IntakeOutcome.Filed, result.Outcome);
        Assert.NotEqual(code.Replace("-", ""), result.Report!.Code);
        Assert.Equal(before, (await _desk.LoadAsync(code)).Version);
    }

    [Fact]
    public async Task A_message_with_nothing_usable_is_refused_with_the_reason_and_stores_nothing()
    {
        var phone = DispatchDesk.UniquePhone();

        var result = await ReceiveAsync(Sms(phone, "  "));

        Assert.Equal(IntakeOutcome.Refused, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == "description");
        Assert.Equal(0, await app.WithDbAsync(db => db.Citizens.CountAsync(c => c.Phone == phone)));
    }

    [Fact]
    public async Task Attachments_beyond_the_photo_limits_are_left_out_with_a_note_and_the_message_is_still_filed()
    {
        var photos = Enumerable.Range(0, 6).Select(i => new PhotoUpload($"foto-{i}.png", Samples.UniquePng()))
            .Append(new PhotoUpload("video.mp4", [0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray()]))
            .Append(new PhotoUpload("besar.png", Samples.UniquePng(extraBytes: (int)AduanApp.MaxPhotoBytes + 1)))
            .ToList();

        var result = await ReceiveAsync(Sms(DispatchDesk.UniquePhone(), "Sampah menumpuk di depan pasar, ini foto-fotonya.") with { Channel = Channel.Email, Photos = photos });

        Assert.Equal(IntakeOutcome.Filed, result.Outcome);
        var report = await _desk.LoadAsync(result.Report!.Code);
        Assert.Equal(5, report.Photos.Count);
        var note = Assert.Single(report.Updates, u => u.Actor == "sistem" && u.Kind == UpdateKind.Comment);
        Assert.False(note.IsPublic);
        Assert.Contains("foto-5.png: lebih dari 5 foto", note.Text, StringComparison.Ordinal);
        Assert.Contains("video.mp4: bukan JPEG", note.Text, StringComparison.Ordinal);
        Assert.Contains("besar.png: lebih dari", note.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Channel.Email, "0812", "a@b.id", null, MessageChannel.Email)]
    [InlineData(Channel.WhatsApp, "0812", "a@b.id", null, MessageChannel.WhatsApp)]
    [InlineData(Channel.Sms, "0812", "a@b.id", null, MessageChannel.Sms)]
    [InlineData(Channel.Web, "0812", "a@b.id", null, MessageChannel.Sms)]
    [InlineData(Channel.Email, "0812", null, null, MessageChannel.Sms)]
    [InlineData(Channel.WhatsApp, null, "a@b.id", null, MessageChannel.Email)]
    [InlineData(Channel.Twitter, null, null, null, null)]
    [InlineData(Channel.Twitter, null, null, "x:dm:2244994945", MessageChannel.X)]
    [InlineData(Channel.Twitter, "0812", "a@b.id", "x:dm:2244994945", MessageChannel.X)]
    [InlineData(Channel.Twitter, "0812", null, null, MessageChannel.Sms)]
    [InlineData(Channel.Twitter, null, "a@b.id", null, MessageChannel.Email)]
    [InlineData(Channel.Facebook, null, null, "fb:dm:m_1:42", MessageChannel.Social)]
    [InlineData(Channel.Instagram, "0812", null, "ig:dm:m_1:42", MessageChannel.Sms)]
    [InlineData(Channel.Open311, null, "a@b.id", null, MessageChannel.Email)]
    [InlineData(Channel.Open311, "0812", "a@b.id", null, MessageChannel.Sms)]
    [InlineData(Channel.WalkIn, "0812", null, null, MessageChannel.Sms)]
    [InlineData(Channel.CallCentre, null, "a@b.id", null, MessageChannel.Email)]
    [InlineData(Channel.Facebook, "0812", null, null, MessageChannel.Sms)]
    public void The_citizen_is_answered_on_their_own_channel_when_it_can_carry_the_message(Channel came, string? phone, string? email, string? address, MessageChannel? expected) =>
        Assert.Equal(expected, Notifications.ReplyChannel(came, phone, email, address));

    private static InboundMessage Sms(string phone, string text) => new()
    {
        Channel = Channel.Sms,
        MessageId = "SM" + Guid.NewGuid().ToString("N"),
        Phone = phone,
        Text = text,
    };

    private async Task<IntakeResult> ReceiveAsync(InboundMessage message)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ChannelIntake>().ReceiveAsync(message, CancellationToken.None);
    }
}

[Collection(DispatchSqliteCollection.Name)]
public sealed class ChannelIntakeOnSqlite(DispatchSqliteApp app) : ChannelIntakeTests(app);

[Collection(DispatchPostgresCollection.Name)]
public sealed class ChannelIntakeOnPostgres(DispatchPostgresApp app) : ChannelIntakeTests(app);
