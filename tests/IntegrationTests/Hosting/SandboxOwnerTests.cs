using System.Diagnostics;

namespace Aspire.Sandbox.IntegrationTests.Hosting;

/// <summary>The owner label that decides which sandboxes an AppHost's start may remove as orphans.</summary>
public class SandboxOwnerTests
{
    [Fact]
    public void ALiveAppHostIsNeverTakenForAGoneOneHoweverOftenItIsAsked()
    {
        var label = SandboxOwner.Current.NewLabel();
        for (var i = 0; i < 2_000; i++)
            Assert.False(SandboxOwner.Parse(label)!.IsGone(), $"check {i} of a live process's label '{label}' said gone");
    }

    [Fact]
    public void AnotherLiveProcessIsNotGoneButAReusedPidOrAMissingOneIs()
    {
        using var other = Process.Start(new ProcessStartInfo("sleep", "30"))!;
        try
        {
            var start = SandboxOwner.StartTicksOf(other.Id)!.Value;
            var machine = Environment.MachineName;
            Assert.False(SandboxOwner.Parse($"{machine}.{other.Id}.{start}.ab12cd34")!.IsGone());
            Assert.True(SandboxOwner.Parse($"{machine}.{other.Id}.{start - 1}.ab12cd34")!.IsGone(), "same pid, earlier start: a reused pid");
            Assert.False(SandboxOwner.Parse($"other-host.{other.Id}.{start - 1}.ab12cd34")!.IsGone(), "another machine's label is left alone");
        }
        finally
        {
            other.Kill();
            other.WaitForExit();
        }

        Assert.True(SandboxOwner.Parse($"{Environment.MachineName}.{other.Id}.1.ab12cd34")!.IsGone(), "the process has exited");
        Assert.Null(SandboxOwner.Parse("aspire-sandbox-dev"));
    }
}
