// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/fit_estimate.h"

#include <algorithm>

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace
{
constexpr double kComfortable = 0.8; ///< above this share of the budget a fit is "tight"
constexpr double kUsableRam = 0.75; ///< the rest stays for the OS and other apps
constexpr qint64 kScratchBytes = 256LL * 1024 * 1024; ///< activations, logits, runtime buffers

QString gb(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("FitEstimate", text);
}
} // namespace

QString FitEstimate::name() const
{
    switch (fit) {
    case Fit::Fits:
        return u"fits"_s;
    case Fit::Tight:
        return u"tight"_s;
    case Fit::No:
        return u"no"_s;
    case Fit::Unknown:
        break;
    }
    return {};
}

qint64 kvCacheBytes(int nLayers, int nKvHeads, int headDim, int contextLength, int bytesPerElement)
{
    return 2LL * nLayers * nKvHeads * headDim * contextLength * bytesPerElement;
}

qint64 approximateKvBytes(qint64 parameters, int contextLength)
{
    const double perTokenPerBillion = 24.0 * 1024;
    const double perToken = std::max(4096.0, perTokenPerBillion * static_cast<double>(parameters) / 1e9);
    return static_cast<qint64>(perToken * contextLength);
}

qint64 approximateQ4Bytes(qint64 parameters)
{
    return static_cast<qint64>(static_cast<double>(parameters) * 0.6);
}

FitEstimate estimateFit(qint64 weightBytes, qint64 kvBytes, const MemoryBudget &budget)
{
    FitEstimate e;
    if (weightBytes <= 0)
        return e;
    e.neededBytes = weightBytes + std::max<qint64>(kvBytes, 0) + kScratchBytes;
    const auto ram = static_cast<qint64>(static_cast<double>(budget.systemRamBytes) * kUsableRam);
    const qint64 gpu = budget.unifiedMemory ? std::min(budget.deviceBytes, ram) : budget.deviceBytes;
    const auto within = [&](qint64 limit, double share) {
        return limit > 0 && static_cast<double>(e.neededBytes) <= static_cast<double>(limit) * share;
    };

    if (gpu > 0) {
        e.onGpu = true;
        e.budgetBytes = gpu;
        if (within(gpu, kComfortable)) {
            e.fit = FitEstimate::Fit::Fits;
            e.explanation = tr("Needs about %1 of the GPU's %2.").arg(gb(e.neededBytes), gb(gpu));
            return e;
        }
        if (within(gpu, 1.0)) {
            e.fit = FitEstimate::Fit::Tight;
            e.explanation = tr("Needs about %1 of the GPU's %2: little room to spare.").arg(gb(e.neededBytes), gb(gpu));
            return e;
        }
    }
    if (ram <= 0)
        return e;
    e.onGpu = false;
    e.budgetBytes = ram;
    if (within(ram, gpu > 0 ? 1.0 : kComfortable)) {
        e.fit = gpu > 0 ? FitEstimate::Fit::Tight : FitEstimate::Fit::Fits;
        e.explanation = gpu > 0
            ? tr("Too big for the GPU (%1); runs on the CPU from %2 of memory, more slowly.").arg(gb(gpu), gb(ram))
            : tr("Needs about %1 of the %2 of memory available.").arg(gb(e.neededBytes), gb(ram));
        return e;
    }
    if (within(ram, 1.0)) {
        e.fit = FitEstimate::Fit::Tight;
        e.explanation =
            tr("Needs about %1 of the %2 of memory available: little room to spare.").arg(gb(e.neededBytes), gb(ram));
        return e;
    }
    e.fit = FitEstimate::Fit::No;
    e.explanation = tr("Needs about %1, more than the %2 this computer can give it.").arg(gb(e.neededBytes), gb(ram));
    return e;
}
