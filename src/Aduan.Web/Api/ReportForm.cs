using System.Globalization;
using Aduan.Reports;

namespace Aduan.Web.Api;

/// <summary>The JSON body of <c>POST /api/reports</c>; unknown properties are ignored.</summary>
public sealed record SubmitReportRequest(
    string? Category,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? Name,
    string? Phone,
    string? Email,
    string? Visibility);

/// <summary>Reads a multipart form (API or the public web form) into the handler's input.</summary>
internal static class ReportForm
{
    public static async Task<(SubmitReportInput Input, List<FieldError> Errors)> ReadAsync(IFormCollection form, Channel channel, string? idempotencyKey, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var photos = await ReadPhotosAsync(form.Files, ct);
        var input = new SubmitReportInput
        {
            Category = Text(form, "category"),
            Description = Text(form, "description"),
            Latitude = Number(form, "latitude", errors),
            Longitude = Number(form, "longitude", errors),
            Address = Text(form, "address"),
            Name = Text(form, "name"),
            Phone = Text(form, "phone"),
            Email = Text(form, "email"),
            Visibility = Text(form, "visibility"),
            Channel = channel,
            IdempotencyKey = idempotencyKey,
            Photos = photos,
        };
        return (input, errors);
    }

    /// <summary>The non-empty files of a form, read into memory for <see cref="PhotoUploads"/> to check.</summary>
    public static async Task<List<PhotoUpload>> ReadPhotosAsync(IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var photos = new List<PhotoUpload>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            photos.Add(new PhotoUpload(file.FileName, buffer.ToArray()));
        }
        return photos;
    }

    public static SubmitReportInput FromJson(SubmitReportRequest body, string? idempotencyKey) => new()
    {
        Category = body.Category,
        Description = body.Description,
        Latitude = body.Latitude,
        Longitude = body.Longitude,
        Address = body.Address,
        Name = body.Name,
        Phone = body.Phone,
        Email = body.Email,
        Visibility = body.Visibility,
        Channel = Channel.Api,
        IdempotencyKey = idempotencyKey,
    };

    private static string? Text(IFormCollection form, string field) =>
        form.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    private static double? Number(IFormCollection form, string field, List<FieldError> errors)
    {
        var text = Text(form, field);
        if (text is null)
            return null;
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        errors.Add(new FieldError(field, "Error_Number"));
        return null;
    }
}
