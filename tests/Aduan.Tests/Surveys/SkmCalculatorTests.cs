using Aduan.Surveys;

namespace Aduan.Tests.Surveys;

/// <summary>The SKM arithmetic and the quality bands of PermenPANRB 14/2017, edges included.</summary>
public sealed class SkmCalculatorTests
{
    [Theory]
    [InlineData("25.00", SkmBand.D)]
    [InlineData("64.99", SkmBand.D)]
    [InlineData("65.00", SkmBand.C)]
    [InlineData("76.60", SkmBand.C)]
    [InlineData("76.61", SkmBand.B)]
    [InlineData("88.30", SkmBand.B)]
    [InlineData("88.31", SkmBand.A)]
    [InlineData("100.00", SkmBand.A)]
    public void A_published_index_falls_in_the_regulations_band(string index, SkmBand band) =>
        Assert.Equal(band, SkmCalculator.BandOf(decimal.Parse(index, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// Totals chosen so that 25 x total / (9 x respondents) is exactly the edge: 2500 questionnaires
    /// whose answers add up to the total, spread over the nine elements.
    /// </summary>
    [Theory]
    [InlineData(2500, 22500, "25.00", SkmBand.D)]
    [InlineData(2500, 58491, "64.99", SkmBand.D)]
    [InlineData(5, 117, "65.00", SkmBand.C)]
    [InlineData(125, 3447, "76.60", SkmBand.C)]
    [InlineData(2500, 68949, "76.61", SkmBand.B)]
    [InlineData(250, 7947, "88.30", SkmBand.B)]
    [InlineData(2500, 79479, "88.31", SkmBand.A)]
    [InlineData(7, 252, "100.00", SkmBand.A)]
    public void The_index_of_every_band_edge_is_computed_exactly_and_banded(int respondents, long total, string expected, SkmBand band)
    {
        var result = SkmCalculator.Calculate(respondents, Spread(respondents, total));

        var index = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(index, result.IndexRounded);
        Assert.Equal(index, result.Index!.Value, 10);
        Assert.Equal(band, result.Band);
    }

    [Fact]
    public void An_index_exactly_half_way_rounds_up_into_the_higher_band()
    {
        // 25 x 137889 / 45000 = 76.605 exactly: published as 76.61, band B.
        var result = SkmCalculator.Calculate(5000, Spread(5000, 137889));

        Assert.Equal(76.605m, result.Index);
        Assert.Equal(76.61m, result.IndexRounded);
        Assert.Equal(SkmBand.B, result.Band);
    }

    [Fact]
    public void An_index_just_under_half_way_rounds_down_and_stays_in_the_lower_band()
    {
        // 25 x 137888 / 45000 = 76.60444…: published as 76.60, band C.
        var result = SkmCalculator.Calculate(5000, Spread(5000, 137888));

        Assert.Equal(76.60m, result.IndexRounded);
        Assert.Equal(SkmBand.C, result.Band);
    }

    [Fact]
    public void Nrr_weighted_nrr_unit_value_and_index_follow_the_regulations_worked_steps()
    {
        // Four respondents; element 1 answers 4,4,3,3 (NRR 3.5), element 9 answers 1,2,2,3 (NRR 2), the rest all 3.
        int[][] questionnaires =
        [
            [4, 3, 3, 3, 3, 3, 3, 3, 1],
            [4, 3, 3, 3, 3, 3, 3, 3, 2],
            [3, 3, 3, 3, 3, 3, 3, 3, 2],
            [3, 3, 3, 3, 3, 3, 3, 3, 3],
        ];

        var result = SkmCalculator.Calculate(questionnaires);

        Assert.Equal(4, result.Respondents);
        Assert.Equal(3.5m, result.Elements[0].Nrr);
        Assert.Equal(14, result.Elements[0].Sum);
        Assert.Equal(87.50m, result.Elements[0].Converted);
        Assert.Equal(SkmBand.B, result.Elements[0].Band);
        Assert.Equal(2m, result.Elements[8].Nrr);
        Assert.Equal(50.00m, result.Elements[8].Converted);
        Assert.Equal(SkmBand.D, result.Elements[8].Band);
        Assert.Equal(3.5m / 9, result.Elements[0].WeightedNrr);
        // Unit value: the weighted NRRs add up to the mean answer, (14 + 7 x 12 + 8) / 36 = 106 / 36.
        Assert.Equal(106m / 36, result.UnitValue!.Value, 20);
        Assert.Equal(result.Elements.Sum(e => e.WeightedNrr), result.UnitValue!.Value, 20);
        Assert.Equal(73.61m, result.IndexRounded); // 25 x 106 / 36 = 73.6111…
        Assert.Equal(SkmBand.C, result.Band);
    }

    [Fact]
    public void All_answers_four_give_one_hundred_not_the_99_90_of_a_truncated_weight()
    {
        var result = SkmCalculator.Calculate([[4, 4, 4, 4, 4, 4, 4, 4, 4]]);

        Assert.Equal(4m, result.UnitValue);
        Assert.Equal(100m, result.Index);
        Assert.Equal(100.00m, result.IndexRounded);
        Assert.All(result.Elements, e => Assert.Equal(SkmBand.A, e.Band));
    }

    [Fact]
    public void The_three_lowest_elements_are_listed_lowest_first_with_ties_in_element_order()
    {
        int[][] questionnaires = [[4, 2, 3, 2, 4, 4, 1, 4, 3]];

        var lowest = SkmCalculator.Calculate(questionnaires).Lowest();

        Assert.Equal([7, 2, 4], lowest.Select(e => e.Element.Number));
    }

    [Fact]
    public void No_respondents_means_no_index_no_band_and_no_lowest_elements()
    {
        var result = SkmCalculator.Calculate(0, new long[9]);

        Assert.Null(result.Index);
        Assert.Null(result.Band);
        Assert.Empty(result.Lowest());
        Assert.Equal(9, result.Elements.Count);
    }

    [Fact]
    public void Impossible_sums_and_answers_outside_one_to_four_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SkmCalculator.Calculate(2, [9, 2, 2, 2, 2, 2, 2, 2, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkmCalculator.Calculate(2, [1, 2, 2, 2, 2, 2, 2, 2, 2]));
        Assert.Throws<ArgumentException>(() => SkmCalculator.Calculate([[4, 4, 4, 4, 4, 4, 4, 4, 5]]));
        Assert.Throws<ArgumentException>(() => SkmCalculator.Calculate([[4, 4, 4]]));
    }

    [Fact]
    public void The_elements_are_the_nine_of_the_regulation_in_its_order()
    {
        Assert.Equal(
            ["Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif", "Produk Spesifikasi Jenis Pelayanan",
             "Kompetensi Pelaksana", "Perilaku Pelaksana", "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana"],
            SurveyElement.All.Select(e => e.Name));
        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"u{n}"), SurveyElement.All.Select(e => e.Field));
    }

    /// <summary>Nine element sums that add up to <paramref name="total"/>, each possible for the respondents (between n and 4n).</summary>
    private static long[] Spread(int respondents, long total)
    {
        var sums = new long[9];
        for (var i = 0; i < 9; i++)
            sums[i] = (total / 9) + (i < total % 9 ? 1 : 0);
        Assert.Equal(total, sums.Sum());
        Assert.All(sums, s => Assert.InRange(s, respondents, 4L * respondents));
        return sums;
    }
}
