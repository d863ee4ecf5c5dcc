using System.CommandLine;
using SimEmulator.Cli;

return SimemuCli.Run(args);
