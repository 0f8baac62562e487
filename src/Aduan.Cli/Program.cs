using System.CommandLine;
using Aduan.Cli;

var root = new RootCommand("Aduan: citizen reports for local governments (aduan warga).")
{
    Commands.Serve(),
    Commands.Migrate(),
    Commands.Seed(),
    Commands.Demo(),
    Commands.CreateUser(),
    Commands.CheckPack(),
    Commands.Train(),
    Commands.RunJob(),
    Commands.Rollups(),
};
return await root.Parse(args).InvokeAsync();
