using System.Security.Cryptography;
using Aduan.Reports;
using Microsoft.Extensions.Options;

namespace Aduan.Photos;

/// <summary>
/// Photos on disk, content-addressed (<c>photos/ab/abcdef….jpg</c>): the same photo sent twice is
/// stored once, and a file's name proves its content. The type is read from the file's first
/// bytes, never trusted from the client.
/// </summary>
public sealed class PhotoStore(IOptions<AduanOptions> options)
{
    private static readonly (string ContentType, string Extension, byte[] Magic, int Offset)[] KnownTypes =
    [
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/webp", ".webp", "WEBP"u8.ToArray(), 8),
    ];

    private string Root => Path.Combine(options.Value.DataFolder, "photos");

    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        foreach (var (contentType, _, magic, offset) in KnownTypes)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic)
                && (contentType != "image/webp" || head[..4].SequenceEqual("RIFF"u8)))
                return contentType;
        }
        return null;
    }

    /// <summary>Stores already-validated bytes and returns the photo row to attach (internal photos are served to staff only).</summary>
    public async Task<ReportPhoto> SaveAsync(byte[] content, string contentType, CancellationToken ct, bool isPublic = true)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathFor(hash, contentType);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, content, ct);
            File.Move(temp, path, overwrite: true);
        }
        return new ReportPhoto { Sha256 = hash, ContentType = contentType, Size = content.Length, IsPublic = isPublic };
    }

    /// <summary>Opens a stored photo, or null when the hash is unknown or malformed.</summary>
    public Stream? Open(string sha256, string contentType)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            return null;
        var path = PathFor(sha256.ToLowerInvariant(), contentType);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    private string PathFor(string hash, string contentType)
    {
        var extension = KnownTypes.First(t => t.ContentType == contentType).Extension;
        return Path.Combine(Root, hash[..2], hash + extension);
    }
}
