using Aduan.Reports;

namespace Aduan.Tests.Domain;

public sealed class TrackingCodeTests
{
    [Fact]
    public void Codes_use_no_look_alike_characters_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => TrackingCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches("^[2-9A-HJKMNP-Z]{10}$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.DoesNotContain(codes, c => c.IndexOfAny(['0', 'O', '1', 'I', 'L']) >= 0);
    }

    [Theory]
    [InlineData("abcde-fghjk", "ABCDEFGHJK")]
    [InlineData(" ABCDE FGHJK ", "ABCDEFGHJK")]
    [InlineData("ABCDEFGHJK", "ABCDEFGHJK")]
    public void Typed_codes_are_normalised(string typed, string expected) => Assert.Equal(expected, TrackingCode.Parse(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDE")]
    [InlineData("ABCDE-FGHJ0")]
    [InlineData("ABCDE-FGHJKL")]
    public void Impossible_codes_are_refused_before_any_lookup(string? typed) => Assert.Null(TrackingCode.Parse(typed));
}
