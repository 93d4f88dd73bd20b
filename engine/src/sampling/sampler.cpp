// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "atrium/sampler.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace atrium
{

Sampler::Sampler(const SamplerParams &params)
    : m_params(params)
    , m_rng(params.seed)
{
}

void Sampler::reseed(uint64_t seed)
{
    m_params.seed = seed;
    m_rng.seed(seed);
}

int32_t Sampler::greedy(std::span<const float> logits)
{
    // std::max_element keeps the first of equal maxima: ties go to the lowest id.
    return static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

namespace
{

/// Softmax over the candidates' logits (divided by temp), in place into p; candidates sorted descending.
template <typename C>
void softmax(std::vector<C> &cands, float temp)
{
    const double maxL = cands.front().logit;
    double sum = 0.0;
    for (C &c : cands) {
        c.p = static_cast<float>(std::exp((c.logit - maxL) / temp));
        sum += c.p;
    }
    for (C &c : cands)
        c.p = static_cast<float>(c.p / sum);
}

} // namespace

int32_t Sampler::sample(std::span<const float> logits, std::span<const int32_t> history)
{
    const auto n = static_cast<int32_t>(logits.size());
    m_candidates.resize(logits.size());
    for (int32_t i = 0; i < n; ++i)
        m_candidates[static_cast<size_t>(i)] = Candidate {i, logits[static_cast<size_t>(i)], 0.f};

    // Repetition penalty over the distinct ids among the last repeatLastN tokens (llama.cpp's rule).
    if (m_params.repeatPenalty != 1.f && m_params.repeatLastN != 0 && !history.empty()) {
        const size_t window = m_params.repeatLastN < 0
            ? history.size()
            : std::min(history.size(), static_cast<size_t>(m_params.repeatLastN));
        const std::unordered_set<int32_t> seen(history.end() - static_cast<ptrdiff_t>(window), history.end());
        for (const int32_t id : seen) {
            if (id < 0 || id >= n)
                continue;
            float &l = m_candidates[static_cast<size_t>(id)].logit;
            l = l > 0.f ? l / m_params.repeatPenalty : l * m_params.repeatPenalty;
        }
    }

    // Sorted by logit, descending; equal logits by id so the order (and so the draw) is deterministic.
    const auto byLogit = [](const Candidate &a, const Candidate &b) {
        return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
    };
    if (m_params.temperature <= 0.f)
        return std::min_element(m_candidates.begin(), m_candidates.end(), byLogit)->id;

    // Top-k.
    if (m_params.topK > 0 && static_cast<size_t>(m_params.topK) < m_candidates.size()) {
        const auto k = static_cast<ptrdiff_t>(m_params.topK);
        std::partial_sort(m_candidates.begin(), m_candidates.begin() + k, m_candidates.end(), byLogit);
        m_candidates.resize(static_cast<size_t>(k));
    } else {
        std::sort(m_candidates.begin(), m_candidates.end(), byLogit);
    }

    // Top-p: the smallest prefix whose probability mass reaches topP (at least one token).
    if (m_params.topP < 1.f) {
        softmax(m_candidates, 1.f);
        double cum = 0.0;
        size_t keep = m_candidates.size();
        for (size_t i = 0; i < m_candidates.size(); ++i) {
            cum += m_candidates[i].p;
            if (cum >= m_params.topP) {
                keep = i + 1;
                break;
            }
        }
        m_candidates.resize(keep);
    }

    // Min-p: tokens at least minP times as likely as the best one.
    if (m_params.minP > 0.f) {
        softmax(m_candidates, 1.f);
        const float threshold = m_params.minP * m_candidates.front().p;
        size_t keep = 1;
        while (keep < m_candidates.size() && m_candidates[keep].p >= threshold)
            ++keep;
        m_candidates.resize(keep);
    }

    // Temperature, then one draw. u is built from 53 random bits so every platform draws the same token.
    softmax(m_candidates, m_params.temperature);
    const double u = static_cast<double>(m_rng() >> 11) * 0x1.0p-53;
    double cum = 0.0;
    for (const Candidate &c : m_candidates) {
        cum += c.p;
        if (u < cum)
            return c.id;
    }
    return m_candidates.back().id;
}

} // namespace atrium
