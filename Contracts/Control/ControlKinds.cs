namespace Aspire.Sandbox.Contracts.Control;

public static class ControlKinds
{
    public const string Input = "input";
    public const string Resize = "resize";
    public const string Stop = "stop";
}
