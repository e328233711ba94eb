using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Aspire.Sandbox.Web.App;

/// <summary>
/// Who a browser is, for the sessions it may list and open. Sessions created through the Web carry their creator as a
/// label (a hash: the Api never learns the user's name), so the list is one filtered Api call and a deep link checks
/// the session's own record. On loopback without sign-in everyone is the one local user.
/// </summary>
public static class WebUsers
{
    public const string OwnerLabel = "web.user";
    public const string LocalUser = "local";

    public static string Id(ClaimsPrincipal user) => Security.WebAuth.UserId(user) ?? LocalUser;

    /// <summary>The label value that marks a user's sessions: 32 hex characters of a hash of the user id.</summary>
    public static string Label(ClaimsPrincipal user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Id(user))))[..32];
}
