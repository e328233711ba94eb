namespace Aspire.Hosting.ApplicationModel;

/// <summary>What <c>Add*</c> returns; the <c>With*</c> extension methods configure <see cref="Resource"/>.</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    IDistributedApplicationBuilder ApplicationBuilder { get; }

    T Resource { get; }
}
