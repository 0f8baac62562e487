namespace Aduan.Surveys;

/// <summary>
/// The quality band (mutu pelayanan) of PermenPANRB 14/2017: A Sangat Baik, B Baik, C Kurang Baik,
/// D Tidak Baik.
/// </summary>
public enum SkmBand
{
    D,
    C,
    B,
    A,
}

/// <summary>One element's figures: the sum of its answers, NRR, weighted NRR, the NRR on the 25-100 scale and its band.</summary>
public sealed record SkmElementResult(SurveyElement Element, long Sum, decimal Nrr, decimal WeightedNrr, decimal Converted, SkmBand Band);

/// <summary>
/// The survey's result for one agency and period. <see cref="UnitValue"/> is the sum of the
/// weighted NRRs (the mean answer, 1-4); <see cref="Index"/> is that times 25, and
/// <see cref="IndexRounded"/> the index as published (two decimals), which <see cref="Band"/> is
/// read from. With no respondents there is no index and no band.
/// </summary>
public sealed record SkmResult(
    int Respondents,
    IReadOnlyList<SkmElementResult> Elements,
    decimal? UnitValue,
    decimal? Index,
    decimal? IndexRounded,
    SkmBand? Band)
{
    /// <summary>The three elements with the lowest NRR (ties: the earlier element first), for the follow-up plan the regulation asks for.</summary>
    public IReadOnlyList<SkmElementResult> Lowest(int count = 3) =>
        Respondents == 0 ? [] : [.. Elements.OrderBy(e => e.Nrr).ThenBy(e => e.Element.Number).Take(count)];
}

/// <summary>
/// The SKM arithmetic of PermenPANRB 14/2017, pure. NRR per element = sum of its answers /
/// respondents; weighted NRR = NRR x 1/9 (the regulation prints 0.111; the exact ninth is used so
/// that all-4 answers give 100.00, not 99.90); unit value = sum of the weighted NRRs; IKM = unit
/// value x 25.
/// </summary>
/// <remarks>
/// Band edges: the regulation's intervals (25.00-64.99 D, 65.00-76.60 C, 76.61-88.30 B,
/// 88.31-100.00 A, and the same divided by 25 for NRR: 1.00-2.5996, 2.60-3.064, 3.0644-3.532,
/// 3.5324-4.00) leave gaps between their ends. They are closed by banding the index as it is
/// published, rounded to two decimals half away from zero, with each band starting at its lower
/// end: 76.605 rounds to 76.61 and is B; 76.6049 rounds to 76.60 and is C. An element's band is
/// read the same way from its NRR x 25. The rounding is done in integers, so no binary fraction
/// can push a value across an edge.
/// </remarks>
public static class SkmCalculator
{
    public const decimal BandAFrom = 88.31m;
    public const decimal BandBFrom = 76.61m;
    public const decimal BandCFrom = 65.00m;

    /// <summary>The result from each element's sum of answers over the same respondents.</summary>
    public static SkmResult Calculate(int respondents, IReadOnlyList<long> sums)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(respondents);
        if (sums.Count != SurveyElement.Count)
            throw new ArgumentException($"{SurveyElement.Count} sums expected, got {sums.Count}.", nameof(sums));
        if (respondents == 0)
        {
            return new SkmResult(0, [.. SurveyElement.All.Select(e => new SkmElementResult(e, 0, 0, 0, 0, SkmBand.D))], null, null, null, null);
        }
        for (var i = 0; i < sums.Count; i++)
        {
            if (sums[i] < (long)respondents * SurveyElement.MinAnswer || sums[i] > (long)respondents * SurveyElement.MaxAnswer)
                throw new ArgumentOutOfRangeException(nameof(sums), $"Element {i + 1}: a sum of {sums[i]} is impossible for {respondents} respondents.");
        }

        var elements = SurveyElement.All.Select((element, i) =>
        {
            var sum = sums[i];
            var nrr = (decimal)sum / respondents;
            var converted = RoundedHundredths(25 * sum, respondents);
            return new SkmElementResult(element, sum, nrr, nrr / SurveyElement.Count, converted, BandOf(converted));
        }).ToList();
        var total = sums.Sum();
        var unitValue = (decimal)total / ((long)respondents * SurveyElement.Count);
        var index = 25m * total / ((long)respondents * SurveyElement.Count);
        var rounded = RoundedHundredths(25 * total, (long)respondents * SurveyElement.Count);
        return new SkmResult(respondents, elements, unitValue, index, rounded, BandOf(rounded));
    }

    /// <summary>The result from whole questionnaires (each nine answers of 1-4).</summary>
    public static SkmResult Calculate(IReadOnlyCollection<IReadOnlyList<int>> questionnaires)
    {
        var sums = new long[SurveyElement.Count];
        foreach (var answers in questionnaires)
        {
            if (answers.Count != SurveyElement.Count || answers.Any(a => a is < SurveyElement.MinAnswer or > SurveyElement.MaxAnswer))
                throw new ArgumentException("Every questionnaire has nine answers of 1 to 4.", nameof(questionnaires));
            for (var i = 0; i < sums.Length; i++)
                sums[i] += answers[i];
        }
        return Calculate(questionnaires.Count, sums);
    }

    /// <summary>The band of an index (or an element's NRR x 25) as published, i.e. already rounded to two decimals.</summary>
    public static SkmBand BandOf(decimal publishedIndex) => publishedIndex switch
    {
        >= BandAFrom => SkmBand.A,
        >= BandBFrom => SkmBand.B,
        >= BandCFrom => SkmBand.C,
        _ => SkmBand.D,
    };

    /// <summary>numerator / denominator rounded to two decimals, half away from zero, in exact integer arithmetic (both positive).</summary>
    private static decimal RoundedHundredths(long numerator, long denominator)
    {
        var hundredths = ((200 * numerator) + denominator) / (2 * denominator);
        return hundredths / 100m;
    }
}
