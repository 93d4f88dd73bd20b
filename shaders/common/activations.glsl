// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Activation functions in fp32, matching ref::siluScalar / ref::geluTanhScalar (engine/src/cpu/reference_ops.h).

// tanh that stays finite for large |x| on every driver (some expand tanh as a ratio of exponentials that
// overflows to inf/inf); tanh(±9) is already ±1 in fp32.
float safeTanh(float x)
{
    return tanh(clamp(x, -9.0, 9.0));
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
