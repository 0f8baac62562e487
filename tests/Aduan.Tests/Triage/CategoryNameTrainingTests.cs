using Aduan.Categories;
using Aduan.Data;
using Aduan.Tests.Infrastructure;
using Aduan.Triage;
using Aduan.Triage.Classification;
using Microsoft.Extensions.DependencyInjection;

namespace Aduan.Tests.Triage;

/// <summary>
/// `aduan train` teaches the category model each active category's name: a category a city has
/// just added, with no example and no operator decision yet, can already be suggested. Its own
/// app, since it adds a category to the pack's list.
/// </summary>
public sealed class CategoryNameTrainingTests : IDisposable
{
    private readonly SqliteApp _app = new();

    [Fact]
    public async Task A_new_category_without_examples_is_suggested_for_a_complaint_that_uses_its_name()
    {
        const string text = "mau tanya jadwal kelas calon pengantin di kecamatan kapan ya";
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AduanDbContext>();
            db.Categories.Add(new Category
            {
                Code = "kelas-calon-pengantin",
                Name = "Kelas Calon Pengantin",
                NameEn = "Pre-marriage classes",
                Group = "Lain-lain",
                HandlerLevel = HandlerLevel.Dinas,
                ResponseHours = 24,
                ResolutionHours = 168,
            });
            await db.SaveChangesAsync();
        }

        using (var scope = _app.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<TrainClassifier>().HandleAsync(null, CancellationToken.None);
            Assert.Null(result.Problem);
            Assert.Equal(40, result.Categories); // the categories with examples
            Assert.Equal(1, result.NameOnlyCategories); // the new one, known by its name alone
        }

        var guesses = await _app.Services.GetRequiredService<ICategoryClassifier>().ClassifyAsync(text, 3, CancellationToken.None);
        Assert.Contains("kelas-calon-pengantin", guesses.Select(g => g.CategoryCode));
    }

    public void Dispose() => _app.Dispose();
}
