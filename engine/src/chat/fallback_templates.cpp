// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Built-in chat formats for models without a usable tokenizer.chat_template, chosen like llama.cpp's
// llm_chat_detect_template (src/llama-chat.cpp). Each is Jinja, rendered by the same engine as model templates.
#include <array>

#include "chat/chat_template.h"

namespace atrium
{

namespace
{

struct Format {
    const char *name;
    const char *source;
};

// clang-format off
constexpr std::array kFormats = {
    Format{"chatml",
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
        "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"},
    Format{"phi4",
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '<|im_sep|>' + message['content'] + '<|im_end|>' }}"
        "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant<|im_sep|>' }}{% endif %}"},
    Format{"llama3",
        "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'"
        " + message['content'] | trim + '<|eot_id|>' }}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"},
    Format{"llama2",
        "{{ bos_token }}{% set ns = namespace(sys='', open=false) %}{% for message in messages %}"
        "{% if message['role'] == 'system' %}{% set ns.sys = '<<SYS>>\\n' + message['content'] + '\\n<</SYS>>\\n\\n' %}"
        "{% elif message['role'] == 'user' %}{{ '[INST] ' + ns.sys + message['content'] + ' [/INST]' }}{% set ns.sys = '' %}"
        "{% else %}{{ ' ' + message['content'] + ' ' + eos_token }}{% if not loop.last %}{{ bos_token }}{% endif %}"
        "{% endif %}{% endfor %}"},
    Format{"mistral-v1",
        "{{ bos_token }}{% set ns = namespace(sys='') %}{% for message in messages %}"
        "{% if message['role'] == 'system' %}{% set ns.sys = message['content'] + '\\n\\n' %}"
        "{% elif message['role'] == 'user' %}{{ ' [INST] ' + ns.sys + message['content'] + ' [/INST]' }}{% set ns.sys = '' %}"
        "{% else %}{{ ' ' + message['content'] + eos_token }}{% endif %}{% endfor %}"},
    Format{"mistral-v3",
        "{{ bos_token }}{% set ns = namespace(sys='') %}{% for message in messages %}"
        "{% if message['role'] == 'system' %}{% set ns.sys = message['content'] + '\\n\\n' %}"
        "{% elif message['role'] == 'user' %}{{ '[INST] ' + ns.sys + message['content'] + '[/INST]' }}{% set ns.sys = '' %}"
        "{% else %}{{ ' ' + message['content'] | trim + eos_token }}{% endif %}{% endfor %}"},
    Format{"mistral-v7",
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'system' %}"
        "{{ '[SYSTEM_PROMPT] ' + message['content'] + '[/SYSTEM_PROMPT]' }}{% elif message['role'] == 'user' %}"
        "{{ '[INST] ' + message['content'] + '[/INST]' }}{% else %}{{ ' ' + message['content'] + eos_token }}{% endif %}"
        "{% endfor %}"},
    Format{"phi3",
        "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|end|>\\n' }}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}"},
    Format{"falcon3",
        "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '\\n' }}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}"},
    Format{"zephyr",
        "{% for message in messages %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + '<|endoftext|>\\n' }}"
        "{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}"},
    Format{"gemma",
        "{{ bos_token }}{% set ns = namespace(sys='') %}{% for message in messages %}"
        "{% if message['role'] == 'system' %}{% set ns.sys = message['content'] | trim + '\\n\\n' %}{% else %}"
        "{% set role = 'model' if message['role'] == 'assistant' else message['role'] %}"
        "{{ '<start_of_turn>' + role + '\\n' + ns.sys + message['content'] | trim + '<end_of_turn>\\n' }}"
        "{% set ns.sys = '' %}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}"},
    Format{"monarch",
        "{% for message in messages %}{{ bos_token + message['role'] + '\\n' + message['content'] + eos_token + '\\n' }}"
        "{% endfor %}{% if add_generation_prompt %}{{ bos_token + 'assistant\\n' }}{% endif %}"},
    Format{"openchat",
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] + '<|end_of_turn|>' }}"
        "{% else %}{{ 'GPT4 Correct ' + message['role'] | title + ': ' + message['content'] + '<|end_of_turn|>' }}{% endif %}"
        "{% endfor %}{% if add_generation_prompt %}{{ 'GPT4 Correct Assistant:' }}{% endif %}"},
    Format{"vicuna",
        "{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] + '\\n' }}"
        "{% elif message['role'] == 'user' %}{{ 'USER: ' + message['content'] + '\\n' }}"
        "{% else %}{{ 'ASSISTANT: ' + message['content'] + eos_token + '\\n' }}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}{{ 'ASSISTANT:' }}{% endif %}"},
    Format{"vicuna-orca",
        "{% for message in messages %}{% if message['role'] == 'system' %}{{ 'SYSTEM: ' + message['content'] + '\\n' }}"
        "{% elif message['role'] == 'user' %}{{ 'USER: ' + message['content'] + '\\n' }}"
        "{% else %}{{ 'ASSISTANT: ' + message['content'] + eos_token + '\\n' }}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}{{ 'ASSISTANT:' }}{% endif %}"},
    Format{"deepseek",
        "{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] }}"
        "{% elif message['role'] == 'user' %}{{ '### Instruction:\\n' + message['content'] + '\\n' }}"
        "{% else %}{{ '### Response:\\n' + message['content'] + '\\n<|EOT|>\\n' }}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}{{ '### Response:\\n' }}{% endif %}"},
    Format{"deepseek2",
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] + '\\n\\n' }}"
        "{% elif message['role'] == 'user' %}{{ 'User: ' + message['content'] + '\\n\\n' }}"
        "{% else %}{{ 'Assistant: ' + message['content'] + eos_token }}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"},
    Format{"deepseek3",
        "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'system' %}{{ message['content'] + '\\n\\n' }}"
        "{% elif message['role'] == 'user' %}{{ '<\xef\xbd\x9c" "User\xef\xbd\x9c>' + message['content'] }}"
        "{% else %}{{ '<\xef\xbd\x9c" "Assistant\xef\xbd\x9c>' + message['content'] + '<\xef\xbd\x9c" "end\xe2\x96\x81of\xe2\x96\x81sentence\xef\xbd\x9c>' }}"
        "{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<\xef\xbd\x9c" "Assistant\xef\xbd\x9c>' }}{% endif %}"},
    Format{"command-r",
        "{{ bos_token }}{% for message in messages %}{% set role = {'system': 'SYSTEM', 'user': 'USER'}.get(message['role'], 'CHATBOT') %}"
        "{{ '<|START_OF_TURN_TOKEN|><|' + role + '_TOKEN|>' + message['content'] | trim + '<|END_OF_TURN_TOKEN|>' }}{% endfor %}"
        "{% if add_generation_prompt %}{{ '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>' }}{% endif %}"},
    Format{"granite",
        "{% for message in messages %}{{ '<|start_of_role|>' + message['role'] + '<|end_of_role|>' + message['content'] + '<|end_of_text|>\\n' }}"
        "{% endfor %}{% if add_generation_prompt %}{{ '<|start_of_role|>assistant<|end_of_role|>' }}{% endif %}"},
    Format{"llama4",
        "{{ bos_token }}{% for message in messages %}{{ '<|header_start|>' + message['role'] + '<|header_end|>\\n\\n' + message['content'] | trim + '<|eot|>' }}"
        "{% endfor %}{% if add_generation_prompt %}{{ '<|header_start|>assistant<|header_end|>\\n\\n' }}{% endif %}"},
    Format{"exaone3",
        "{% for message in messages %}{% if message['role'] == 'system' %}{{ '[|system|]' + message['content'] | trim + '[|endofturn|]\\n' }}"
        "{% elif message['role'] == 'user' %}{{ '[|user|]' + message['content'] | trim + '\\n' }}"
        "{% else %}{{ '[|assistant|]' + message['content'] | trim + '[|endofturn|]\\n' }}{% endif %}{% endfor %}"
        "{% if add_generation_prompt %}{{ '[|assistant|]' }}{% endif %}"},
};
// clang-format on

const Format &byName(std::string_view name)
{
    for (const auto &f : kFormats)
        if (name == f.name)
            return f;
    return kFormats[0];
}

/// llm_chat_detect_template's marker rules, in its order.
const char *detect(std::string_view t)
{
    auto has = [&t](std::string_view s) { return t.find(s) != std::string_view::npos; };
    if (has("<|im_start|>"))
        return has("<|im_sep|>") ? "phi4" : "chatml";
    if (t.rfind("mistral", 0) == 0 || has("[INST]")) {
        if (has("[SYSTEM_PROMPT]"))
            return "mistral-v7";
        if (has("' [INST] ' + system_message") || has("[AVAILABLE_TOOLS]"))
            return has(" [INST]") ? "mistral-v1" : "mistral-v3";
        return "llama2";
    }
    if (has("<|assistant|>") && has("<|end|>"))
        return "phi3";
    if (has("<|assistant|>") && has("<|user|>") && has("</s>"))
        return "falcon3";
    if (has("<|user|>") && has("<|endoftext|>"))
        return "zephyr";
    if (has("bos_token + message['role']"))
        return "monarch";
    if (has("<start_of_turn>"))
        return "gemma";
    if (has("GPT4 Correct "))
        return "openchat";
    if (has("USER: ") && has("ASSISTANT: "))
        return has("SYSTEM: ") ? "vicuna-orca" : "vicuna";
    if (has("### Instruction:") && has("<|EOT|>"))
        return "deepseek";
    if (has("<|START_OF_TURN_TOKEN|>") && has("<|USER_TOKEN|>"))
        return "command-r";
    if (has("<|start_header_id|>") && has("<|end_header_id|>"))
        return "llama3";
    if (has("'Assistant: ' + message['content'] + eos_token"))
        return "deepseek2";
    if (has("\xef\xbd\x9c"
            "Assistant"
            "\xef\xbd\x9c")
        && has("\xef\xbd\x9c"
               "User"
               "\xef\xbd\x9c"))
        return "deepseek3";
    if (has("[|system|]") && has("[|assistant|]") && has("[|endofturn|]"))
        return "exaone3";
    if (has("<|start_of_role|>"))
        return "granite";
    if (has("<|header_start|>") && has("<|header_end|>"))
        return "llama4";
    // vocabulary hints (special tokens rather than template text)
    if (has("<|eot_id|>"))
        return "llama3";
    if (has("<end_of_turn>"))
        return "gemma";
    if (has("<|end|>") && has("<|assistant|>"))
        return "phi3";
    return nullptr;
}

const char *byArchitecture(std::string_view arch)
{
    auto starts = [&arch](std::string_view p) { return arch.rfind(p, 0) == 0; };
    if (starts("gemma"))
        return "gemma";
    if (starts("phi3"))
        return "phi3";
    if (starts("llama4"))
        return "llama4";
    if (starts("command-r") || starts("cohere"))
        return "command-r";
    if (starts("deepseek2"))
        return "deepseek2";
    if (starts("granite"))
        return "granite";
    if (starts("exaone"))
        return "exaone3";
    if (starts("falcon3"))
        return "falcon3";
    return nullptr; // llama, qwen*, mistral, ... are ambiguous or ChatML
}

} // namespace

FallbackTemplate fallbackTemplate(std::string_view architecture, std::string_view hint)
{
    const char *name = detect(hint);
    if (!name)
        name = byArchitecture(architecture);
    const Format &f = byName(name ? name : "chatml");
    return FallbackTemplate {f.name, f.source};
}

} // namespace atrium
