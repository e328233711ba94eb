namespace Aspire.Sandbox.Contracts.Work;

public static class WorkKinds
{
    public const string CreateSession = "session.create";
    public const string Run = "run";
    public const string DeleteSession = "session.delete";
}
