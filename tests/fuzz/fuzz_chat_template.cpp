// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// libFuzzer target for the chat-template engine: parse arbitrary bytes as a Jinja template and render the result
// with a small fixed conversation (plain text, tool calls, a JSON tool reply, content parts, tools). Syntax and
// runtime errors are expected results; any crash, hang, sanitizer report or leak is a bug. Tight limits keep
// each execution short, so the fuzzer explores instead of waiting on deliberately long loops.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "chat/chat_template.h"

namespace
{

const nlohmann::ordered_json &context()
{
    static const nlohmann::ordered_json kContext = nlohmann::ordered_json::parse(R"({
        "messages": [
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": "Hi {{ there }} \u00e9\u65e5\ud83d\ude00 [INST] <|im_end|>"},
            {"role": "assistant", "content": "", "tool_calls": [{"id": "call0Abc9", "type": "function",
                "function": {"name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]},
            {"role": "tool", "content": {"temperature": 18.5, "ok": true, "note": null}, "name": "get_weather"},
            {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "  and this?  "}]}
        ],
        "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather.",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"},
            "days": {"type": "integer", "enum": [1, 2]}}, "required": ["city"]}}}],
        "documents": null,
        "add_generation_prompt": true,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "enable_thinking": false
    })");
    return kContext;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view source(reinterpret_cast<const char *>(data), size);
    auto tmpl = atrium::ChatTemplate::parse(source);
    if (!tmpl)
        return 0;
    atrium::RenderOptions options;
    options.now = std::tm {};
    options.maxOutputBytes = 1u << 20;
    options.maxLoopIterations = 20000;
    options.maxRecursionDepth = 40;
    (void)tmpl->render(context(), options);
    return 0;
}
