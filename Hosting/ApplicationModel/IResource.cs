namespace Aspire.Hosting.ApplicationModel;

/// <summary>Something the AppHost starts and watches.</summary>
public interface IResource
{
    string Name { get; }
}
