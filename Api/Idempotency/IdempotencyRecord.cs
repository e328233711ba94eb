namespace Aspire.Sandbox.Api.Idempotency;

/// <summary>
/// What Redis holds for one key: the request's fingerprint and, once answered, the answer. While the
/// first request runs, <see cref="Status"/> is 0 and <see cref="Owner"/> says which request holds the key.
/// </summary>
public sealed record IdempotencyRecord(string Fingerprint, string Owner, int Status = 0, string? Location = null, string? Body = null)
{
    public bool InFlight => Status == 0;
}
