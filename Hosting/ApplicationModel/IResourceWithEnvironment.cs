namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource whose process receives injected environment variables (WithReference, WithEnvironment).</summary>
public interface IResourceWithEnvironment : IResource;
