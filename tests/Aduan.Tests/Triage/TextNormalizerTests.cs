using Aduan.Triage;

namespace Aduan.Tests.Triage;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("yg", "yang")]
    [InlineData("gk", "tidak")]
    [InlineData("jln", "jalan")]
    [InlineData("udah", "sudah")]
    [InlineData("tsb", "tersebut")]
    [InlineData("skrg", "sekarang")]
    public void Chat_abbreviations_are_written_out(string abbreviation, string word) =>
        Assert.Equal(word, TextNormalizer.Normalize(abbreviation));

    [Fact]
    public void A_whole_sentence_is_lower_case_plain_words()
    {
        Assert.Equal("jalan di depan rumah yang rusak tidak diperbaiki sudah lama", TextNormalizer.Normalize("Jln di dpn rumah YG rusak2, gk diperbaiki udah lamaaaa!!!"));
    }

    [Fact]
    public void Letters_repeated_for_emphasis_collapse_to_one()
    {
        Assert.Equal("lama", TextNormalizer.Normalize("lamaaaa"));
        Assert.Equal("tolong", TextNormalizer.Normalize("tolooooong"));
    }

    [Fact]
    public void Reduplication_written_with_a_two_keeps_the_word()
    {
        Assert.Equal("rusak", TextNormalizer.Normalize("rusak2"));
        Assert.Equal("lampu mati", TextNormalizer.Normalize("lampu mati2"));
    }

    [Fact]
    public void Numbers_stuck_to_words_are_split_and_numbers_stay()
    {
        Assert.Equal("rw 01 rt 3 bayar 50 ribu", TextNormalizer.Normalize("RW01 rt3 bayar 50rb"));
    }

    [Fact]
    public void Escaped_line_breaks_separate_words()
    {
        Assert.Equal("sampah numpuk mohon diangkut", TextNormalizer.Normalize("sampah numpuk\\nmohon diangkut"));
    }

    [Fact]
    public void Accents_and_punctuation_go()
    {
        Assert.Equal("cafe dekat pasar", TextNormalizer.Normalize("Café, dekat... pasar?"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😡😡😡")]
    [InlineData("!!! ???")]
    [InlineData("test")]
    [InlineData("tes tes testing")]
    [InlineData("halo")]
    [InlineData("jalan rusak")]
    public void Texts_with_nothing_to_act_on_are_meaningless(string text) =>
        Assert.True(TextNormalizer.IsMeaningless(text));

    [Theory]
    [InlineData("Jalan berlubang di depan sekolah")]
    [InlineData("lampu jln mati 😡 udah seminggu")]
    public void A_real_complaint_is_not_meaningless(string text) =>
        Assert.False(TextNormalizer.IsMeaningless(text));
}
