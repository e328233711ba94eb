namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource other resources can reference by URL (<c>services__{name}__{scheme}__{index}</c>).</summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;
