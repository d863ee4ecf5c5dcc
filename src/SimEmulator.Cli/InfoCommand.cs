using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using SimEmulator.Torch;
using Spectre.Console;

namespace SimEmulator.Cli;

/// <summary>`simemu info`: the libtorch, threads, BLAS and CUDA devices this process actually uses.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of a table" };
        var cmd = new Command("info", "Show libtorch version, threads, BLAS in use and CUDA devices") { json };
        cmd.SetAction(parse =>
        {
            var info = Collect();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().AddColumn("item").AddColumn("value").Border(TableBorder.Rounded);
            foreach (var (k, v) in info)
                table.AddRow(Markup.Escape(k), Markup.Escape(v is IEnumerable<string> l ? string.Join("\n", l) : v?.ToString() ?? ""));
            AnsiConsole.Write(table);
            return 0;
        });
        return cmd;
    }

    public static Dictionary<string, object> Collect()
    {
        var build = TorchRuntime.BuildSettings();
        var cuda = torch.cuda.is_available();
        var devices = new List<string>();
        if (cuda)
            for (var i = 0; i < torch.cuda.device_count(); i++)
            {
                string name;
                try { name = torch.cuda.get_device_name(i); }
                catch (TorchException e) { name = $"(name unavailable: {e.Message})"; }
                devices.Add($"cuda:{i} {name}");
            }
        return new Dictionary<string, object>
        {
            ["simemu"] = Version(),
            ["dotnet"] = Environment.Version.ToString(),
            ["libtorch"] = torch.__version__,
            ["libtorch_build_blas"] = build.GetValueOrDefault("BLAS_INFO", "?"),
            ["blas_in_use"] = TorchRuntime.BlasName(),
            ["blas_libraries"] = TorchRuntime.LoadedBlasLibraries(),
            ["mkldnn"] = build.GetValueOrDefault("USE_MKLDNN", "?"),
            ["intra_op_threads"] = torch.get_num_threads().ToString(),
            ["inter_op_threads"] = torch.get_num_interop_threads().ToString(),
            ["cpu_cores"] = Environment.ProcessorCount.ToString(),
            ["cuda_available"] = cuda ? "yes" : "no",
            ["cuda_devices"] = devices,
            ["libtorch_built_with_cuda"] = build.GetValueOrDefault("USE_CUDA", "?"),
        };
    }

    public static string Version() =>
        typeof(InfoCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
