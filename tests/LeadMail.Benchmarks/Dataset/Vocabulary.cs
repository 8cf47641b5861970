using LeadMail.Core.Contacts;

namespace LeadMail.Benchmarks.Dataset;

/// <summary>The words the generator draws from, with weights where the field is skewed (most leads are new, most touches are email).</summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Karin", "Luca", "Maria", "Noah",
        "Olivia", "Paul", "Quentin", "Rosa", "Samuel", "Tina", "Ulrich", "Vera", "William", "Xenia", "Yusuf", "Zoe", "Amir",
        "Beatriz", "Chen", "Dmitri", "Emma", "Fatima", "Giulia", "Hannah", "Ivan", "Julia", "Kenji", "Lena", "Mateo", "Nina",
        "Oscar", "Priya", "Rafael", "Sofia", "Tom", "Ursula", "Victor", "Wei", "Yara", "Zanele", "Aisha", "Bruno", "Claire",
        "Daniel", "Eva", "Frank", "Gabriel", "Helena", "Isaac", "Jana", "Klaus", "Laura", "Marco", "Nadia", "Omar", "Petra",
        "Ruth", "Stefan", "Theo", "Valentina", "Wolfgang", "Ying", "Aaron", "Birgit", "Carlos", "Doris", "Erik", "Freya",
    ];

    public static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Smith", "Johnson", "García", "Martin", "Rossi", "Dubois", "Jansen", "Nielsen", "Kowalski", "Novak",
        "Silva", "Andersson", "Fischer", "Weber", "Brown", "Taylor", "Wilson", "Lee", "Wang", "Kim", "Tanaka", "Patel", "Singh",
        "Khan", "Ivanova", "Horvat", "Meier", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf",
        "Neumann", "Schwarz", "Zimmermann", "Bianchi", "Romano", "Colombo", "Moreau", "Laurent", "Bernard", "Lefèvre", "Bakker",
        "Visser", "Smit", "Hansen", "Johansson", "Lindqvist", "Virtanen", "O'Brien", "Murphy", "Walsh", "Campbell", "Stewart",
        "Evans", "Thomas", "Roberts", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
    ];

    private static readonly string[] CompanyStems =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Adventure", "Litware", "Proseware", "Wingtip", "Woodgrove", "Alpine",
        "Blue Yonder", "Coho", "Lucerne", "Margie's", "Trey", "Wide World", "Humongous", "Fourth Coffee", "Graphic", "Southridge",
        "Nod", "Consolidated", "Datum", "Relecloud", "Bellows", "Baltic", "Rhein", "Danube", "Cascade", "Summit", "Harbor",
        "Granite", "Aurora", "Meridian", "Pioneer", "Keystone", "Lakeside", "Redwood", "Silverline", "Ironbridge",
    ];

    private static readonly string[] CompanyKinds =
    [
        "Traders", "Logistics", "Foods", "Bank", "Insurance", "Energy", "Systems", "Labs", "Health", "Pharma", "Motors",
        "Textiles", "Hotels", "Media", "Software", "Engineering", "Retail", "Farms", "Construction", "Airlines", "Consulting",
        "Robotics", "Chemicals", "Packaging", "Telecom",
    ];

    private static readonly string[] CompanySuffixes = ["GmbH", "Ltd", "Inc.", "AG", "S.A.", "B.V.", "LLC", "Group", "AB", "SE"];

    /// <summary>Every combination of stem, kind and legal form: about ten thousand companies, twenty-odd leads each at the default size.</summary>
    public static readonly string[] Companies =
        (from stem in CompanyStems from kind in CompanyKinds from suffix in CompanySuffixes select $"{stem} {kind} {suffix}").ToArray();

    public static string DomainOf(string company)
    {
        var words = company.Split(' ');
        var name = string.Concat(words[..^1]).ToLowerInvariant().Replace("'", "");
        return $"{name}.example.com";
    }

    public static readonly string[] PersonalDomains = ["gmail.example", "outlook.example", "web.example", "icloud.example", "gmx.example"];

    public static readonly string[] Titles =
    [
        "CEO", "CFO", "CTO", "Head of Purchasing", "Procurement Manager", "IT Director", "Operations Manager", "Office Manager",
        "Sales Director", "Marketing Lead", "Project Manager", "Owner", "Buyer", "Engineer", "Plant Manager", "Consultant",
    ];

    public static readonly (string Value, double Weight)[] Sources =
    [
        ("Web form", 22), ("Referral", 12), ("Trade fair: Hannover Messe", 6), ("Trade fair: CeBIT", 4), ("LinkedIn campaign", 10),
        ("Webinar", 8), ("Cold call", 9), ("Partner", 7), ("Inbound email", 8), ("Google Ads", 7), ("Newsletter", 4), ("Event: Roadshow", 3),
    ];

    public static readonly (string Value, double Weight)[] Interests =
    [
        ("CRM suite", 18), ("Email tracking", 14), ("Analytics", 12), ("Support plan", 8), ("Onboarding", 6), ("Integrations", 9),
        ("Mobile app", 7), ("Data migration", 5), ("Training", 6), ("Enterprise licence", 8), ("Consulting", 4), ("Hardware bundle", 3),
    ];

    /// <summary>Country (ISO 3166-1 alpha-2), its regions, a city per region, and how many leads come from there.</summary>
    public static readonly (string Country, (string Region, string City)[] Regions, double Weight)[] Territories =
    [
        ("US", [("California", "San Francisco"), ("New York", "New York"), ("Texas", "Austin"), ("Washington", "Seattle"), ("Illinois", "Chicago"), ("Massachusetts", "Boston"), ("Florida", "Miami"), ("Georgia", "Atlanta")], 30),
        ("DE", [("Bayern", "München"), ("Berlin", "Berlin"), ("Hamburg", "Hamburg"), ("Nordrhein-Westfalen", "Köln"), ("Hessen", "Frankfurt am Main"), ("Baden-Württemberg", "Stuttgart")], 18),
        ("GB", [("England", "London"), ("Scotland", "Edinburgh"), ("Wales", "Cardiff")], 12),
        ("FR", [("Île-de-France", "Paris"), ("Auvergne-Rhône-Alpes", "Lyon"), ("Occitanie", "Toulouse")], 8),
        ("NL", [("Noord-Holland", "Amsterdam"), ("Zuid-Holland", "Rotterdam")], 5),
        ("CH", [("Zürich", "Zürich"), ("Genève", "Genève")], 4),
        ("AT", [("Wien", "Wien"), ("Tirol", "Innsbruck")], 3),
        ("SE", [("Stockholm", "Stockholm"), ("Västra Götaland", "Göteborg")], 3),
        ("ES", [("Madrid", "Madrid"), ("Cataluña", "Barcelona")], 4),
        ("IT", [("Lombardia", "Milano"), ("Lazio", "Roma")], 4),
        ("CA", [("Ontario", "Toronto"), ("British Columbia", "Vancouver"), ("Québec", "Montréal")], 5),
        ("AU", [("New South Wales", "Sydney"), ("Victoria", "Melbourne")], 4),
    ];

    public static readonly (Stage Value, double Weight)[] Stages =
    [
        (Stage.New, 30), (Stage.MarketingQualified, 18), (Stage.SalesQualified, 14), (Stage.Proposal, 7), (Stage.Agreement, 4),
        (Stage.Won, 9), (Stage.Lost, 12), (Stage.Nurture, 6),
    ];

    public static readonly (Priority Value, double Weight)[] Priorities = [(Priority.Low, 30), (Priority.Medium, 50), (Priority.High, 20)];

    public static readonly string[] Backgrounds =
    [
        "Met at the booth; asked about pricing for 50 seats.", "Former customer at a previous employer.", "Prefers calls in the morning.",
        "Evaluating two competitors; decision next quarter.", "Budget approved, waiting for legal.", "Introduced by a partner.",
        "Very technical; wants an API walkthrough.", "Family business, third generation.", "Downloaded the whitepaper twice.",
    ];

    public static readonly string[] FollowUpNotes =
    [
        "Send the revised quote", "Call back after the board meeting", "Check whether the trial started", "Book a demo with IT",
        "Ask for the procurement contact", "Share the case study", "Confirm the onsite visit",
    ];

    public static readonly string[] EmailSubjects =
    [
        "Re: {0} pricing", "Your question about {0}", "Follow-up: {0}", "Quote for {0}", "Re: Re: {0} trial", "Introduction: {0}",
        "Next steps on {0}", "Invoice and contract for {0}", "{0}: the case study you asked for", "Fwd: {0} requirements",
    ];

    public static readonly string[] MeetingSubjects = ["{0} demo", "{0} kick-off", "Quarterly review: {0}", "{0} workshop", "Contract call: {0}"];

    public static readonly string[] CallNotes =
    [
        "Discussed timeline and budget.", "Asked to call back next week.", "Assistant took a message.", "Interested, wants a quote.",
        "No decision yet.", "Talked through the integration.", "Not the right person; referred to procurement.",
    ];

    public static readonly (string Value, double Weight)[] LostReasons =
    [
        ("Chose a competitor", 30), ("No budget", 22), ("No response after many attempts", 18), ("Project cancelled", 12),
        ("Price too high", 10), ("Not a fit", 8),
    ];

    public static readonly (string Value, double Weight)[] NurtureReasons =
    [
        ("Not ready this year", 40), ("Waiting for funding", 25), ("Timing: after the next budget round", 20), ("Needs more information", 15),
    ];
}
