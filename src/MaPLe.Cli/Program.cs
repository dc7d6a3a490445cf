using MaPLe.Cli;

return await MapleCli.RunAsync(args, Console.Out, Console.Error);
