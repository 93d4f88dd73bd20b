// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The pre-tokenizer regexes per `tokenizer.ggml.pre`, as llama.cpp's `llm_tokenizer_bpe` selects them
// (src/llama-vocab.cpp). Where llama.cpp rewrote a pattern for std::regex, the pattern here has the same
// meaning in PCRE2 syntax. The GPT-2 pattern carries the trailing `|\s+` that llama.cpp's hand-written GPT-2
// scanner implements.
#include "tokenizer/pre_type.h"

#include <algorithm>
#include <initializer_list>

namespace atrium
{

namespace
{

// --- patterns

const char *const kGpt2 = R"re('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)re";

const char *const kLlama3 =
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

const char *const kQwen2 =
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

const char *const kQwen35 =
    R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

// Letters that are not ASCII lower case / not ASCII upper case (llama.cpp's reading of the case-aware classes).
#define ATRIUM_UPPERISH R"re([^\P{L}a-z])re"
#define ATRIUM_LOWERISH R"re([^\P{L}A-Z])re"
#define ATRIUM_CONTRACTION R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?)re"

const char *const kTekken = R"re([^\r\n\p{L}\p{N}]?)re" ATRIUM_UPPERISH "*" ATRIUM_LOWERISH "+|"
                            R"re([^\r\n\p{L}\p{N}]?)re" ATRIUM_UPPERISH "+" ATRIUM_LOWERISH "*"
                            R"re(|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

const char *const kGpt4o = R"re([^\r\n\p{L}\p{N}]?)re" ATRIUM_UPPERISH "*" ATRIUM_LOWERISH "+" ATRIUM_CONTRACTION "|"
                           R"re([^\r\n\p{L}\p{N}]?)re" ATRIUM_UPPERISH "+" ATRIUM_LOWERISH "*" ATRIUM_CONTRACTION
                           R"re(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

#undef ATRIUM_UPPERISH
#undef ATRIUM_LOWERISH
#undef ATRIUM_CONTRACTION

// clang-format off
const char *const kDeepseekLetters = "\\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-\\x{1F7D}ᾀ-ᾴᾶ-ᾼ\\x{1FBE}ῂ-ῄῆ-ῌῐ-\\x{1FD3}ῖ-\\x{1FDB}ῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤ\\x{2126}ℨ\\x{212A}-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+";
// clang-format on

const char *const kDeepseek3Words =
    R"re([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

const char *const kPoro = R"re( ?[^(\s|.,!?…。，、।۔،)]+)re";

// --- families

enum class Family {
    Default,
    Llama3,
    Qwen2,
    Qwen35,
    Gpt2,
    Starcoder,
    Falcon,
    DeepseekLlm,
    DeepseekCoder,
    Deepseek3,
    Tekken,
    Gpt4o,
    Poro,
    Viking,
    Chameleon,
    SeedCoder,
    BailingMoe,
};

std::vector<std::string> familyPatterns(Family family)
{
    switch (family) {
    case Family::Default:
        return {R"re([\p{P}\$\+<=>\^~\|]+)re", kGpt2, R"re(\p{N}+)re", "[0-9][0-9][0-9]"};
    case Family::Llama3:
        return {kLlama3};
    case Family::Qwen2:
        return {kQwen2};
    case Family::Qwen35:
        return {kQwen35};
    case Family::Gpt2:
        return {kGpt2};
    case Family::Starcoder:
        return {R"re(\p{N})re", kGpt2};
    case Family::Falcon:
        return {R"re([\p{P}\$\+<=>\^~\|`]+)re", kGpt2, "[0-9][0-9][0-9]"};
    case Family::DeepseekLlm:
        return {"[\r\n]",
            kDeepseekLetters,
            "\\s?[!-/:-~！-／：-～‘-‟　-。]+",
            "\\s+$",
            "[一-龥ࠀ-一가-퟿]+",
            R"re(\p{N}+)re"};
    case Family::DeepseekCoder:
        return {"[\r\n]", R"re(\s?\p{L}+)re", R"re(\s?\p{P}+)re", "[一-龥ࠀ-一가-퟿]+", R"re(\p{N})re"};
    case Family::Deepseek3:
        return {R"re(\p{N}{1,3})re", "[一-龥぀-ゟ゠-ヿ]+", kDeepseek3Words};
    case Family::Tekken:
        return {kTekken};
    case Family::Gpt4o:
        return {kGpt4o};
    case Family::Poro:
        return {kPoro};
    case Family::Viking:
        return {kPoro, R"re(\p{N})re"};
    case Family::Chameleon:
        return {"<sentinel:[0-9]+>",
            "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z",
            "([\\t\\n]|    |  )",
            R"re(\p{N})re",
            R"re([\p{P}!-/:-@\[-`{-~])re",
            kGpt2};
    case Family::SeedCoder:
        return {
            R"re((?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1}| ?[^\s\p{L}\p{N}\r\n]+|\s*[\r\n]+|\s+(?!\S)|\s+)re"};
    case Family::BailingMoe:
        return {
            R"re('(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+)re"};
    }
    return {};
}

struct PreEntry {
    std::initializer_list<std::string_view> names;
    Family family;
    bool ignoreMerges;
    bool addBos;
    bool cleanSpaces;
    bool noBos;
};

// NOTE: flags per name follow llama_vocab::impl::load; keep the two in step when adding names.
const PreEntry kPreEntries[] = {
    {{"default"}, Family::Default, false, false, true, false},
    {{"llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2"},
        Family::Llama3,
        true,
        true,
        true,
        false},
    {{"dbrx", "smaug-bpe"}, Family::Llama3, false, false, true, false},
    {{"chatglm-bpe", "glm4"}, Family::Llama3, false, false, true, true},
    {{"qwen2", "deepseek-r1-qwen", "kormo", "hunyuan"}, Family::Qwen2, false, false, false, false},
    {{"megrez", "stablelm2"}, Family::Qwen2, false, false, true, false},
    {{"qwen35"}, Family::Qwen35, false, false, false, false},
    {{"gpt-2",
         "phi-2",
         "jina-es",
         "jina-de",
         "gigachat",
         "jina-v2-es",
         "jina-v2-de",
         "a.x-4.0",
         "mellum",
         "modern-bert",
         "jina-v1-en",
         "jina-v2-code",
         "roberta-bpe",
         "mpt",
         "olmo",
         "jais",
         "exaone4"},
        Family::Gpt2,
        false,
        false,
        true,
        false},
    {{"trillion", "granite-docling"}, Family::Gpt2, false, false, false, false},
    {{"starcoder", "refact", "codeshell", "exaone", "minerva-7b"}, Family::Starcoder, false, false, true, false},
    {{"command-r", "smollm"}, Family::Starcoder, false, false, false, false},
    {{"falcon"}, Family::Falcon, false, false, true, false},
    {{"deepseek-llm"}, Family::DeepseekLlm, false, false, false, false},
    {{"deepseek-coder"}, Family::DeepseekCoder, false, false, false, false},
    {{"deepseek-v3", "hunyuan-dense"}, Family::Deepseek3, false, false, false, false},
    {{"tekken"}, Family::Tekken, true, true, false, false},
    {{"gpt-4o", "llama4", "minimax-m2"}, Family::Gpt4o, false, false, false, false},
    {{"poro-chat"}, Family::Poro, false, false, false, false},
    {{"bloom", "gpt3-finnish"}, Family::Poro, false, false, true, false},
    {{"viking"}, Family::Viking, false, false, false, false},
    {{"chameleon"}, Family::Chameleon, false, true, false, false},
    {{"seed-coder"}, Family::SeedCoder, false, false, false, false},
    {{"bailingmoe", "bailingmoe2", "llada-moe"}, Family::BailingMoe, false, false, false, false},
};

} // namespace

Expected<PreTypeInfo> resolvePreType(std::string_view name)
{
    for (const PreEntry &entry : kPreEntries) {
        if (std::find(entry.names.begin(), entry.names.end(), name) == entry.names.end())
            continue;
        PreTypeInfo info;
        info.patterns = familyPatterns(entry.family);
        info.ignoreMerges = entry.ignoreMerges;
        info.addBos = entry.addBos;
        info.cleanSpaces = entry.cleanSpaces;
        info.noBos = entry.noBos;
        return info;
    }
    return fail(ErrorCode::UnsupportedTokenizer,
        "unsupported BPE pre-tokenizer '" + std::string(name)
            + "' (tokenizer.ggml.pre); Atrium does not guess a pre-tokenizer because that silently "
              "produces wrong tokens");
}

std::vector<std::string_view> knownPreTypes()
{
    std::vector<std::string_view> names;
    for (const PreEntry &entry : kPreEntries)
        names.insert(names.end(), entry.names.begin(), entry.names.end());
    return names;
}

} // namespace atrium
