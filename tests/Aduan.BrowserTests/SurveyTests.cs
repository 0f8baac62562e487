using Aduan.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aduan.BrowserTests;

/// <summary>The SKM in a real browser: a resident fills in the public questionnaire on a phone; an operator types in a paper one.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyTests(BrowserApp app)
{
    private Task<List<SurveyResponse>> ResponsesAsync(string agency) =>
        app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().Where(r => r.AgencyCode == agency).ToListAsync());

    private static string Question(int element) => BrowserApp.Text($"Skm_U{element}_Question");

    private static string Answer(int element, int answer) => BrowserApp.Text($"Skm_U{element}_A{answer}");

    [Fact]
    public async Task A_resident_fills_in_the_survey_on_a_phone_and_a_forgotten_element_is_named()
    {
        const string agency = "kec-31.71.07";
        var page = await app.NewPageAsync(width: 390, height: 844);

        await page.GotoAsync($"/survei/{agency}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(BrowserApp.Text("Skm_Title"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        // Each element is a group named by its question, each answer a labelled radio button.
        int[] answers = [4, 3, 3, 0, 4, 3, 4, 2, 3];
        for (var element = 1; element <= 9; element++)
        {
            var group = page.GetByRole(AriaRole.Group, new() { Name = Question(element) });
            await Expect(group.GetByRole(AriaRole.Radio)).ToHaveCountAsync(4);
            if (answers[element - 1] > 0)
                await group.GetByRole(AriaRole.Radio, new() { Name = Answer(element, answers[element - 1]), Exact = true }).CheckAsync();
        }
        await page.GetByLabel(BrowserApp.Text("Skm_Gender_P")).CheckAsync();
        await page.GetByLabel(BrowserApp.Text("Skm_Age")).FillAsync("29");

        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Skm_Submit") }).ClickAsync();

        var summary = page.Locator("#survey-errors");
        await Expect(summary).ToContainTextAsync("Unsur 4 (Biaya/Tarif) belum dijawab");
        await Expect(page.Locator("#u4-error")).ToBeVisibleAsync();
        Assert.Empty(await ResponsesAsync(agency));
        // What was chosen is still chosen.
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = Question(1) }).GetByRole(AriaRole.Radio, new() { Name = Answer(1, 4), Exact = true })).ToBeCheckedAsync();

        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = Question(4) }).GetByRole(AriaRole.Radio, new() { Name = Answer(4, 4), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserApp.Text("Skm_Submit") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(BrowserApp.Text("Skm_Thanks"));
        var stored = Assert.Single(await ResponsesAsync(agency));
        Assert.Equal([4, 3, 3, 4, 4, 3, 4, 2, 3], stored.Answers());
        Assert.Equal((RespondentGender.Female, 29), (stored.Gender!.Value, stored.Age!.Value));
    }

    [Fact]
    public async Task An_operator_types_a_paper_questionnaire_as_nine_digits_and_enter()
    {
        const string agency = "kec-31.71.08";
        var page = await app.SignInAsync(await app.CreateStaffAsync(Aduan.Staff.StaffRole.Operator), width: 1280, height: 900);
        await page.GotoAsync("/staf/skm/entri");
        await page.GetByLabel(BrowserApp.Text("Skm_Agency")).SelectOptionAsync(agency);

        await page.Locator("#u1").FocusAsync();
        await page.Keyboard.TypeAsync("434343412");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#skm-saved")).ToContainTextAsync("1.");
        // Ready for the next questionnaire: the same agency, the cursor on U1.
        await Expect(page.GetByLabel(BrowserApp.Text("Skm_Agency"))).ToHaveValueAsync(agency);
        await Expect(page.Locator("#u1")).ToBeFocusedAsync();
        var stored = Assert.Single(await ResponsesAsync(agency));
        Assert.Equal([4, 3, 4, 3, 4, 3, 4, 1, 2], stored.Answers());
        Assert.Equal(SurveySource.Operator, stored.Source);
    }
}
