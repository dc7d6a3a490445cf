using MaPLe.Cli;

using var signals = TerminationSignals.Register(Console.Error);
return await MapleCli.RunAsync(args, Console.Out, Console.Error, signals);
