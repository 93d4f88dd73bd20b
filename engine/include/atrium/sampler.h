// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace atrium
{

/// Sampling settings. The chain is llama.cpp's default order: repetition penalty → top-k → top-p → min-p →
/// temperature → draw. temperature <= 0 is greedy (argmax after the penalty; ties go to the lowest id).
struct SamplerParams {
    float temperature = 0.8f;
    int topK = 40; ///< <= 0: off
    float topP = 0.95f; ///< >= 1: off
    float minP = 0.05f; ///< <= 0: off (keeps tokens with p >= minP * p_max)
    float repeatPenalty = 1.0f; ///< 1: off; logits of recent tokens: l > 0 ? l / r : l * r
    int repeatLastN = 64; ///< how many recent tokens the penalty looks at (0: off, -1: all)
    uint64_t seed = 0; ///< the same seed and inputs give the same tokens
};

/// Picks the next token from a logit vector. Seeded and reproducible (std::mt19937_64).
class Sampler
{
public:
    explicit Sampler(const SamplerParams &params = {});

    /// Chooses a token id from `logits` (one per vocabulary entry); `history` holds the tokens so far (prompt and
    /// generated), the last repeatLastN of which the repetition penalty sees.
    int32_t sample(std::span<const float> logits, std::span<const int32_t> history = {});

    /// Restarts the random sequence.
    void reseed(uint64_t seed);
    const SamplerParams &params() const
    {
        return m_params;
    }

    /// Argmax with ties to the lowest id.
    static int32_t greedy(std::span<const float> logits);

private:
    struct Candidate {
        int32_t id;
        float logit;
        float p;
    };
    SamplerParams m_params;
    std::mt19937_64 m_rng;
    std::vector<Candidate> m_candidates;
};

} // namespace atrium
