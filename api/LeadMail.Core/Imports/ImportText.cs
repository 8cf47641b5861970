using System.Text;

namespace LeadMail.Core.Imports;

/// <summary>
/// Decodes text files as spreadsheets and phones write them: UTF-8 with or without a byte-order mark, UTF-16
/// with one, and otherwise Windows-1252 (what Excel on Windows saves as "CSV"), chosen by whether the bytes
/// are valid UTF-8.
/// </summary>
public static class ImportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] content)
    {
        ReadOnlySpan<byte> bytes = content;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return StrictUtf8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>
    /// A reader of the file's text, decided as <see cref="Decode"/> decides, without holding the file: a file without a
    /// byte-order mark is read once through a UTF-8 validator to choose between UTF-8 and Windows-1252.
    /// </summary>
    public static TextReader Open(Func<Stream> open)
    {
        var (encoding, preamble) = EncodingOf(open);
        var stream = open();
        for (var skipped = 0; skipped < preamble && stream.ReadByte() >= 0; skipped++)
        {
        }
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
    }

    private static (Encoding Encoding, int Preamble) EncodingOf(Func<Stream> open)
    {
        using var stream = open();
        var buffer = new byte[64 * 1024];
        var head = stream.ReadAtLeast(buffer, 3, throwOnEndOfStream: false);
        ReadOnlySpan<byte> start = buffer.AsSpan(0, head);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (StrictUtf8, 3);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Encoding.Unicode, 2);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Encoding.BigEndianUnicode, 2);
        var decoder = StrictUtf8.GetDecoder();
        try
        {
            for (var read = head; read > 0; read = stream.Read(buffer))
                decoder.GetCharCount(buffer, 0, read, flush: false);
            decoder.GetCharCount([], 0, 0, flush: true);
            return (StrictUtf8, 0);
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252), 0);
        }
    }
}
