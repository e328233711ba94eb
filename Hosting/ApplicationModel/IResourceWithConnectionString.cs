namespace Aspire.Hosting.ApplicationModel;

/// <summary>A resource others reference by connection string (<c>ConnectionStrings__{name}</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>Available once the application is built (ports are allocated by <c>Build()</c>).</summary>
    string GetConnectionString();
}
