// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Instantiates the portable kernel bodies of cpu_kernels_impl.h for one ISA level. Include cpu_kernels_impl.h at file
// scope, then this header inside an anonymous namespace in atrium::cpu of a cpu_kernels_<isa>.cpp, after defining:
//   ATRIUM_KERNEL_TARGET  the function attribute that selects the ISA (empty for the generic level);
//   ATRIUM_TILE_ROWS, ATRIUM_TILE_TOKENS  the micro-tile's shape;
// and a SIMD wrapper struct `S` (V, kWidth, zero, load, set1, fma, add, mul, hsum) for that ISA.
// fillPortableKernels() then fills a table that the file may override entry by entry with intrinsics kernels.

#ifndef ATRIUM_KERNEL_TARGET
#error "define ATRIUM_KERNEL_TARGET before including cpu_kernels_portable.h"
#endif

ATRIUM_KERNEL_TARGET void decodeF16(const void *s, float *d, uint64_t n)
{
    impl::decodeF16(s, d, n);
}
ATRIUM_KERNEL_TARGET void decodeBf16(const void *s, float *d, uint64_t n)
{
    impl::decodeBf16(s, d, n);
}
void decodeNone(const void *, float *, uint64_t) { }
void toHalfPortable(const float *src, uint16_t *dst, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        dst[i] = floatToHalf(src[i]);
}

#define ATRIUM_DEFINE_BLOCK_KERNELS(T)                                                                                 \
    ATRIUM_KERNEL_TARGET void decode##T(const void *s, float *d, uint64_t n)                                           \
    {                                                                                                                  \
        impl::decodeRow<impl::Block##T>(s, d, n);                                                                      \
    }                                                                                                                  \
    ATRIUM_KERNEL_TARGET void rowDot##T(                                                                               \
        const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)                          \
    {                                                                                                                  \
        impl::rowDotT<S, impl::Block##T>(row, x, xStride, nt, K, acc);                                                 \
    }
ATRIUM_DEFINE_BLOCK_KERNELS(Q4_0)
ATRIUM_DEFINE_BLOCK_KERNELS(Q4_1)
ATRIUM_DEFINE_BLOCK_KERNELS(Q5_0)
ATRIUM_DEFINE_BLOCK_KERNELS(Q5_1)
ATRIUM_DEFINE_BLOCK_KERNELS(Q8_0)
ATRIUM_DEFINE_BLOCK_KERNELS(Q4_K)
ATRIUM_DEFINE_BLOCK_KERNELS(Q5_K)
ATRIUM_DEFINE_BLOCK_KERNELS(Q6_K)
#undef ATRIUM_DEFINE_BLOCK_KERNELS

ATRIUM_KERNEL_TARGET void rowDotF32(
    const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    impl::rowDotPlain<S, decodeNone, 4>(row, x, xStride, nt, K, acc);
}
ATRIUM_KERNEL_TARGET void rowDotF16(
    const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    impl::rowDotPlain<S, decodeF16, 2>(row, x, xStride, nt, K, acc);
}
ATRIUM_KERNEL_TARGET void rowDotBf16(
    const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    impl::rowDotPlain<S, decodeBf16, 2>(row, x, xStride, nt, K, acc);
}

template <unsigned MR, unsigned NT>
ATRIUM_KERNEL_TARGET void portableTileN(
    const float *w, size_t wStride, const float *x, size_t xStride, size_t K, float *out, size_t outStride)
{
    impl::gemmTileT<S, MR, NT>(w, wStride, x, xStride, K, out, outStride);
}

template <unsigned MR>
void portableTileRows(
    const float *w, size_t wStride, const float *x, size_t xStride, unsigned nt, size_t K, float *out, size_t outStride)
{
    switch (nt) {
    case 1:
        return portableTileN<MR, 1>(w, wStride, x, xStride, K, out, outStride);
    case 2:
        return portableTileN<MR, 2>(w, wStride, x, xStride, K, out, outStride);
    case 3:
        if constexpr (ATRIUM_TILE_TOKENS >= 3)
            return portableTileN<MR, 3>(w, wStride, x, xStride, K, out, outStride);
        break;
    case 4:
        if constexpr (ATRIUM_TILE_TOKENS >= 4)
            return portableTileN<MR, 4>(w, wStride, x, xStride, K, out, outStride);
        break;
    default:
        break;
    }
}

void portableTile(const float *w,
    size_t wStride,
    unsigned mr,
    const float *x,
    size_t xStride,
    unsigned nt,
    size_t K,
    float *out,
    size_t outStride)
{
    switch (mr) {
    case 1:
        return portableTileRows<1>(w, wStride, x, xStride, nt, K, out, outStride);
    case 2:
        return portableTileRows<2>(w, wStride, x, xStride, nt, K, out, outStride);
    case 3:
        if constexpr (ATRIUM_TILE_ROWS >= 3)
            return portableTileRows<3>(w, wStride, x, xStride, nt, K, out, outStride);
        break;
    case 4:
        if constexpr (ATRIUM_TILE_ROWS >= 4)
            return portableTileRows<4>(w, wStride, x, xStride, nt, K, out, outStride);
        break;
    default:
        break;
    }
}

ATRIUM_KERNEL_TARGET void portableAttend(const AttendArgs &a)
{
    impl::attendT<S>(a);
}
ATRIUM_KERNEL_TARGET void portableGlu(float *out, const float *gate, const float *up, size_t n, Activation act)
{
    impl::gluT(out, gate, up, n, act);
}
ATRIUM_KERNEL_TARGET void portableGelu(float *x, size_t n)
{
    impl::geluT(x, n);
}
ATRIUM_KERNEL_TARGET void portableSoftcap(float *x, size_t n, float cap)
{
    impl::softcapT(x, n, cap);
}
ATRIUM_KERNEL_TARGET double portableSumSquares(const float *x, size_t n)
{
    return impl::sumSquaresT<S>(x, n);
}

void fillPortableKernels(Kernels &k, CpuIsa isa)
{
    k.isa = isa;
    k.toHalf = toHalfPortable;
    const auto slot = [](TensorType t) { return static_cast<unsigned>(t); };
    k.decode[slot(TensorType::F16)] = decodeF16;
    k.decode[slot(TensorType::BF16)] = decodeBf16;
    k.decode[slot(TensorType::Q4_0)] = decodeQ4_0;
    k.decode[slot(TensorType::Q4_1)] = decodeQ4_1;
    k.decode[slot(TensorType::Q5_0)] = decodeQ5_0;
    k.decode[slot(TensorType::Q5_1)] = decodeQ5_1;
    k.decode[slot(TensorType::Q8_0)] = decodeQ8_0;
    k.decode[slot(TensorType::Q4_K)] = decodeQ4_K;
    k.decode[slot(TensorType::Q5_K)] = decodeQ5_K;
    k.decode[slot(TensorType::Q6_K)] = decodeQ6_K;
    k.rowDot[slot(TensorType::F32)] = rowDotF32;
    k.rowDot[slot(TensorType::F16)] = rowDotF16;
    k.rowDot[slot(TensorType::BF16)] = rowDotBf16;
    k.rowDot[slot(TensorType::Q4_0)] = rowDotQ4_0;
    k.rowDot[slot(TensorType::Q4_1)] = rowDotQ4_1;
    k.rowDot[slot(TensorType::Q5_0)] = rowDotQ5_0;
    k.rowDot[slot(TensorType::Q5_1)] = rowDotQ5_1;
    k.rowDot[slot(TensorType::Q8_0)] = rowDotQ8_0;
    k.rowDot[slot(TensorType::Q4_K)] = rowDotQ4_K;
    k.rowDot[slot(TensorType::Q5_K)] = rowDotQ5_K;
    k.rowDot[slot(TensorType::Q6_K)] = rowDotQ6_K;
    k.gemmTile = portableTile;
    k.tileRows = ATRIUM_TILE_ROWS;
    k.tileTokens = ATRIUM_TILE_TOKENS;
    k.attend = portableAttend;
    k.glu = portableGlu;
    k.gelu = portableGelu;
    k.softcap = portableSoftcap;
    k.sumSquares = portableSumSquares;
}
