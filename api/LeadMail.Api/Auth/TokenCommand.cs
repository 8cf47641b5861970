namespace LeadMail.Api.Auth;

/// <summary>
/// <c>dotnet run --project api/LeadMail.Api -- token --email alice@contoso.com --role rep|manager [--name "Alice"] [--hours 8]</c>:
/// prints a Local-mode token and nothing else, so it can be captured into a variable.
/// </summary>
public static class TokenCommand
{
    public static int Run(string[] args, WebApplicationBuilder builder)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var email = Option("--email");
        var role = Option("--role") ?? "rep";
        if (email is null || role is not ("rep" or "manager") || Option("--hours") is { } h && !double.TryParse(h, out _))
        {
            Console.Error.WriteLine("usage: token --email alice@contoso.com [--role rep|manager] [--name \"Alice Adams\"] [--hours 8]");
            return 2;
        }

        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        AuthMode mode;
        try
        {
            mode = AuthRegistration.ResolveMode(options, builder.Environment);
        }
        catch (InvalidOperationException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return 1;
        }
        if (mode != AuthMode.Local)
        {
            Console.Error.WriteLine("Auth:Mode is EntraId here: tokens come from Microsoft Entra ID, not from this command.");
            return 1;
        }

        var key = LocalSigningKey.Load(options.Local, builder.Environment.ContentRootPath);
        var hours = Option("--hours") is { } text ? double.Parse(text) : (double?)null;
        var issuer = new LocalTokenIssuer(options.Local, key, TimeProvider.System);
        Console.WriteLine(issuer.Mint(email, role == "manager", Option("--name"), hours is null ? null : TimeSpan.FromHours(hours.Value)));
        return 0;
    }
}
