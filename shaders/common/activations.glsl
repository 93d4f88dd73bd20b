// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Activation functions in fp32, matching ref::siluScalar / ref::geluTanhScalar (engine/src/cpu/reference_ops.h).

// tanh from exp, accurate to ~1e-7 absolute on every driver: the builtin may lower to a fast approximation
// (relative error ~5e-4 on some GPUs, enough to move softcapped or GELU logits past the 1e-3 golden tolerance) or
// to a ratio of exponentials that overflows to inf/inf. tanh(±9) is already ±1 in fp32.
float safeTanh(float x)
{
    const float c = clamp(x, -9.0, 9.0);
    return 1.0 - 2.0 / (exp(2.0 * c) + 1.0);
}

float silu(float x)
{
    return x / (1.0 + exp(-x));
}

float geluTanh(float x)
{
    const float c = 0.7978845608028654; // sqrt(2 / pi)
    return 0.5 * x * (1.0 + safeTanh(c * (x + 0.044715 * x * x * x)));
}
