// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"
#include "atrium/model.h"
#include "atrium/sampler.h"

namespace atrium
{

/// Why generation ended.
enum class StopReason {
    Length, ///< maxTokens generated
    Eog, ///< an end-of-generation token was sampled (any EOG id, not only EOS)
    Cancelled, ///< the stop token was triggered or onToken returned false
    ContextFull, ///< the KV cache is full (see GenerationResult::message)
};

/// A short stable name ("length", "eog", "cancelled", "context_full") for JSON and logs.
std::string_view stopReasonName(StopReason reason);

/// The outcome of Session::generate().
struct GenerationResult {
    std::vector<int32_t> ids; ///< sampled ids, including a final EOG id when reason == Eog
    std::string text; ///< the detokenized text of the ids (EOG excluded)
    StopReason reason = StopReason::Length;
    std::string message; ///< why the context filled up (reason ContextFull); empty otherwise
    double promptMs = 0; ///< time to evaluate newTokens
    double genMs = 0; ///< time from the first sampled token to the end
    double ttftMs = 0; ///< time from the call to the first token delivered
    int promptTokens = 0; ///< newTokens.size()
};

/// Streaming callback: a UTF-8-complete piece of text (possibly empty while a multi-byte character is incomplete)
/// and the id that produced it. A last call with id -1 delivers leftover bytes when generation stops mid-character.
/// Return false to stop.
using TokenCallback = std::function<bool(std::string_view piece, int32_t id)>;

/// A conversation's evaluation state on one Model: the tokens in the KV cache and the logits after the last one.
/// The Model owns the KV cache; one Session at a time uses it (a Session that finds the cache taken over by
/// another Session starts again from an empty context). Thread-confined, not thread-safe.
class Session
{
public:
    explicit Session(std::shared_ptr<Model> model);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    Model &model() const;

    /// Appends tokens to the context (in chunks of at most 512) and returns the logits of the last position
    /// (vocabSize floats) or, with allLogits, of every new position (tokens.size() × vocabSize, row-major).
    /// Fails with ContextFull when the tokens do not fit.
    Expected<std::vector<float>> evaluate(std::span<const int32_t> tokens, bool allLogits = false);

    uint32_t nPast() const;
    const std::vector<int32_t> &tokens() const;
    /// Rolls the context back to its first n tokens (n >= nPast() does nothing).
    void truncate(uint32_t n);
    /// Empties the context.
    void reset();

    /// Makes the context equal `fullPrompt`, reusing the longest common prefix with tokens() and evaluating only
    /// the rest (multi-turn chat). Returns how many tokens were evaluated. Afterwards lastLogits() are the logits
    /// after the prompt's last token.
    Expected<uint32_t> prefill(std::span<const int32_t> fullPrompt);

    /// Logits after the last evaluated token (empty before the first evaluation).
    const std::vector<float> &lastLogits() const;

    /// Evaluates newTokens (may be empty after prefill()), then samples up to maxTokens tokens, streaming each
    /// piece to onToken. Stops on any EOG id, on maxTokens, on cancellation (stop token or onToken returning false)
    /// and when the context is full. Fails with ContextFull when newTokens alone do not fit.
    Expected<GenerationResult> generate(std::span<const int32_t> newTokens,
        const SamplerParams &params,
        int maxTokens,
        const TokenCallback &onToken = {},
        std::stop_token stop = {});

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace atrium
