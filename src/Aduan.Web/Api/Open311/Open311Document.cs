using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Aduan.Web.Api.Open311;

/// <summary>One named value of an Open311 answer, in the order the spec lists them.</summary>
/// <param name="Value">Text, a number, a boolean, null (an empty element, JSON null), a nested record (<see cref="Fields"/>) or a list (<see cref="Many"/>).</param>
internal sealed record Field(string Name, object? Value);

/// <summary>An ordered record: an XML element's children, a JSON object's properties.</summary>
internal sealed class Fields : List<Field>
{
    public void Add(string name, object? value) => Add(new Field(name, value));
}

/// <summary>A list: XML repeats <paramref name="ItemElement"/> inside the parent element; JSON writes an array.</summary>
internal sealed record Many(string ItemElement, IReadOnlyList<object?> Items);

/// <summary>
/// An Open311 answer written in the format the URL asked for: XML (the spec's required format,
/// UTF-8 with its declaration) or JSON. The root is either a list (<c>&lt;services&gt;</c>, a JSON
/// array) or a single record (<c>&lt;service_definition&gt;</c>, a JSON object).
/// </summary>
internal sealed class Open311Result(Open311Format format, string root, object body, int status = StatusCodes.Status200OK) : IResult
{
    public static Open311Result List(Open311Format format, string root, string item, IEnumerable<Fields> items) =>
        new(format, root, new Many(item, [.. items]));

    public static Open311Result Record(Open311Format format, string root, Fields record) => new(format, root, record);

    /// <summary>The spec's error answer: <c>&lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;</c>, or a JSON array of the same.</summary>
    public static Open311Result Error(Open311Format format, int status, params string[] descriptions) =>
        new(format, "errors", new Many("error", [.. descriptions.Select(d => new Fields { { "code", status }, { "description", d } })]), status);

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = format == Open311Format.Xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
        var bytes = format == Open311Format.Xml ? Xml() : Json();
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private byte[] Xml()
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            WriteXml(xml, root, body);
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private byte[] Json()
    {
        using var buffer = new MemoryStream();
        // Plain '+' in offsets and readable Indonesian text: the answer is JSON, never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(json, body);
        return buffer.ToArray();
    }

    private static void WriteXml(XmlWriter xml, string name, object? value)
    {
        xml.WriteStartElement(name);
        switch (value)
        {
            case Fields record:
                foreach (var field in record)
                    WriteXml(xml, field.Name, field.Value);
                break;
            case Many list:
                foreach (var item in list.Items)
                    WriteXml(xml, list.ItemElement, item);
                break;
            case null:
                break;
            default:
                xml.WriteString(Text(value));
                break;
        }
        xml.WriteEndElement();
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case Fields record:
                json.WriteStartObject();
                foreach (var field in record)
                {
                    json.WritePropertyName(field.Name);
                    WriteJson(json, field.Value);
                }
                json.WriteEndObject();
                break;
            case Many list:
                json.WriteStartArray();
                foreach (var item in list.Items)
                    WriteJson(json, item);
                json.WriteEndArray();
                break;
            case null:
                json.WriteNullValue();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    private static string Text(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

internal enum Open311Format
{
    Xml,
    Json,
}
