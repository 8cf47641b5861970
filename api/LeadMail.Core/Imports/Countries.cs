using System.Globalization;

namespace LeadMail.Core.Imports;

/// <summary>ISO 3166-1 alpha-2 codes from what a spreadsheet holds: a code, or a country's name in English, German or its own language.</summary>
public static class Countries
{
    private static readonly Dictionary<string, string> ByName = Build();

    public static string? CodeOf(string text)
    {
        var key = text.Trim();
        if (key.Length == 2 && key.All(char.IsAsciiLetter)) return key.ToUpperInvariant();
        return ByName.GetValueOrDefault(key.ToLowerInvariant());
    }

    private static Dictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>
        {
            ["usa"] = "US", ["united states of america"] = "US", ["vereinigte staaten"] = "US", ["uk"] = "GB", ["great britain"] = "GB",
            ["england"] = "GB", ["großbritannien"] = "GB", ["grossbritannien"] = "GB", ["deutschland"] = "DE", ["österreich"] = "AT",
            ["oesterreich"] = "AT", ["schweiz"] = "CH", ["frankreich"] = "FR", ["niederlande"] = "NL", ["holland"] = "NL", ["belgien"] = "BE",
            ["italien"] = "IT", ["spanien"] = "ES", ["polen"] = "PL", ["dänemark"] = "DK", ["schweden"] = "SE", ["norwegen"] = "NO",
        };
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (region.TwoLetterISORegionName.Length != 2 || !region.TwoLetterISORegionName.All(char.IsAsciiLetter)) continue;
            foreach (var name in new[] { region.EnglishName, region.NativeName, region.ThreeLetterISORegionName })
                names.TryAdd(name.ToLowerInvariant(), region.TwoLetterISORegionName);
        }
        return names;
    }
}
