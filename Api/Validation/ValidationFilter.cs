using Aspire.Sandbox.Api.Problems;

namespace Aspire.Sandbox.Api.Validation;

/// <summary>Runs the body's validator before the handler; an invalid body never reaches Redis.</summary>
internal sealed class ValidationFilter<T>(IRequestValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } request)
            return Problems.Problems.Validation("body", "A JSON object is required.");
        var errors = validator.Validate(request);
        return errors.Count > 0 ? Problems.Problems.Validation(errors) : await next(context);
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<ValidationFilter<T>>();
}
