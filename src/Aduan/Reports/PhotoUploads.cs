using Aduan.Photos;

namespace Aduan.Reports;

/// <summary>
/// The checks every photo upload gets, whoever sends it (citizen intake, staff notes, checks on
/// the ground): count and size against the settings, and the type read from the bytes.
/// </summary>
public static class PhotoUploads
{
    /// <summary>Too many photos or one too large: a 413 in the caller's format. Null when within limits.</summary>
    public static FieldError? CheckLimits(IReadOnlyList<PhotoUpload> uploads, AduanOptions limits, string field = "photos")
    {
        if (uploads.Count > limits.MaxPhotos)
            return new FieldError(field, "Error_TooManyPhotos", limits.MaxPhotos);
        for (var i = 0; i < uploads.Count; i++)
        {
            if (uploads[i].Content.LongLength > limits.MaxPhotoBytes)
                return new FieldError(Indexed(field, i, uploads.Count), "Error_PhotoTooLarge", limits.MaxPhotoBytes / (1024 * 1024));
        }
        return null;
    }

    /// <summary>The content type of each photo from its first bytes; an unknown type adds a field error and gives null.</summary>
    public static List<string?> DetectTypes(IReadOnlyList<PhotoUpload> uploads, List<FieldError> errors, string field = "photos")
    {
        var types = new List<string?>(uploads.Count);
        for (var i = 0; i < uploads.Count; i++)
        {
            var content = uploads[i].Content;
            var type = content.Length == 0 ? null : PhotoStore.DetectContentType(content.AsSpan(0, Math.Min(16, content.Length)));
            if (type is null)
                errors.Add(new FieldError(Indexed(field, i, uploads.Count), "Error_PhotoType"));
            types.Add(type);
        }
        return types;
    }

    /// <summary>"photos[2]" for a list, the plain field name for a single photo field ("photo").</summary>
    private static string Indexed(string field, int index, int count) =>
        field.EndsWith('s') || count > 1 ? $"{field}[{index}]" : field;
}
