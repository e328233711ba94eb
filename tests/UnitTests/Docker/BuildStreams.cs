using System.Text;

namespace Aspire.Sandbox.UnitTests.Docker;

/// <summary>Build answers as Engine 20.10's classic builder writes them (captured), for parser and wire tests.</summary>
internal static class BuildStreams
{
    public const string ImageId = "sha256:5dcd352e7d94a24f7e9d2fd598a4788e04258e00bfd92710af02e7ea0beb76a6";

    public const string FailureMessage = "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3";

    /// <summary>
    /// A successful build. Step lines and their line break come in separate messages, as the engine sends them;
    /// RUN output carries multi-byte UTF-8, braces and quotes inside strings, and a CRLF line.
    /// </summary>
    public static readonly string Success = string.Concat(
        """{"stream":"Step 1/3 : FROM aspire-sandbox-base:bookworm"}""" + "\r\n",
        """{"stream":"\n"}""" + "\r\n",
        """{"stream":" ---\u003e 8e5a8ec96e74\n"}""" + "\r\n",
        """{"stream":"Step 2/3 : LABEL capture=14783"}""" + "\r\n",
        """{"stream":"\n"}""" + "\r\n",
        """{"stream":" ---\u003e Running in 1584a4fd7bac\n"}""" + "\r\n",
        """{"stream":"Step 3/3 : RUN echo ok"}""" + "\r\n",
        """{"stream":"\n"}""" + "\r\n",
        """{"stream":"café ✓ {\"not\":\"a message\"} }{\r\n"}""" + "\r\n",
        """{"stream":"two\nlines\n"}""" + "\r\n",
        """{"stream":"Removing intermediate container 1584a4fd7bac\n"}""" + "\r\n",
        """{"stream":" ---\u003e 5dcd352e7d94\n"}""" + "\r\n",
        $$$"""{"aux":{"ID":"{{{ImageId}}}"}}""" + "\r\n",
        """{"stream":"Successfully built 5dcd352e7d94\n"}""" + "\r\n",
        """{"stream":"Successfully tagged capture-test:x\n"}""" + "\r\n");

    public static readonly string[] SuccessLines =
    [
        "Step 1/3 : FROM aspire-sandbox-base:bookworm",
        " ---> 8e5a8ec96e74",
        "Step 2/3 : LABEL capture=14783",
        " ---> Running in 1584a4fd7bac",
        "Step 3/3 : RUN echo ok",
        """café ✓ {"not":"a message"} }{""",
        "two",
        "lines",
        "Removing intermediate container 1584a4fd7bac",
        " ---> 5dcd352e7d94",
        "Successfully built 5dcd352e7d94",
        "Successfully tagged capture-test:x",
    ];

    /// <summary>A <c>RUN echo about to fail &amp;&amp; exit 3</c> step failing, as captured.</summary>
    public static readonly string Failure = string.Concat(
        """{"stream":"Step 1/2 : FROM aspire-sandbox-base:bookworm"}""" + "\r\n",
        """{"stream":"\n"}""" + "\r\n",
        """{"stream":" ---\u003e 8e5a8ec96e74\n"}""" + "\r\n",
        """{"stream":"Step 2/2 : RUN echo about to fail \u0026\u0026 exit 3"}""" + "\r\n",
        """{"stream":"\n"}""" + "\r\n",
        """{"stream":" ---\u003e Running in fc5ee168a8b5\n"}""" + "\r\n",
        """{"stream":"about to fail\n"}""" + "\r\n",
        """{"stream":"Removing intermediate container fc5ee168a8b5\n"}""" + "\r\n",
        """{"errorDetail":{"code":3,"message":"The command '/bin/sh -c echo about to fail \u0026\u0026 exit 3' returned a non-zero code: 3"},"error":"The command '/bin/sh -c echo about to fail \u0026\u0026 exit 3' returned a non-zero code: 3"}""" + "\r\n");

    public static byte[] Bytes(string stream) => Encoding.UTF8.GetBytes(stream);
}
