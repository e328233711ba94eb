namespace Aspire.Sandbox.Web.Security;

/// <summary>Sign-in of a deployed Web (section <c>Sandbox:SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string SectionName = "Sandbox:SignIn";

    /// <summary>Null: required as soon as the Web listens beyond loopback (see <see cref="WebAuth.SignInRequired"/>).</summary>
    public bool? Required { get; set; }

    /// <summary>Personal API keys for small installs: each signs one user in, exchanged once for an HttpOnly cookie.</summary>
    public List<PersonalKey> Users { get; set; } = [];

    /// <summary>An OpenID Connect provider (authorization code flow); off unless Authority and ClientId are set.</summary>
    public OidcSettings Oidc { get; set; } = new();

    public sealed class PersonalKey
    {
        public string Name { get; set; } = "";
        public string Key { get; set; } = "";
    }

    public sealed class OidcSettings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }

        /// <summary>Only for a provider on this machine during development and tests.</summary>
        public bool RequireHttpsMetadata { get; set; } = true;

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
    }
}
