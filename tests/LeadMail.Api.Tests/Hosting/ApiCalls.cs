using System.Net;
using LeadMail.Api.Contacts;
using LeadMail.Api.Interactions;
using LeadMail.Api.Lookup;
using LeadMail.Api.Reps;
using LeadMail.Api.Web;

namespace LeadMail.Api.Tests.Hosting;

/// <summary>The calls most tests start from, asserting the happy path so a failure points at the step.</summary>
public static class ApiCalls
{
    public static async Task<ContactDto> CreateContactAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsync("/api/contacts", HttpJson.Body(body));
        return await response.ReadAsync<ContactDto>(HttpStatusCode.Created);
    }

    /// <summary>A contact with a unique address and the given extra fields.</summary>
    public static Task<ContactDto> CreateLeadAsync(this HttpClient client, string? email = null, string? source = null,
        int? ownerId = null, string? firstName = "Ada", string? lastName = "Lovelace", string? company = null,
        string? interest = null, string? stage = null, DateTime? nextFollowUpDue = null) =>
        client.CreateContactAsync(new Dictionary<string, object?>
        {
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["email"] = email ?? Unique.Email(),
            ["company"] = company,
            ["source"] = source,
            ["interest"] = interest,
            ["stage"] = stage,
            ["ownerId"] = ownerId,
            ["nextFollowUpDue"] = nextFollowUpDue,
        });

    public static async Task<RepDto> MeAsync(this HttpClient client) =>
        await (await client.GetAsync("/api/me")).ReadAsync<RepDto>();

    public static async Task<Page<ContactDto>> ListContactsAsync(this HttpClient client, string query) =>
        await (await client.GetAsync("/api/contacts?" + query)).ReadAsync<Page<ContactDto>>();

    public static async Task<Page<InteractionDto>> ListInteractionsAsync(this HttpClient client, int contactId, string query = "") =>
        await (await client.GetAsync($"/api/contacts/{contactId}/interactions?{query}")).ReadAsync<Page<InteractionDto>>();

    public static async Task<ContactLookupDto> LookupAsync(this HttpClient client, string email, string? internetMessageId = null) =>
        await (await client.GetAsync(LookupUrl(email, internetMessageId))).ReadAsync<ContactLookupDto>();

    public static string LookupUrl(string email, string? internetMessageId = null) =>
        $"/api/contacts/lookup?email={Uri.EscapeDataString(email)}"
        + (internetMessageId is null ? "" : $"&internetMessageId={Uri.EscapeDataString(internetMessageId)}");
}
