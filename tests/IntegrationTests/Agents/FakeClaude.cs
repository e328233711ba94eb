namespace Aspire.Sandbox.IntegrationTests.Agents;

/// <summary>
/// A stand-in for the Claude Code CLI, put into the sandbox as workspace files: <c>bin/claude</c>
/// checks it was called exactly as the <c>claude</c> template calls it and that the API key
/// secret reached it, then prints <c>bin/claude.recording</c> — a stream-json transcript with the
/// milliseconds to wait before each line — at its recorded pace. Called with <c>--resume &lt;id&gt;</c>
/// appended (a later prompt of the session), it says so on stderr first.
/// </summary>
public static class FakeClaude
{
    public const string ScriptPath = "bin/claude";
    public const string RecordingPath = "bin/claude.recording";
    public const string AgentSessionId = "3b1e7c52-9a0d-4f7e-b6c1-5d2e8f9a0b1c";
    public const string FinalText = "There is one file: `notes.txt`.";

    /// <summary>The text deltas, with the key the transcript echoes shown masked.</summary>
    public const string StreamedText = "I'll check the workspace with your key *** first.\n\n" + FinalText;

    public const string Script = """
        #!/usr/bin/env python3
        import json, os, sys, time
        expected = ["-p", None, "--output-format", "stream-json", "--verbose", "--include-partial-messages"]
        args = sys.argv[1:]
        resumed = None
        if len(args) == len(expected) + 2 and args[-2] == "--resume":
            resumed, args = args[-1], args[:-2]
        if len(args) != len(expected) or any(e is not None and a != e for a, e in zip(args, expected)):
            sys.stderr.write("fake claude: unexpected arguments %r\n" % (args,))
            sys.exit(2)
        key = os.environ.get("ANTHROPIC_API_KEY", "")
        if not key:
            sys.stderr.write("fake claude: ANTHROPIC_API_KEY is not set\n")
            sys.exit(3)
        if resumed is not None:
            sys.stderr.write("fake claude: resuming %s\n" % resumed)
            sys.stderr.flush()
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "claude.recording")) as recording:
            for line in recording:
                delay, _, event = line.rstrip("\n").partition(" ")
                time.sleep(int(delay) / 1000)
                # The key is echoed in two deltas, the way a model would stream it.
                event = event.replace("@@KEY_HEAD@@", key[:10]).replace("@@KEY_TAIL@@", key[10:])
                sys.stdout.write(event + "\n")
                sys.stdout.flush()

        """;

    private const string S = "\"session_id\":\"" + AgentSessionId + "\"";

    public const string Recording =
        "0 {\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/workspace\"," + S + ",\"tools\":[\"Task\",\"Bash\",\"Glob\",\"Grep\",\"Read\",\"Edit\",\"Write\"],\"mcp_servers\":[],\"model\":\"claude-sonnet-4-5\",\"permissionMode\":\"default\",\"slash_commands\":[],\"apiKeySource\":\"ANTHROPIC_API_KEY\",\"claude_code_version\":\"2.1.3\",\"output_style\":\"default\",\"agents\":[],\"skills\":[],\"plugins\":[],\"uuid\":\"u-01\"}\n" +
        "400 {\"type\":\"stream_event\",\"event\":{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01E2E\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-02\"}\n" +
        "20 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-03\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"I'll check\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-04\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" the workspace\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-05\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" with your key @@KEY_HEAD@@\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-06\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"@@KEY_TAIL@@ first.\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-07\"}\n" +
        "20 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_stop\",\"index\":0}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-08\"}\n" +
        "10 {\"type\":\"assistant\",\"message\":{\"id\":\"msg_01E2E\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"I'll check the workspace with your key @@KEY_HEAD@@@@KEY_TAIL@@ first.\"}],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":12}},\"parent_tool_use_id\":null," + S + ",\"uuid\":\"u-09\"}\n" +
        "60 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_01E2E\",\"name\":\"Bash\",\"input\":{}}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-10\"}\n" +
        "40 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"command\\\":\\\"ls\\\"\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-11\"}\n" +
        "40 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\",\\\"description\\\":\\\"List files\\\"}\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-12\"}\n" +
        "20 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_stop\",\"index\":1}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-13\"}\n" +
        "10 {\"type\":\"assistant\",\"message\":{\"id\":\"msg_01E2E\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01E2E\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\",\"description\":\"List files\"}}],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":30}},\"parent_tool_use_id\":null," + S + ",\"uuid\":\"u-14\"}\n" +
        "10 {\"type\":\"stream_event\",\"event\":{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-15\"}\n" +
        "10 {\"type\":\"stream_event\",\"event\":{\"type\":\"message_stop\"}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-16\"}\n" +
        "300 {\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_01E2E\",\"type\":\"tool_result\",\"content\":\"notes.txt\",\"is_error\":false}]},\"parent_tool_use_id\":null," + S + ",\"uuid\":\"u-17\",\"tool_use_result\":{\"stdout\":\"notes.txt\",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}}\n" +
        "300 {\"type\":\"stream_event\",\"event\":{\"type\":\"message_start\",\"message\":{\"id\":\"msg_02E2E\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-18\"}\n" +
        "20 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-19\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"There is\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-20\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" one file:\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-21\"}\n" +
        "80 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\" `notes.txt`.\"}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-22\"}\n" +
        "20 {\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_stop\",\"index\":0}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-23\"}\n" +
        "10 {\"type\":\"stream_event\",\"event\":{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-24\"}\n" +
        "10 {\"type\":\"stream_event\",\"event\":{\"type\":\"message_stop\"}," + S + ",\"parent_tool_use_id\":null,\"uuid\":\"u-25\"}\n" +
        "10 {\"type\":\"assistant\",\"message\":{\"id\":\"msg_02E2E\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"" + FinalText + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":9}},\"parent_tool_use_id\":null," + S + ",\"uuid\":\"u-26\"}\n" +
        "50 {\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":2310,\"duration_api_ms\":1890,\"num_turns\":2,\"result\":\"" + FinalText + "\"," + S + ",\"total_cost_usd\":0.0123,\"usage\":{\"input_tokens\":49,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":39},\"permission_denials\":[],\"uuid\":\"u-27\"}\n";
}
