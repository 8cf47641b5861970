using System.Globalization;
using LeadMail.Core.Persistence;

namespace LeadMail.Core.Tests.Persistence;

/// <summary>Stored instants are read by position; they must read exactly as Microsoft.Data.Sqlite would.</summary>
public sealed class SqliteInstantTests
{
    // How EF Core's SQLite provider, and Microsoft.Data.Sqlite for parameters, write a DateTime.
    private const string StoredFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    [Theory]
    [InlineData("2026-11-26 11:49:56", "2026-11-26T11:49:56.0000000Z")]
    [InlineData("2026-11-26 11:49:56.5", "2026-11-26T11:49:56.5000000Z")]
    [InlineData("2026-11-26 11:49:56.0000001", "2026-11-26T11:49:56.0000001Z")]
    [InlineData("2024-02-29 23:59:59.9999999", "2024-02-29T23:59:59.9999999Z")]
    [InlineData("0001-01-01 00:00:00", "0001-01-01T00:00:00.0000000Z")]
    public void Reads_the_stored_shape_as_utc(string stored, string expected)
    {
        Assert.True(SqliteInstant.TryParse(stored, out var utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("O", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Agrees_with_DateTime_Parse_on_every_instant_EF_Core_writes()
    {
        var random = new Random(20261126);
        var span = DateTime.MaxValue.Ticks - DateTime.MinValue.Ticks;
        for (var i = 0; i < 100_000; i++)
        {
            // Whole seconds, milliseconds and full ticks, as the API, the sync worker and imports write them.
            var ticks = random.NextInt64(span) switch
            {
                var t when i % 3 == 0 => t - t % TimeSpan.TicksPerSecond,
                var t when i % 3 == 1 => t - t % TimeSpan.TicksPerMillisecond,
                var t => t,
            };
            var stored = new DateTime(ticks, DateTimeKind.Utc).ToString(StoredFormat, CultureInfo.InvariantCulture);

            Assert.True(SqliteInstant.TryParse(stored, out var utc), stored);
            Assert.Equal(DateTime.Parse(stored, CultureInfo.InvariantCulture).Ticks, utc.Ticks);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-26T11:49:56")]
    [InlineData("2026-11-26 11:49:56Z")]
    [InlineData("2026-11-26 11:49:56+01:00")]
    [InlineData("2026-11-26 11:49:56.")]
    [InlineData("2026-11-26 11:49:56.12345678")]
    [InlineData("2026-11-26 11:49:5x")]
    [InlineData("2026-02-29 00:00:00")]
    [InlineData("2026-13-01 00:00:00")]
    [InlineData("2026-11-26 24:00:00")]
    [InlineData("2026-11-26 11:60:00")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("２０２６-11-26 11:49:56")]
    public void Refuses_any_other_shape_so_the_caller_reads_it_as_EF_Core_does(string stored) =>
        Assert.False(SqliteInstant.TryParse(stored, out _));
}
