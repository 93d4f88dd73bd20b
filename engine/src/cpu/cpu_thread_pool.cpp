// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_thread_pool.h"

#include <chrono>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace atrium::cpu
{

namespace
{

/// How long an idle worker spins before it sleeps: long enough to bridge the gaps between the ops of one step.
constexpr auto kSpinTime = std::chrono::microseconds(300);

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#elif defined(__aarch64__)
    asm volatile("yield" ::: "memory");
#endif
}

} // namespace

CpuThreadPool::CpuThreadPool(unsigned threads)
{
    const unsigned n = threads > 0 ? threads - 1 : 0;
    m_workers.reserve(n);
    for (unsigned i = 0; i < n; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i + 1); });
}

CpuThreadPool::~CpuThreadPool()
{
    m_stop.store(true);
    m_generation.fetch_add(1);
    m_generation.notify_all();
    for (std::thread &t : m_workers)
        t.join();
}

void CpuThreadPool::drain(unsigned thread)
{
    const size_t n = m_nTasks;
    for (size_t task = m_next.fetch_add(1, std::memory_order_relaxed); task < n;
         task = m_next.fetch_add(1, std::memory_order_relaxed))
        m_thunk(m_ctx, task, thread);
}

void CpuThreadPool::run(size_t nTasks, Thunk thunk, void *ctx)
{
    if (nTasks == 0)
        return;
    if (m_workers.empty() || nTasks == 1) {
        for (size_t task = 0; task < nTasks; ++task)
            thunk(ctx, task, 0);
        return;
    }
    m_thunk = thunk;
    m_ctx = ctx;
    m_nTasks = nTasks;
    m_next.store(0, std::memory_order_relaxed);
    m_pending.store(static_cast<uint32_t>(m_workers.size()), std::memory_order_relaxed);
    // seq_cst pairs with the workers' m_sleepers increment: either we see a sleeper and wake it, or it sees the new
    // generation before blocking.
    m_generation.fetch_add(1);
    if (m_sleepers.load() > 0)
        m_generation.notify_all();

    drain(0);

    // Wait for the workers to leave the job (they may still be finishing their last task).
    for (unsigned spins = 0; m_pending.load(std::memory_order_acquire) != 0; ++spins) {
        if (spins < 2048) // then give the core away: a worker may be waiting for it (oversubscribed machine)
            cpuRelax();
        else
            std::this_thread::yield();
    }
}

void CpuThreadPool::workerLoop(unsigned thread)
{
    uint32_t seen = 0;
    for (;;) {
        // Spin for a while, then sleep until the generation changes.
        uint32_t gen = m_generation.load(std::memory_order_acquire);
        if (gen == seen) {
            const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
            for (unsigned i = 0; gen == seen; ++i) {
                cpuRelax();
                gen = m_generation.load(std::memory_order_acquire);
                if ((i & 63) == 63 && std::chrono::steady_clock::now() > deadline)
                    break;
            }
            while (gen == seen) {
                m_sleepers.fetch_add(1);
                m_generation.wait(seen);
                m_sleepers.fetch_sub(1);
                gen = m_generation.load(std::memory_order_acquire);
            }
        }
        seen = gen;
        if (m_stop.load())
            return;
        drain(thread);
        m_pending.fetch_sub(1, std::memory_order_release);
    }
}

} // namespace atrium::cpu
