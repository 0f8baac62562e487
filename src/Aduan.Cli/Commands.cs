using System.CommandLine;
using System.Globalization;
using Aduan.Data;
using Aduan.Demo;
using Aduan.Packs;
using Aduan.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aduan.Cli;

/// <summary>The CLI verbs. Each one is a thin shell over a core handler or job.</summary>
internal static class Commands
{
    private static readonly Option<string?> DataFolder = new("--data") { Description = "Data folder for the SQLite database and photos (default: ./data)" };
    private static readonly Option<string?> Database = new("--database") { Description = "sqlite (default) or postgres" };
    private static readonly Option<string?> Connection = new("--connection") { Description = "Database connection string (required for postgres)" };
    private static readonly Option<string?> PacksFolder = new("--packs") { Description = "Folder holding the packs (default: the nearest ./packs)" };

    public static Command Serve()
    {
        var demo = new Option<bool>("--demo") { Description = "Fill an empty database with a few hundred sample reports" };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://localhost:5080" };
        var pack = new Option<string?>("--pack") { Description = "Pack loaded into an empty database (default: dki-jakarta)" };
        var command = new Command("serve", "Run the web server (UI, REST API, OpenAPI at /docs)") { demo, urls, pack, DataFolder, Database, Connection, PacksFolder };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            settings["urls"] = parse.GetValue(urls);
            if (parse.GetValue(demo))
                settings["Aduan:Demo"] = "true";
            if (parse.GetValue(pack) is { } name)
                settings["Aduan:Pack"] = name;
            var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
            var app = AduanWebApp.Build(args, contentRoot: AppContext.BaseDirectory);
            await app.PrepareDatabaseAsync();
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }

    public static Command Migrate()
    {
        var command = new Command("migrate", "Create or upgrade the database schema") { DataFolder, Database, Connection };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            await services.GetRequiredService<PrepareDatabase>().MigrateAsync(ct);
            Console.WriteLine("Database is up to date.");
        }));
        return command;
    }

    public static Command Seed()
    {
        var pack = new Option<string>("--pack") { Description = "Pack name, a folder under packs/ (e.g. dki-jakarta, surabaya)", Required = true };
        var command = new Command("seed", "Load or update a pack (areas, agencies, categories, routing, holidays, templates)") { pack, DataFolder, Database, Connection, PacksFolder };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            await services.GetRequiredService<PrepareDatabase>().MigrateAsync(ct);
            var result = await services.GetRequiredService<SeedPack>().HandleAsync(parse.GetValue(pack)!, ct);
            Console.WriteLine($"Pack {result.Pack} loaded: {result.Areas} areas, {result.Agencies} agencies, {result.Categories} categories, " +
                $"{result.RoutingRules} routing rules, {result.Holidays} holidays, {result.Templates} templates.");
        }));
        return command;
    }

    public static Command Demo()
    {
        var count = new Option<int>("--count") { Description = "How many sample reports", DefaultValueFactory = _ => 400 };
        var command = new Command("demo", "Add sample reports to a database that has a pack") { count, DataFolder, Database, Connection };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var made = await services.GetRequiredService<GenerateDemoReports>().RunAsync(parse.GetValue(count), ct);
            Console.WriteLine($"{made} sample reports added.");
        }));
        return command;
    }

    public static Command CreateUser()
    {
        var email = new Option<string>("--email") { Description = "E-mail address; it is also the sign-in name", Required = true };
        var name = new Option<string>("--name") { Description = "Name shown to colleagues", Required = true };
        var roles = new Option<string>("--role") { Description = "operator, verifier, officer, head, leader, admin (comma-separated for several)", Required = true };
        var agency = new Option<string?>("--agency") { Description = "Agency code from the pack (required for officer and head)" };
        var password = new Option<string?>("--password") { Description = "Initial password (default: a temporary one is generated and printed)" };
        var command = new Command("create-user", "Create a staff account, e.g. the first admin of a new installation") { email, name, roles, agency, password, DataFolder, Database, Connection, PacksFolder };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var parsed = Staff.StaffRoles.Parse(parse.GetValue(roles));
            if (parsed is null)
                throw new CommandException($"Unknown role '{parse.GetValue(roles)}'. Use operator, verifier, officer, head, leader or admin.");
            // A new installation: schema and pack first, so that agencies can be checked.
            await services.GetRequiredService<PrepareDatabase>().MigrateAsync(ct);
            var db = services.GetRequiredService<AduanDbContext>();
            if (!await db.PackInfo.AnyAsync(ct))
                await services.GetRequiredService<SeedPack>().HandleAsync(services.GetRequiredService<IOptions<AduanOptions>>().Value.Pack, ct);
            var result = await services.GetRequiredService<Staff.StaffAccounts>().CreateAsync(
                new Staff.NewStaff(parse.GetValue(email)!, parse.GetValue(name)!, parsed.Value, parse.GetValue(agency), parse.GetValue(password)), ct);
            if (!result.Succeeded)
                throw new CommandException(string.Join(Environment.NewLine, result.Errors.Select(e => $"{e.Field}: {e.Detail ?? Describe(e.Code)}")));
            Console.WriteLine($"Created {result.User!.Email} ({string.Join(", ", Staff.StaffRoles.Split(parsed.Value).Select(Staff.StaffRoles.Name))}{(result.User.AgencyCode is { } code ? ", agency " + code : "")}).");
            if (result.TemporaryPassword is { } temporary)
                Console.WriteLine($"Temporary password: {temporary}  (pass it on privately; they change it under Akun > Keamanan)");
        }));
        return command;
    }

    public static Command Train()
    {
        var pack = new Option<string?>("--pack") { Description = "Load this pack first when the database has none (e.g. surabaya)" };
        var examples = new Option<string?>("--examples") { Description = "Extra labelled CSV (teks,kategori, optionally instansi), e.g. the city's own export; it stays outside the pack" };
        var command = new Command("train", "Train the category and agency classifiers from the pack's examples, --examples, operator decisions and dispatches") { pack, examples, DataFolder, Database, Connection, PacksFolder };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var file = parse.GetValue(examples);
            if (file is not null && !File.Exists(file))
                throw new CommandException($"No such file: {file}");
            await services.GetRequiredService<PrepareDatabase>().MigrateAsync(ct);
            var db = services.GetRequiredService<AduanDbContext>();
            var info = await db.PackInfo.AsNoTracking().SingleOrDefaultAsync(ct);
            if (parse.GetValue(pack) is { } wanted && info?.Name != wanted)
            {
                if (info is not null)
                    throw new CommandException($"This database holds pack {info.Name}, not {wanted}.");
                await services.GetRequiredService<SeedPack>().HandleAsync(wanted, ct);
            }
            else if (info is null)
                await services.GetRequiredService<SeedPack>().HandleAsync(services.GetRequiredService<IOptions<AduanOptions>>().Value.Pack, ct);
            Triage.Classification.TrainResult result;
            try
            {
                Console.WriteLine("Training (this takes from seconds to a few minutes, depending on the number of examples)...");
                result = await services.GetRequiredService<Triage.Classification.TrainClassifier>().HandleAsync(file, ct);
            }
            catch (InvalidDataException ex)
            {
                throw new CommandException(ex.Message);
            }
            Console.WriteLine($"Pack {result.Pack}: {result.PackExamples} pack examples, {result.FileExamples} from --examples, {result.OperatorExamples} operator decisions; " +
                $"{result.Skipped} skipped (unknown or inactive category, or no text); {result.Categories} categories with examples" +
                (result.NameOnlyCategories > 0 ? $", {result.NameOnlyCategories} more known by their name alone (suggested only when a complaint uses their words)." : "."));
            if (result.Problem is not null)
                throw new CommandException(result.Problem);
            Console.WriteLine(result.HeldOutAccuracy is { } accuracy
                ? $"Held-out accuracy (top-1, trained on 90 %, tested on the other {result.HeldOut}): {accuracy:P1}"
                : "Too few examples to hold any out; no accuracy measured.");
            Console.WriteLine($"Model saved to {result.ModelPath} (trained on all examples).");
            if (result.Agency is { } agency)
            {
                Console.WriteLine($"Agency model: {agency.FileExamples} from --examples (instansi), {agency.DispatchExamples} dispatched reports; {agency.Agencies} agencies.");
                Console.WriteLine(agency.ModelPath is null
                    ? "Fewer than two agencies to learn: no agency model; the routing rules alone suggest agencies."
                    : $"Agency held-out accuracy (top-1, {agency.HeldOut} held out): {agency.HeldOutAccuracy?.ToString("P1", CultureInfo.InvariantCulture) ?? "-"}; saved to {agency.ModelPath}.");
            }
        }));
        return command;
    }

    public static Command RunJob()
    {
        var name = new Argument<string?>("name") { Description = "The job: deliver, follow-up, triage, …", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("run-job", "Run one background job once and print what it did") { name, DataFolder, Database, Connection, PacksFolder };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var jobs = services.GetServices<IAduanJob>().ToList();
            var wanted = parse.GetValue(name);
            var job = jobs.FirstOrDefault(j => j.Name == wanted)
                ?? throw new CommandException($"{(wanted is null ? "Name a job." : $"No job called '{wanted}'.")} Known jobs: {string.Join(", ", jobs.Select(j => j.Name).Order(StringComparer.Ordinal))}");
            Console.WriteLine($"{job.Name}: {await job.RunOnceAsync(ct)}");
        }));
        return command;
    }

    /// <summary><c>aduan rollups rebuild</c>: the scorecard rollups again from the base tables, a month at a time.</summary>
    public static Command Rollups()
    {
        var rebuild = new Command("rebuild", "Rebuild the scorecard rollups from reports, parts and ratings (after an upgrade or a bulk load)") { DataFolder, Database, Connection, PacksFolder };
        rebuild.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            void Progress(string line) => Console.WriteLine($"{started.Elapsed:hh\\:mm\\:ss} {line}");
            var days = await services.GetRequiredService<Scorecards.ScorecardRollups>().RebuildAsync(Progress, ct);
            Console.WriteLine($"Scorecard rollups rebuilt: {days} days in {started.Elapsed.TotalSeconds:0.0} s.");
        }));
        return new Command("rollups", "Scorecard rollups behind the leaders' dashboard") { rebuild };
    }

    private static string Describe(string code) => code switch
    {
        "Error_Email" => "not a valid e-mail address",
        "Error_Required" => "required",
        "Error_TooLong" => "too long",
        "Staff_RoleRequired" => "choose at least one known role",
        "Staff_AgencyRequired" => "officers and heads need --agency",
        "Staff_UnknownAgency" => "no such agency in the pack (see agencies.csv)",
        _ => code,
    };

    public static Command CheckPack()
    {
        var pack = new Argument<string>("pack") { Description = "Pack name" };
        var command = new Command("check-pack", "Validate a pack without loading it") { pack, PacksFolder };
        command.SetAction(parse =>
        {
            var folder = new AduanOptions { PacksFolder = parse.GetValue(PacksFolder) }.ResolvePacksFolder();
            try
            {
                var contents = PackReader.Read(folder, parse.GetValue(pack)!);
                Console.WriteLine($"Pack {contents.Info.Name} is valid: {contents.Areas.Count} areas, {contents.Agencies.Count} agencies, {contents.Categories.Count} categories.");
                return 0;
            }
            catch (PackException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    private static Dictionary<string, string?> Settings(ParseResult parse)
    {
        var settings = new Dictionary<string, string?>();
        if (parse.GetValue(DataFolder) is { } data)
            settings["Aduan:DataFolder"] = data;
        if (parse.GetValue(Database) is { } database)
            settings["Aduan:Database"] = database;
        if (parse.GetValue(Connection) is { } connection)
            settings["Aduan:ConnectionString"] = connection;
        if (parse.GetValue(PacksFolder) is { } packs)
            settings["Aduan:PacksFolder"] = packs;
        return settings;
    }

    /// <summary>Runs one piece of work with the core's services, the same settings sources as the server, and clear errors.</summary>
    private static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task> work)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(parse));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAduan(builder.Configuration);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        try
        {
            await work(scope.ServiceProvider);
            return 0;
        }
        catch (PackException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (CommandException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, ex.Failures));
            return 1;
        }
    }
}

/// <summary>A problem with what the user typed: printed as it is, exit code 1, no stack trace.</summary>
internal sealed class CommandException(string message) : Exception(message);
