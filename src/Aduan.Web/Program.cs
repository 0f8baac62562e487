using Aduan.Web;

var app = AduanWebApp.Build(args);
await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point; public so that tests can start the app with WebApplicationFactory.</summary>
public partial class Program;
