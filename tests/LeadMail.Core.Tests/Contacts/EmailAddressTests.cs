using CsCheck;
using LeadMail.Core.Contacts;

namespace LeadMail.Core.Tests.Contacts;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("Ada.Lovelace@Example.CO.UK")]
    [InlineData("first+tag@sub.example.org")]
    [InlineData("o'brien@example.ie")]
    [InlineData("  padded@example.com  ")]
    [InlineData("x@a.io")]
    public void Valid_addresses(string address) => Assert.True(EmailAddress.IsValid(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@localhost")]
    [InlineData("ada@example.")]
    [InlineData("ada@.example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@exa mple.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("<ada@example.com>")]
    [InlineData("ada@example.com, bob@example.com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada\t@example.com")]
    public void Invalid_addresses(string? address) => Assert.False(EmailAddress.IsValid(address));

    [Fact]
    public void An_address_over_254_characters_is_invalid()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com";
        var address = $"{local}@{domain}";
        Assert.True(address.Length > EmailAddress.MaxLength);
        Assert.False(EmailAddress.IsValid(address));
    }

    [Fact]
    public void Normalize_trims_and_lower_cases()
    {
        Assert.Equal("ada.lovelace@example.com", EmailAddress.Normalize("  Ada.Lovelace@EXAMPLE.com\t"));
        Assert.Equal("example.com", EmailAddress.Domain("ada@example.com"));
    }

    private static readonly Gen<string> LocalPart = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 1, 30]
        .Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789+-_"], 0, 10], (head, tail) => head + tail);

    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 1, 20];

    private static readonly Gen<string> Address = Gen.Select(LocalPart, Label.Array[1, 3], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 2, 6])
        .Select((local, labels, tld) => $"{local}@{string.Join('.', labels)}.{tld}");

    [Fact]
    public void Well_formed_addresses_are_valid_and_normalise_to_one_form_whatever_their_case_and_padding()
    {
        Gen.Select(Address, Gen.String[Gen.Char[" \t"], 0, 3], Gen.Bool).Sample((address, padding, upper) =>
        {
            var typed = padding + (upper ? address.ToUpperInvariant() : address) + padding;
            Assert.True(EmailAddress.IsValid(typed), typed);
            Assert.Equal(address.ToLowerInvariant(), EmailAddress.Normalize(typed));
            Assert.True(EmailAddress.IsValid(EmailAddress.Normalize(typed)));
        }, iter: 2000);
    }

    [Fact]
    public void Normalize_is_idempotent_and_validation_never_throws_on_any_text()
    {
        Gen.String.Sample(text =>
        {
            var once = EmailAddress.Normalize(text);
            Assert.Equal(once, EmailAddress.Normalize(once));
            var valid = EmailAddress.IsValid(text);
            if (valid)
            {
                // A valid address always has an '@' and a dotted domain after the last one.
                Assert.Contains('@', once);
                Assert.Contains('.', EmailAddress.Domain(once));
            }
        }, iter: 5000);
    }

    [Fact]
    public void Text_without_an_at_sign_is_never_an_address()
    {
        Gen.String[Gen.Char.Where(c => c != '@'), 0, 60].Sample(text => Assert.False(EmailAddress.IsValid(text)), iter: 2000);
    }
}
