namespace Aspire.Sandbox.Contracts.Work;

public static class WorkKinds
{
    public const string CreateSession = "session.create";
    public const string Run = "run";
    public const string DeleteSession = "session.delete";

    /// <summary>What a kind of work does, as its spans are named on both sides of the queue ("create sandbox", "run", "delete session").</summary>
    public static string SpanName(string kind) => kind switch
    {
        CreateSession => "create sandbox",
        Run => "run",
        DeleteSession => "delete session",
        _ => kind,
    };
}
