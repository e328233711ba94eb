using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using Aspire.Sandbox.Api.Problems;

namespace Aspire.Sandbox.Api.Limits;

public static class RequestLimits
{
    /// <summary>The body limit of the endpoint this request was routed to (its RequestSizeLimit, else 1 MiB).</summary>
    public static long MaxBodyFor(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ApiLimits.MaxBodyBytes;

    public static ProblemDetails TooLarge(Endpoint? endpoint)
    {
        var limit = MaxBodyFor(endpoint).ToString(CultureInfo.InvariantCulture);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = [$"At most {limit} bytes."] })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Type = ProblemTypes.PayloadTooLarge,
            Title = "Request body too large",
            Detail = $"This endpoint accepts bodies of at most {limit} bytes.",
        };
    }
}
