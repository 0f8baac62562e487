using Aduan.Channels;

namespace Aduan.Tests.Channels;

public sealed class SmsCommandTests
{
    [Theory]
    [InlineData("LAPOR#jalan-rusak#Jl. Cikini Raya 5#Aspal berlubang", "jalan-rusak", "Jl. Cikini Raya 5", "Aspal berlubang")]
    [InlineData("lapor # Jalan Rusak # Gambir # lubang #3 di depan sekolah", "Jalan Rusak", "Gambir", "lubang #3 di depan sekolah")]
    [InlineData("Lapor##Menteng#Lampu mati", null, "Menteng", "Lampu mati")]
    [InlineData("LAPOR#Lampu jalan mati di depan masjid", null, null, "Lampu jalan mati di depan masjid")]
    [InlineData("LAPOR lampu jalan mati di depan masjid", null, null, "lampu jalan mati di depan masjid")]
    [InlineData("Lampu jalan mati di depan masjid", null, null, "Lampu jalan mati di depan masjid")]
    public void A_report_is_read_from_the_structured_form_or_free_text(string body, string? category, string? address, string text)
    {
        var command = SmsCommand.Parse(body);

        Assert.Equal((SmsKind.Report, category, address, text), (command.Kind, command.Category, command.Address, command.Text));
    }

    [Theory]
    [InlineData("STATUS ABCDE-23456", "ABCDE23456")]
    [InlineData("status abcde23456", "ABCDE23456")]
    [InlineData("Status#ABCDE-23456", "ABCDE23456")]
    [InlineData("STATUS bukan-kode", null)]
    public void STATUS_names_the_code_it_asks_about(string body, string? code)
    {
        var command = SmsCommand.Parse(body);

        Assert.Equal((SmsKind.Status, code), (command.Kind, command.Code));
    }

    [Theory]
    [InlineData("ABCDE-23456 sudah makin parah", "sudah makin parah")]
    [InlineData("info abcde23456 ada foto di grup RT", "ada foto di grup RT")]
    [InlineData("INFO#ABCDE-23456#belum ada petugas datang", "belum ada petugas datang")]
    public void A_message_naming_a_code_is_a_follow_up_on_it(string body, string text)
    {
        var command = SmsCommand.Parse(body);

        Assert.Equal((SmsKind.Reply, "ABCDE23456", text), (command.Kind, command.Code, command.Text));
    }

    [Fact]
    public void A_long_first_word_without_the_dash_is_not_taken_for_a_code() =>
        Assert.Equal(SmsKind.Report, SmsCommand.Parse("PERTANYAAN jalan rusak di depan rumah").Kind);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("LAPOR#jalan-rusak#Gambir#  ")]
    [InlineData("LAPOR#  ")]
    [InlineData("halo")]
    [InlineData("LAPOR tes")]
    public void A_message_without_words_is_empty(string body) =>
        Assert.Equal(SmsKind.Empty, SmsCommand.Parse(body).Kind);
}
