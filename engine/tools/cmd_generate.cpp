// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <charconv>
#include <map>

#include <nlohmann/json.hpp>

#include "args.h"
#include "atrium/model.h"
#include "atrium/session.h"
#include "commands.h"
#include "model_args.h"
#include "tokenizer/tokenizer.h"

namespace atrium::cli
{

namespace
{

Expected<std::vector<int32_t>> parseIds(const std::string &text)
{
    std::vector<int32_t> ids;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find(',', pos);
        if (end == std::string::npos)
            end = text.size();
        int32_t id = 0;
        const auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, id);
        if (ec != std::errc() || ptr != text.data() + end)
            return fail(ErrorCode::InvalidArgument, "--ids: '" + text.substr(pos, end - pos) + "' is not a token id");
        ids.push_back(id);
        pos = end + 1;
    }
    return ids;
}

/// JSON whose floating-point numbers are float: logits print with float precision (9 significant digits).
using FloatJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, int64_t, uint64_t, float>;

double perSecond(double count, double ms)
{
    return ms > 0 ? count * 1000.0 / ms : 0.0;
}

} // namespace

int cmdGenerate(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv,
        Args::join({modelOptions(),
            samplingOptions(),
            {{"prompt", 'p', true}, {"n-predict", 'n', true}, {"json", 0, false}}}));
    if (!args)
        return reportError(io, args.error().message);
    const auto prompt = args->value("prompt");
    if (!prompt)
        return reportError(io, "generate needs -p PROMPT");

    auto n = args->intOr("n-predict", 128);
    if (!n)
        return reportError(io, n.error().message);
    auto sampler = samplerFromArgs(*args);
    if (!sampler)
        return reportError(io, sampler.error().message);
    const SamplerParams sp = *sampler;

    auto model = loadModel(*args);
    if (!model)
        return reportError(io, model.error().message);
    if (!(*model)->fallbackReason().empty())
        io.err << "note: using the CPU: " << (*model)->fallbackReason() << '\n';

    auto encoded = (*model)->tokenizer().encode(*prompt, true, true);
    if (!encoded)
        return reportError(io, encoded.error().message);
    const std::vector<int32_t> promptIds = std::move(*encoded);
    Session session(*model);
    const bool json = args->has("json");
    if (!json)
        io.out << *prompt << std::flush;
    auto result = session.generate(promptIds, sp, static_cast<int>(*n), [&](std::string_view piece, int32_t) {
        if (!json)
            io.out << piece << std::flush;
        return true;
    });
    if (!result)
        return reportError(io, result.error().message);

    const double genCount = static_cast<double>(result->ids.size());
    if (json) {
        nlohmann::json j;
        j["prompt_ids"] = promptIds;
        j["ids"] = result->ids;
        j["text"] = result->text;
        j["stop_reason"] = std::string(stopReasonName(result->reason));
        j["timings"] = {{"prompt_ms", result->promptMs},
            {"prompt_tokens_per_s", perSecond(result->promptTokens, result->promptMs)},
            {"gen_ms", result->genMs},
            {"gen_tokens_per_s", perSecond(genCount, result->genMs)},
            {"ttft_ms", result->ttftMs}};
        j["backend"] = (*model)->backendName();
        j["device"] = (*model)->deviceName();
        j["seed"] = sp.seed;
        io.out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        io.out << '\n';
        io.err << "[" << stopReasonName(result->reason) << "] prompt " << result->promptTokens << " tokens in "
               << result->promptMs << " ms, generated " << result->ids.size() << " tokens in " << result->genMs
               << " ms (" << perSecond(genCount, result->genMs) << " tokens/s) on " << (*model)->backendName() << " ("
               << (*model)->deviceName() << ")\n";
        if (!result->message.empty())
            io.err << "note: " << result->message << '\n';
    }
    return 0;
}

int cmdLogits(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv,
        Args::join({modelOptions(),
            {{"prompt", 'p', true}, {"ids", 0, true}, {"all-positions", 0, false}, {"json", 0, false}}}));
    if (!args)
        return reportError(io, args.error().message);
    if (args->has("prompt") == args->has("ids"))
        return reportError(io, "logits needs exactly one of -p PROMPT or --ids 1,2,3");

    auto model = loadModel(*args);
    if (!model)
        return reportError(io, model.error().message);
    std::vector<int32_t> ids;
    if (const auto prompt = args->value("prompt")) {
        auto encoded = (*model)->tokenizer().encode(*prompt, true, true);
        if (!encoded)
            return reportError(io, encoded.error().message);
        ids = std::move(*encoded);
    } else {
        auto parsed = parseIds(*args->value("ids"));
        if (!parsed)
            return reportError(io, parsed.error().message);
        ids = std::move(*parsed);
    }
    if (ids.empty())
        return reportError(io, "the prompt has no tokens");

    const bool all = args->has("all-positions");
    Session session(*model);
    auto logits = session.evaluate(ids, all);
    if (!logits)
        return reportError(io, logits.error().message);

    FloatJson j;
    j["prompt_ids"] = ids;
    if (all) {
        const size_t nVocab = (*model)->vocabSize();
        FloatJson rows = FloatJson::array();
        for (size_t t = 0; t < ids.size(); ++t)
            rows.push_back(std::vector<float>(logits->begin() + t * nVocab, logits->begin() + (t + 1) * nVocab));
        j["logits"] = std::move(rows);
    } else {
        j["logits"] = *logits;
    }
    io.out << j.dump() << '\n';
    return 0;
}

} // namespace atrium::cli
