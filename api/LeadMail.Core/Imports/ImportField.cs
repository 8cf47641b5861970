using System.Text.Json;

namespace LeadMail.Core.Imports;

/// <summary>What a column of an imported file can fill on a lead.</summary>
public enum ImportField
{
    FirstName,
    LastName,
    /// <summary>"Ada Lovelace" or "Lovelace, Ada": split into first and last name when those columns are missing.</summary>
    FullName,
    Company,
    Title,
    Email,
    Phone,
    MobilePhone,
    Street,
    City,
    PostalCode,
    Region,
    Country,
    Background,
    Source,
    FirstMetOn,
    Interest,
    DoNotCall,
    DoNotEmail,
    Unsubscribed,
}

public static class ImportFields
{
    /// <summary>The field's name in the API and in a mapping ("firstName", "doNotEmail").</summary>
    public static string Name(this ImportField field) => JsonNamingPolicy.CamelCase.ConvertName(field.ToString());

    public static bool TryParse(string name, out ImportField field) =>
        Enum.TryParse(name.Trim(), ignoreCase: true, out field) && Enum.IsDefined(field) && !int.TryParse(name, out _);

    public static string AllNames => string.Join(", ", Enum.GetValues<ImportField>().Select(Name));
}
