// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "atrium/session.h"

#include <algorithm>
#include <atomic>
#include <chrono>

#include "runtime/model_impl.h"
#include "tokenizer/stream_decoder.h"

namespace atrium
{

namespace
{

constexpr uint32_t kMaxChunk = 512; ///< tokens per forward step

std::atomic<uint64_t> s_nextSessionId {1};

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

std::string_view stopReasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::Length:
        return "length";
    case StopReason::Eog:
        return "eog";
    case StopReason::Cancelled:
        return "cancelled";
    case StopReason::ContextFull:
        return "context_full";
    }
    return "unknown";
}

struct Session::State {
    std::shared_ptr<Model> model;
    uint64_t id = 0;
    std::vector<int32_t> tokens; ///< the tokens whose K/V are in the cache, in order
    std::vector<float> lastLogits; ///< (n_vocab) after tokens.back(); empty when unknown

    Model::Impl &impl()
    {
        return model->impl();
    }
    /// Takes the model's KV cache over; if another Session used it meanwhile, this one starts from empty.
    void claimCache()
    {
        if (impl().kvOwner != id) {
            tokens.clear();
            lastLogits.clear();
            impl().kvOwner = id;
        }
    }
};

Session::Session(std::shared_ptr<Model> model)
    : m_state(std::make_unique<State>())
{
    ATRIUM_ASSERT(model != nullptr, "a Session needs a model");
    m_state->model = std::move(model);
    m_state->id = s_nextSessionId.fetch_add(1);
}

Session::~Session()
{
    if (m_state->impl().kvOwner == m_state->id)
        m_state->impl().kvOwner = 0;
}

Model &Session::model() const
{
    return *m_state->model;
}

uint32_t Session::nPast() const
{
    return static_cast<uint32_t>(m_state->tokens.size());
}

const std::vector<int32_t> &Session::tokens() const
{
    return m_state->tokens;
}

const std::vector<float> &Session::lastLogits() const
{
    return m_state->lastLogits;
}

void Session::truncate(uint32_t n)
{
    if (n >= m_state->tokens.size())
        return;
    // NOTE: K/V rows past n stay in the cache but are never read: attention only looks at positions < nPast.
    m_state->tokens.resize(n);
    m_state->lastLogits.clear();
}

void Session::reset()
{
    truncate(0);
}

Expected<std::vector<float>> Session::evaluate(std::span<const int32_t> tokens, bool allLogits)
{
    State &s = *m_state;
    s.claimCache();
    Model::Impl &m = s.impl();
    const uint32_t nVocab = m.hp.nVocab;
    if (tokens.empty())
        return allLogits ? std::vector<float>() : s.lastLogits;
    for (const int32_t id : tokens) {
        if (id < 0 || static_cast<uint32_t>(id) >= nVocab)
            return fail(ErrorCode::InvalidArgument,
                "token id " + std::to_string(id) + " is outside the vocabulary (" + std::to_string(nVocab)
                    + " tokens)");
    }
    const size_t nPast = s.tokens.size();
    if (nPast + tokens.size() > m.nCtx)
        return fail(ErrorCode::ContextFull,
            "the context is full: " + std::to_string(nPast) + " tokens in use + " + std::to_string(tokens.size())
                + " new > " + std::to_string(m.nCtx)
                + " positions (start a new conversation or load the model with a longer context)");

    std::vector<float> out(allLogits ? tokens.size() * nVocab : nVocab);
    for (size_t done = 0; done < tokens.size();) {
        const size_t n = std::min<size_t>(kMaxChunk, tokens.size() - done);
        std::span<float> dst =
            allLogits ? std::span<float>(out).subspan(done * nVocab, n * nVocab) : std::span<float>(out);
        // Intermediate chunks only fill the cache; their single logit row is overwritten by the next chunk.
        const auto stepped = m.step(tokens.subspan(done, n), static_cast<uint32_t>(s.tokens.size()), allLogits, dst);
        if (!stepped) {
            s.lastLogits.clear();
            return fail(stepped.error());
        }
        s.tokens.insert(s.tokens.end(),
            tokens.begin() + static_cast<ptrdiff_t>(done),
            tokens.begin() + static_cast<ptrdiff_t>(done + n));
        done += n;
    }
    s.lastLogits.assign(out.end() - nVocab, out.end());
    return out;
}

Expected<uint32_t> Session::prefill(std::span<const int32_t> fullPrompt)
{
    State &s = *m_state;
    s.claimCache();
    const auto mismatch = std::mismatch(s.tokens.begin(), s.tokens.end(), fullPrompt.begin(), fullPrompt.end());
    const size_t common = static_cast<size_t>(mismatch.first - s.tokens.begin());
    if (common == fullPrompt.size() && common == s.tokens.size() && !s.lastLogits.empty())
        return 0u; // already there, logits included
    // Re-evaluate at least the last prompt token: its logits are what generation starts from.
    const size_t reuse = fullPrompt.empty() ? 0 : std::min(common, fullPrompt.size() - 1);
    truncate(static_cast<uint32_t>(reuse));
    ATRIUM_TRY(std::vector<float> logits, evaluate(fullPrompt.subspan(reuse)));
    (void)logits;
    return static_cast<uint32_t>(fullPrompt.size() - reuse);
}

Expected<GenerationResult> Session::generate(std::span<const int32_t> newTokens,
    const SamplerParams &params,
    int maxTokens,
    const TokenCallback &onToken,
    std::stop_token stop)
{
    using Clock = std::chrono::steady_clock;
    const auto tStart = Clock::now();
    State &s = *m_state;
    GenerationResult result;
    result.promptTokens = static_cast<int>(newTokens.size());

    // Prompt.
    if (!newTokens.empty()) {
        ATRIUM_TRY(std::vector<float> logits, evaluate(newTokens));
        (void)logits;
    } else {
        s.claimCache();
    }
    result.promptMs = msSince(tStart);
    if (s.lastLogits.empty())
        return fail(ErrorCode::InvalidArgument, "nothing to continue from: evaluate or prefill a prompt first");

    // Generation loop: sample, stream the piece, feed the token back.
    const Tokenizer &tok = s.model->tokenizer();
    const uint32_t nCtx = s.impl().nCtx;
    Sampler sampler(params);
    StreamDecoder decoder(tok);
    const auto tGen = Clock::now();
    result.reason = StopReason::Length;
    for (int i = 0; i < maxTokens; ++i) {
        if (stop.stop_requested()) {
            result.reason = StopReason::Cancelled;
            break;
        }
        const int32_t id = sampler.sample(s.lastLogits, s.tokens);
        result.ids.push_back(id);
        if (tok.isEog(id)) {
            result.reason = StopReason::Eog;
            break;
        }
        const std::string piece = decoder.push(id);
        result.text += piece;
        if (result.ids.size() == 1)
            result.ttftMs = msSince(tStart);
        if (onToken && !onToken(piece, id)) {
            result.reason = StopReason::Cancelled;
            break;
        }
        if (i + 1 == maxTokens)
            break; // the last token is not evaluated: a later prefill() will
        if (s.tokens.size() + 1 > nCtx) {
            result.reason = StopReason::ContextFull;
            result.message = "the context is full (" + std::to_string(nCtx)
                + " tokens): start a new conversation or load the model with a longer context";
            break;
        }
        const int32_t one[1] = {id};
        ATRIUM_TRY(std::vector<float> logits, evaluate(std::span<const int32_t>(one, 1)));
        (void)logits;
    }
    if (result.ids.size() == 1 && result.ttftMs == 0)
        result.ttftMs = msSince(tStart);

    // Bytes of an unfinished UTF-8 character, if generation stopped in the middle of one.
    const std::string rest = decoder.flush();
    if (!rest.empty()) {
        result.text += rest;
        if (onToken)
            onToken(rest, -1);
    }
    result.genMs = msSince(tGen);
    return result;
}

} // namespace atrium
