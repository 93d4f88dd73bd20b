// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Helpers for the tests that compare whole models with the llama.cpp goldens in ../shared/reference
// (reference/README.md): paths, JSON, logit differences, greedy sampling and the teacher-forced rule.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include <QString>
#include <QTest>

#include "atrium/sampler.h"
#include "atrium/session.h"

namespace atrium::golden
{

inline QString sharedPath(const QString &relative)
{
    return QStringLiteral(ATRIUM_SHARED_DIR) + QLatin1Char('/') + relative;
}

inline nlohmann::json readJson(const QString &path)
{
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

/// max |a[i] - expected[i]| over one row of logits.
inline double maxAbsDiff(std::span<const float> a, const nlohmann::json &expected)
{
    double m = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(static_cast<double>(a[i]) - expected[i].get<double>()));
    return m;
}

inline int32_t argmax(std::span<const float> row)
{
    return static_cast<int32_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

inline SamplerParams greedy()
{
    SamplerParams p;
    p.temperature = 0.f;
    return p;
}

/// Teacher-forced rule (reference/README.md rule 4): feed input + expected[:-1] in one batch; the argmax may differ
/// from the expected token only where the golden's top-1/top-2 gap is below twice the tolerance. Records a test
/// failure (QVERIFY) otherwise.
inline void checkTeacherForced(Session &session,
    const std::vector<int32_t> &input,
    const std::vector<int32_t> &expected,
    const nlohmann::json &stepTop5,
    double tol)
{
    std::vector<int32_t> sequence = input;
    sequence.insert(sequence.end(), expected.begin(), expected.end() - 1);
    session.reset();
    const auto logits = session.evaluate(sequence, true);
    QVERIFY(logits);
    const size_t nVocab = session.model().vocabSize();
    for (size_t k = 0; k < expected.size(); ++k) {
        const size_t row = input.size() - 1 + k;
        const int32_t got = argmax(std::span<const float>(*logits).subspan(row * nVocab, nVocab));
        if (got == expected[k])
            continue;
        const double gap = stepTop5[k][0][1].get<double>() - stepTop5[k][1][1].get<double>();
        QVERIFY2(gap < 2 * tol,
            qPrintable(
                QStringLiteral("step %1: got %2, expected %3 (gap %4)").arg(k).arg(got).arg(expected[k]).arg(gap)));
    }
}

/// Every case of a golden file: the next-token logits after its prompt (one batch from an empty context) within
/// `tol`, then greedy ids identical to the golden's or differing only where the teacher-forced rule allows. `worst`
/// gets the largest logit difference. Records a test failure (QVERIFY) otherwise.
inline void checkCasesWithin(Session &session, const nlohmann::json &golden, double tol, double &worst)
{
    for (const nlohmann::json &c : golden["cases"]) {
        const auto ids = c["prompt_ids"].get<std::vector<int32_t>>();
        QVERIFY(ids.size() > 1);
        session.reset();
        const auto logits = session.evaluate(ids);
        QVERIFY(logits);
        const double diff = maxAbsDiff(*logits, c["next_token_logits"]);
        worst = std::max(worst, diff);
        QVERIFY2(diff <= tol, qPrintable(QStringLiteral("max abs diff %1 > %2").arg(diff).arg(tol)));
        const auto expected = c["generated_ids"].get<std::vector<int32_t>>();
        const auto result = session.generate({}, greedy(), static_cast<int>(expected.size()));
        QVERIFY(result);
        if (result->ids != expected)
            checkTeacherForced(session, ids, expected, c["step_top5"], tol);
    }
}

} // namespace atrium::golden
