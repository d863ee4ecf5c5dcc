using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SimEmulator.Torch.Native;

/// <summary>Finds libsimemu_torch.so next to the assembly (or in SIMEMU_NATIVE_DIR) before the first P/Invoke.</summary>
internal static class NativeLoader
{
    internal const string FileName = "libsimemu_torch.so";

    [ModuleInitializer]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != NativeMethods.Lib) return IntPtr.Zero;
        var tried = new List<string>();
        foreach (var dir in CandidateDirectories(assembly))
        {
            var file = Path.Combine(dir, FileName);
            tried.Add(file);
            if (!File.Exists(file)) continue;
            try { return NativeLibrary.Load(file); }
            catch (DllNotFoundException e)
            {
                // Usually libtorch itself is missing or was moved since the shim was built.
                throw new DllNotFoundException(
                    $"{file} exists but could not be loaded ({e.Message}). Is libtorch installed " +
                    "(Debian: libtorch-dev), or has the libtorch it was built against moved? Rebuild with ./simemu.", e);
            }
        }
        throw new DllNotFoundException(
            $"{FileName} was not found (looked in: {string.Join(", ", tried)}). " +
            "It is built by `dotnet build` of SimEmulator.Torch (needs cmake, g++ and libtorch-dev); run ./simemu to build.");
    }

    private static IEnumerable<string> CandidateDirectories(Assembly assembly)
    {
        var env = Environment.GetEnvironmentVariable("SIMEMU_NATIVE_DIR");
        if (!string.IsNullOrEmpty(env)) yield return env;
        yield return AppContext.BaseDirectory;
        var asmDir = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(asmDir)) yield return asmDir;
    }
}
