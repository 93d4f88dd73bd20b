// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Workgroup-wide sum and max of one float per invocation; every invocation gets the result.
// -DUSE_SUBGROUP: subgroupAdd/subgroupMax, then one shared slot per subgroup (works for any subgroup size,
// including lavapipe's 8 and several subgroups per workgroup). Otherwise a shared-memory tree (needs a power-of-two
// workgroup size). Must be called by every invocation of the workgroup (it contains barriers).
// The includer declares `REDUCE_SIZE`: the workgroup size (a specialization constant is fine).

#ifdef USE_SUBGROUP
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require

shared float reduceScratch[REDUCE_SIZE];

float workgroupSum(float v)
{
    v = subgroupAdd(v);
    if (gl_NumSubgroups == 1u)
        return v;
    barrier();
    if (subgroupElect())
        reduceScratch[gl_SubgroupID] = v;
    barrier();
    float s = 0.0;
    for (uint i = 0u; i < gl_NumSubgroups; ++i)
        s += reduceScratch[i];
    return s;
}

float workgroupMax(float v)
{
    v = subgroupMax(v);
    if (gl_NumSubgroups == 1u)
        return v;
    barrier();
    if (subgroupElect())
        reduceScratch[gl_SubgroupID] = v;
    barrier();
    float s = reduceScratch[0];
    for (uint i = 1u; i < gl_NumSubgroups; ++i)
        s = max(s, reduceScratch[i]);
    return s;
}
#else
shared float reduceScratch[REDUCE_SIZE];

float workgroupSum(float v)
{
    const uint tid = gl_LocalInvocationIndex;
    barrier();
    reduceScratch[tid] = v;
    barrier();
    for (uint s = REDUCE_SIZE / 2u; s > 0u; s >>= 1) {
        if (tid < s)
            reduceScratch[tid] += reduceScratch[tid + s];
        barrier();
    }
    return reduceScratch[0];
}

float workgroupMax(float v)
{
    const uint tid = gl_LocalInvocationIndex;
    barrier();
    reduceScratch[tid] = v;
    barrier();
    for (uint s = REDUCE_SIZE / 2u; s > 0u; s >>= 1) {
        if (tid < s)
            reduceScratch[tid] = max(reduceScratch[tid], reduceScratch[tid + s]);
        barrier();
    }
    return reduceScratch[0];
}
#endif
