using System.Globalization;
using System.Resources;
using Aduan.Messaging;
using Aduan.Reports;

namespace Aduan.Tests.Pages;

public sealed class StatusNamesTests
{
    [Fact]
    public void Messages_name_each_status_with_the_same_words_as_the_pages()
    {
        var resources = new ResourceManager("Aduan.Web.Resources.SharedResource", typeof(Aduan.Web.SharedResource).Assembly);
        foreach (var status in Enum.GetValues<ReportStatus>())
            Assert.Equal(resources.GetString($"Status_{status}", new CultureInfo("id-ID")), StatusNames.Indonesian[status]);
    }
}
