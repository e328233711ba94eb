/// <summary>
/// The dashboard's <c>sandboxes</c> resource: it runs nothing itself; its children (one <see cref="SandboxResource"/>
/// per session) are published by <see cref="SandboxesWatcher"/> as the session records in Redis change.
/// </summary>
internal sealed class SandboxesResource(string name) : Resource(name)
{
    public const string ResourceType = "Sandboxes";
}

/// <summary>
/// One live sandbox (a session) shown under <see cref="SandboxesResource"/>. Not part of the app model: made when a
/// session appears, so its commands can carry the session they act on.
/// </summary>
internal sealed class SandboxResource(string name, string sessionId) : Resource(name)
{
    public const string ResourceType = "Sandbox";

    public string SessionId { get; } = sessionId;

    /// <summary>
    /// A resource name from a session id (<c>ses_abc…</c> becomes <c>sandbox-abc…</c>): names allow only letters,
    /// digits and single hyphens, and the dashboard shows the name, so it keeps the id's random part readable.
    /// </summary>
    public static string NameFor(string sessionId)
    {
        var core = sessionId.StartsWith("ses_", StringComparison.Ordinal) ? sessionId[4..] : sessionId;
        var clean = new string([.. core.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var name = "sandbox-" + (clean.Length > 0 ? clean : "unnamed");
        return name.Length <= 64 ? name : name[..64];
    }
}
