namespace Aspire.Sandbox.Api.Validation;

/// <summary>Checks a request body against the contract's rules that need nothing but the body (and configuration).</summary>
public interface IRequestValidator<in T>
{
    ValidationErrors Validate(T request);
}
