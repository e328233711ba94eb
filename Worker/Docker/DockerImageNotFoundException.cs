using System.Net;

namespace Aspire.Sandbox.Worker.Docker;

/// <summary>Container create answered 404: the image is not present (nothing can be pulled on our hosts).</summary>
public sealed class DockerImageNotFoundException : DockerApiException
{
    public DockerImageNotFoundException(string image, string message)
        : base(HttpStatusCode.NotFound, message)
    {
        Image = image;
    }

    public string Image { get; }
}
