// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QString>

/// Will a model fit this computer? One rule for every screen (search results, the model page, first run): weights
/// plus KV cache for the chosen context plus scratch, against the GPU's memory and the system RAM.

/// The memory a model may use here.
struct MemoryBudget {
    qint64 deviceBytes = 0; ///< memory of the GPU that would run it (0 = no usable GPU)
    bool unifiedMemory = false; ///< an integrated GPU sharing system RAM
    qint64 systemRamBytes = 0;
};

/// The verdict, with the numbers behind it.
struct FitEstimate {
    enum class Fit {
        Unknown,
        Fits,
        Tight, ///< fits with little room to spare, or only on the CPU (slower)
        No,
    };
    Fit fit = Fit::Unknown;
    qint64 neededBytes = 0;
    qint64 budgetBytes = 0; ///< what it was compared with
    bool onGpu = false; ///< the budget was the GPU's
    QString explanation; ///< one sentence for a person

    /// "fits", "tight", "no" or "" (unknown): the names QML uses.
    QString name() const;
};

/// Bytes of an f16 KV cache: K and V for every layer and position.
qint64 kvCacheBytes(int nLayers, int nKvHeads, int headDim, int contextLength, int bytesPerElement = 2);
/// A rough KV size when the header is not known yet, from the parameter count (about 24 KiB per token and billion
/// parameters for today's grouped-query models).
qint64 approximateKvBytes(qint64 parameters, int contextLength);
/// Bytes of a 4-bit (Q4_K_M-like) file for this many parameters, for search results that list no files.
qint64 approximateQ4Bytes(qint64 parameters);

/// Compares weights + KV + scratch with the budget: Fits under 80% of the GPU (or of usable RAM without a GPU),
/// Tight up to 100% or when only the CPU can hold it, No beyond usable RAM.
FitEstimate estimateFit(qint64 weightBytes, qint64 kvBytes, const MemoryBudget &budget);
