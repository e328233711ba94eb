using Microsoft.AspNetCore.Http.Metadata;

namespace Aspire.Sandbox.Api.Limits;

/// <summary>Endpoint metadata: this endpoint's body limit, above or below the default 1 MiB.</summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
