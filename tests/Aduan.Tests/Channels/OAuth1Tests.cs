using Aduan.Channels;

namespace Aduan.Tests.Channels;

/// <summary>
/// OAuth 1.0a signing against the worked example in X's documentation ("Creating a signature",
/// developer.x.com / docs.x.com, fundamentals/authentication/oauth-1-0a): the same request, keys,
/// nonce and timestamp must give the documented parameter string, base string and signature.
/// </summary>
public sealed class OAuth1Tests
{
    private static readonly Uri Url = new("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
    private static readonly KeyValuePair<string, string>[] Form = [new("status", "Hello Ladies + Gentlemen, a signed OAuth request!")];
    private static readonly OAuth1Credentials Keys = new(
        "xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    private const string Nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
    private const string Timestamp = "1318622958";

    [Fact]
    public void The_signature_base_string_is_the_documented_one()
    {
        var oauth = new Dictionary<string, string>
        {
            ["oauth_consumer_key"] = Keys.ConsumerKey,
            ["oauth_nonce"] = Nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = Timestamp,
            ["oauth_token"] = Keys.Token,
            ["oauth_version"] = "1.0",
        };

        var baseString = OAuth1.SignatureBaseString(HttpMethod.Post, Url, Form.Concat(oauth));

        Assert.Equal(
            "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
            baseString);
        Assert.Equal("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", OAuth1.Sign(baseString, Keys.ConsumerSecret, Keys.TokenSecret));
    }

    [Fact]
    public void The_authorization_header_carries_the_documented_signature_and_every_oauth_parameter()
    {
        var header = OAuth1.Authorize(HttpMethod.Post, Url, Form, Keys, Nonce, Timestamp);

        Assert.Equal(
            "OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\", "
            + "oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1318622958\", "
            + "oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", oauth_version=\"1.0\"",
            header);
    }

    [Fact]
    public void Any_change_to_the_request_or_the_keys_changes_the_signature()
    {
        var documented = OAuth1.Authorize(HttpMethod.Post, Url, Form, Keys, Nonce, Timestamp);

        Assert.NotEqual(documented, OAuth1.Authorize(HttpMethod.Get, Url, Form, Keys, Nonce, Timestamp));
        Assert.NotEqual(documented, OAuth1.Authorize(HttpMethod.Post, new Uri("https://api.x.com/1.1/statuses/update.json?include_entities=true"), Form, Keys, Nonce, Timestamp));
        Assert.NotEqual(documented, OAuth1.Authorize(HttpMethod.Post, Url, [], Keys, Nonce, Timestamp));
        Assert.NotEqual(documented, OAuth1.Authorize(HttpMethod.Post, Url, Form, Keys with { TokenSecret = "lain" }, Nonce, Timestamp));
        Assert.NotEqual(documented, OAuth1.Authorize(HttpMethod.Post, Url, Form, Keys, Nonce, "1318622959"));
    }

    [Theory]
    [InlineData("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [InlineData("An encoded string!", "An%20encoded%20string%21")]
    [InlineData("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice")]
    [InlineData("☃", "%E2%98%83")]
    [InlineData("Aa0-._~", "Aa0-._~")]
    [InlineData("Jl. Kenanga (RT 03)*", "Jl.%20Kenanga%20%28RT%2003%29%2A")]
    public void Values_are_percent_encoded_as_the_docs_show(string raw, string encoded) =>
        Assert.Equal(encoded, OAuth1.Encode(raw));

    [Fact]
    public void The_base_url_keeps_a_non_default_port_and_lowercases_scheme_and_host()
    {
        var baseString = OAuth1.SignatureBaseString(HttpMethod.Get, new Uri("HTTP://Example.COM:8080/x-media/a.jpg?b=2&a=1"), []);

        Assert.Equal("GET&http%3A%2F%2Fexample.com%3A8080%2Fx-media%2Fa.jpg&a%3D1%26b%3D2", baseString);
    }
}
