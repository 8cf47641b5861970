if (args is ["backfill", ..]) return await LeadMail.Benchmarks.Backfill.BackfillBenchmark.RunAsync(args[1..]);
Console.WriteLine("Hello, World!");
return 0;
