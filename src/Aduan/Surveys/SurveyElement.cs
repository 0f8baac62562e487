namespace Aduan.Surveys;

/// <summary>
/// One of the nine elements (unsur) of the SKM questionnaire, in the order of PermenPANRB
/// No. 14 Tahun 2017. The questions and the four answer labels people read are in the web
/// resources (<c>Skm_U{n}_…</c>); <see cref="Name"/> is the regulation's own name, used in CSV
/// headers and logs.
/// </summary>
public sealed record SurveyElement(int Number, string Name)
{
    /// <summary>The field name in forms, JSON and CSV: <c>u1</c> … <c>u9</c>.</summary>
    public string Field => "u" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly IReadOnlyList<SurveyElement> All =
    [
        new(1, "Persyaratan"),
        new(2, "Sistem, Mekanisme, dan Prosedur"),
        new(3, "Waktu Penyelesaian"),
        new(4, "Biaya/Tarif"),
        new(5, "Produk Spesifikasi Jenis Pelayanan"),
        new(6, "Kompetensi Pelaksana"),
        new(7, "Perilaku Pelaksana"),
        new(8, "Penanganan Pengaduan, Saran dan Masukan"),
        new(9, "Sarana dan Prasarana"),
    ];

    public const int Count = 9;
    public const int MinAnswer = 1;
    public const int MaxAnswer = 4;
}
