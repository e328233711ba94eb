namespace Aspire.Hosting.Orchestration;

/// <summary>Asks a running replica whether it is healthy. Must not throw for a plain "no".</summary>
internal interface IHealthProbe
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
