// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Push-constant blocks: the single source of truth shared by the GLSL shaders and the C++ dispatch code.
// In C++ each block is a struct in atrium::pc; in GLSL a shader defines PUSH_<BLOCK> before including this file and
// gets that one block as `pc`. Only 32-bit scalars, so the std430 push-constant layout equals the C++ layout.
// Every block stays within 128 bytes, the guaranteed minimum of maxPushConstantsSize.
//
// Offsets ("...Offset") are in elements of the bound buffer: descriptors are bound at offsets rounded down to
// minStorageBufferOffsetAlignment and the remainder travels here. Strides are in elements between rows.

#ifdef __cplusplus
#pragma once
#include <cstdint>
#define ATRIUM_PC_UINT uint32_t
#define ATRIUM_PUSH_BEGIN(name) struct name {
#define ATRIUM_PUSH_END(name)                                                                                          \
    }                                                                                                                  \
    ;                                                                                                                  \
    static_assert(sizeof(name) <= 128, #name " exceeds the guaranteed push-constant size");                            \
    static_assert(sizeof(name) % 4 == 0, #name " must be made of 32-bit fields");
namespace atrium::pc
{
#else
#define ATRIUM_PC_UINT uint
#define ATRIUM_PUSH_BEGIN(name)                                                                                        \
    layout(push_constant) uniform name                                                                                 \
    {
#define ATRIUM_PUSH_END(name)                                                                                          \
    }                                                                                                                  \
    pc;
#endif

#if defined(__cplusplus) || defined(PUSH_MATMUL)
/// mul_mat_vec*, mul_mm*: dst[t, dOffset + m] = sum_k W[m, k] * x[t, k] (+ bias[m]).
ATRIUM_PUSH_BEGIN(MatmulPush)
ATRIUM_PC_UINT m; ///< rows of W in this dispatch (output columns)
ATRIUM_PC_UINT k; ///< elements per row of W (reduction length)
ATRIUM_PC_UINT t; ///< activation rows (tokens)
ATRIUM_PC_UINT xOffset; ///< first element of x
ATRIUM_PC_UINT xStride; ///< elements between rows of x
ATRIUM_PC_UINT dOffset; ///< element of dst receiving (t = 0, m = 0)
ATRIUM_PC_UINT dStride; ///< elements between rows of dst
ATRIUM_PC_UINT biasOffset; ///< element of bias for m = 0
ATRIUM_PC_UINT hasBias; ///< 1 when the bias binding is real
ATRIUM_PUSH_END(MatmulPush)
#endif

#if defined(__cplusplus) || defined(PUSH_GET_ROWS)
/// get_rows: dst[i, :] = dequant(table row ids[i]) for ids inside this table chunk [row0, row0 + nRows).
ATRIUM_PUSH_BEGIN(GetRowsPush)
ATRIUM_PC_UINT nIds; ///< number of ids (output rows)
ATRIUM_PC_UINT cols; ///< elements per table row
ATRIUM_PC_UINT row0; ///< first table row held by the bound table chunk
ATRIUM_PC_UINT nRows; ///< table rows in the bound chunk
ATRIUM_PC_UINT idsOffset; ///< first id in the ids binding
ATRIUM_PC_UINT dOffset; ///< first element of dst
ATRIUM_PC_UINT dStride; ///< elements between rows of dst
ATRIUM_PUSH_END(GetRowsPush)
#endif

#if defined(__cplusplus) || defined(PUSH_ROW_OP)
/// Row-wise ops (rms_norm, layer_norm, add, unary, glu, copy): a (rows x cols) with an optional second operand b.
ATRIUM_PUSH_BEGIN(RowOpPush)
ATRIUM_PC_UINT rows;
ATRIUM_PC_UINT cols;
ATRIUM_PC_UINT aOffset;
ATRIUM_PC_UINT aStride;
ATRIUM_PC_UINT bOffset;
ATRIUM_PC_UINT bStride; ///< 0 broadcasts one row of b over all rows
ATRIUM_PC_UINT dOffset;
ATRIUM_PC_UINT dStride;
ATRIUM_PC_UINT flags; ///< ATRIUM_ROW_OP_HAS_WEIGHT | ATRIUM_ROW_OP_HAS_BIAS (norms)
float p0; ///< eps (norms), factor (scale), cap (softcap)
ATRIUM_PC_UINT eOffset; ///< second output (add_rms_norm: the normalised rows)
ATRIUM_PC_UINT eStride;
ATRIUM_PUSH_END(RowOpPush)
#endif

#if defined(__cplusplus) || defined(PUSH_ROPE)
/// rope: rotates the first nRot dims of every head of x in place; row r sits at position pos0 + r.
ATRIUM_PUSH_BEGIN(RopePush)
ATRIUM_PC_UINT rows;
ATRIUM_PC_UINT nHeads;
ATRIUM_PC_UINT headDim;
ATRIUM_PC_UINT nRot;
ATRIUM_PC_UINT pos0;
ATRIUM_PC_UINT neox; ///< 1: pairs (i, i + nRot/2); 0: pairs (2i, 2i + 1)
ATRIUM_PC_UINT xOffset;
ATRIUM_PC_UINT xStride;
float mscale; ///< multiplies cos and sin (attnFactor, YaRN magnitude)
ATRIUM_PC_UINT dOffset; ///< rope_store: element of the K cache receiving (row 0, dim 0)
ATRIUM_PC_UINT dStride; ///< rope_store: elements between cache positions (kvDim)
ATRIUM_PUSH_END(RopePush)
#endif

#if defined(__cplusplus) || defined(PUSH_ATTENTION)
/// flash_attn: causal attention of q rows over one layer's K/V cache, optionally split along the keys.
ATRIUM_PUSH_BEGIN(AttentionPush)
ATRIUM_PC_UINT rows; ///< query rows in this dispatch
ATRIUM_PC_UINT nHead; ///< query heads
ATRIUM_PC_UINT nHeadKv; ///< KV heads
ATRIUM_PC_UINT headDim; ///< dims per head (K and V)
ATRIUM_PC_UINT qOffset; ///< first element of q
ATRIUM_PC_UINT qStride; ///< elements between rows of q
ATRIUM_PC_UINT oOffset; ///< first element of out
ATRIUM_PC_UINT oStride; ///< elements between rows of out
ATRIUM_PC_UINT pos0; ///< position of query row 0
ATRIUM_PC_UINT kvDim; ///< elements per cached position (nHeadKv * headDim)
ATRIUM_PC_UINT window; ///< sliding window (0 = full causal)
ATRIUM_PC_UINT nSplit; ///< key splits (1 = write out directly)
ATRIUM_PC_UINT splitKeys; ///< keys per split (multiple of the key block)
ATRIUM_PC_UINT gqa; ///< query heads per KV head
float scale; ///< score scale
float softcap; ///< 0 = off
ATRIUM_PUSH_END(AttentionPush)
#endif

#if defined(__cplusplus) || defined(PUSH_ATTN_REDUCE)
/// flash_attn_reduce: combines nSplit partial results (O, max, sum) into out.
ATRIUM_PUSH_BEGIN(AttnReducePush)
ATRIUM_PC_UINT rows;
ATRIUM_PC_UINT nHead;
ATRIUM_PC_UINT headDim;
ATRIUM_PC_UINT nSplit;
ATRIUM_PC_UINT oOffset;
ATRIUM_PC_UINT oStride;
ATRIUM_PUSH_END(AttnReducePush)
#endif

#ifdef __cplusplus
} // namespace atrium::pc
#endif

// Shared flag values.
#define ATRIUM_ROW_OP_HAS_WEIGHT 1u
#define ATRIUM_ROW_OP_HAS_BIAS 2u
