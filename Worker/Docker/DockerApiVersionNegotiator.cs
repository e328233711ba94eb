using System.Globalization;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>
/// Picks the API version to put in every path. Hard-coding one breaks somewhere: Engine 29 refuses
/// anything below 1.44, Debian's Engine 20.10 knows nothing above 1.41. So: the newest both sides speak.
/// </summary>
public static class DockerApiVersionNegotiator
{
    /// <summary>The newest API whose shapes this client has been checked against.</summary>
    public static readonly Version ClientMaximum = new(1, 47);

    /// <summary>Oldest API we rely on (Init, NanoCpus, Mounts, exec Env/WorkingDir, CgroupnsMode): Engine 20.10.</summary>
    public static readonly Version ClientMinimum = new(1, 41);

    /// <summary>Returns <c>min(engine's ApiVersion, client maximum)</c>, formatted for a path (<c>"1.41"</c>).</summary>
    /// <exception cref="NotSupportedException">The engine and this client share no version.</exception>
    public static string Choose(string engineApiVersion, string? engineMinApiVersion)
    {
        var engine = Parse(engineApiVersion, nameof(engineApiVersion));
        var chosen = engine < ClientMaximum ? engine : ClientMaximum;
        if (chosen < ClientMinimum)
        {
            throw new NotSupportedException(
                $"Docker engine API {engineApiVersion} is older than {Format(ClientMinimum)}, the oldest this client supports.");
        }

        if (!string.IsNullOrEmpty(engineMinApiVersion) && chosen < Parse(engineMinApiVersion, nameof(engineMinApiVersion)))
        {
            throw new NotSupportedException(
                $"Docker engine requires API {engineMinApiVersion} or newer; this client speaks up to {Format(ClientMaximum)}.");
        }

        return Format(chosen);
    }

    private static Version Parse(string text, string parameterName)
    {
        if (!Version.TryParse(text, out var version) || version.Major < 1)
        {
            throw new ArgumentException($"'{text}' is not a Docker API version.", parameterName);
        }

        return new Version(version.Major, version.Minor);
    }

    private static string Format(Version version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}");
}
