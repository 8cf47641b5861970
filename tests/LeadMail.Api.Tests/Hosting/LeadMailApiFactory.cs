using LeadMail.Core.Contacts;
using LeadMail.Core.Interactions;
using LeadMail.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMail.Api.Tests.Hosting;

/// <summary>
/// The shared <see cref="LeadMailHost"/> for the API suite, one per test class (use it as an
/// <c>IClassFixture</c>), with the API tests' own ways of adding leads and touches.
/// </summary>
public class LeadMailApiFactory : LeadMailHost
{
    public HttpClient ManagerClient(string email = "manager@contoso.com") => ClientFor(email, manager: true, "Morgan Manager");

    /// <summary>Adds a lead through <see cref="LeadIntake"/>, faster than POSTs when a test needs many.</summary>
    public Task<Contact> AddContactAsync(Contact contact) =>
        InScopeAsync(sp => sp.GetRequiredService<LeadIntake>().AddAsync(contact, CancellationToken.None));

    /// <summary>Records touches through the one ingest path, as the sync worker would.</summary>
    public Task<IReadOnlyList<RecordedTouch>> RecordTouchesAsync(params Touch[] touches) =>
        InScopeAsync(sp => sp.GetRequiredService<TouchIngest>().RecordAsync(touches, KnownTouchPolicy.Update, CancellationToken.None));
}
