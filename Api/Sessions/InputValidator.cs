using System.Text;
using Aspire.Sandbox.Api.Limits;
using Aspire.Sandbox.Api.Validation;

namespace Aspire.Sandbox.Api.Sessions;

public sealed class InputValidator : IRequestValidator<InputRequest>
{
    public ValidationErrors Validate(InputRequest request)
    {
        var errors = new ValidationErrors();
        if (request.Data is null) errors.Report("data", "The text to send is required.");
        else if (Encoding.UTF8.GetByteCount(request.Data) > ApiLimits.MaxInputBytes) errors.Report("data", $"At most {ApiLimits.MaxInputBytes} bytes at a time.");
        return errors;
    }
}
