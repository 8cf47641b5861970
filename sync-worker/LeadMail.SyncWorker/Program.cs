using LeadMail.SyncWorker.Demo;
using LeadMail.SyncWorker.Hosting;
using Microsoft.Extensions.Options;

// `demo` serves a generated sample mailbox over the Graph protocol on 127.0.0.1 and syncs it;
// `--once` runs one round over every due stream and exits 0 only if all succeeded;
// no command runs the continuous worker until SIGTERM / Ctrl+C.
try
{
    if (args is ["demo", ..]) return await DemoCommand.RunAsync(args[1..]);

    var once = args.Contains("--once");
    var workerArgs = args.Where(a => a != "--once").ToArray();
    using var host = WorkerHost.CreateBuilder(workerArgs, continuous: !once).Build();
    if (once) return await WorkerHost.RunOnceAsync(host);
    await host.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationErrors(e) is { Count: > 0 } failures)
{
    // A bad configuration fails loudly at start, naming each key.
    foreach (var failure in failures) Console.Error.WriteLine($"Configuration error: {failure}");
    return 2;
}

// Several invalid sections arrive together as an AggregateException of validation failures.
static List<string> ConfigurationErrors(Exception e) => e switch
{
    OptionsValidationException invalid => [.. invalid.Failures],
    AggregateException many when many.InnerExceptions.All(i => i is OptionsValidationException) =>
        [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)],
    _ => [],
};
