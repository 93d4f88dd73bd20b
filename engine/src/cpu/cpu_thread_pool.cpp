// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_thread_pool.h"

#include <chrono>

#include "atrium/error.h"

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
    m_wake.fetch_add(1);
    m_wake.notify_all();
    for (std::thread &t : m_workers)
        t.join();
}

unsigned CpuThreadPool::drain(unsigned thread)
{
    unsigned ran = 0;
    uint64_t word = m_claim.load(std::memory_order_acquire);
    for (;;) {
        const auto id = static_cast<uint32_t>(word >> 32);
        const auto index = static_cast<uint32_t>(word);
        const Job &job = m_jobs[id & 1];
        const Thunk thunk = job.thunk.load(std::memory_order_relaxed);
        void *ctx = job.ctx.load(std::memory_order_relaxed);
        if (index >= job.nTasks.load(std::memory_order_relaxed))
            return ran;
        // Success proves the slot still held job `id` when it was read: the caller rewrites a slot only after the
        // job two ids back finished, and by then the claim word has moved past `id` for good.
        if (!m_claim.compare_exchange_weak(word, word + 1, std::memory_order_acq_rel, std::memory_order_acquire))
            continue; // `word` now holds the current value
        thunk(ctx, index, thread);
        m_done.fetch_add(1, std::memory_order_release);
        ++ran;
        word = m_claim.load(std::memory_order_acquire);
    }
}

void CpuThreadPool::run(size_t nTasks, Thunk thunk, void *ctx)
{
    ATRIUM_ASSERT(nTasks < (uint64_t {1} << 31), "parallelFor: too many tasks");
    // The previous job has finished (every one of its tasks ran), so its slot's twin is free to rewrite.
    const uint32_t id = ++m_jobId;
    Job &job = m_jobs[id & 1];
    job.thunk.store(thunk, std::memory_order_relaxed);
    job.ctx.store(ctx, std::memory_order_relaxed);
    job.nTasks.store(static_cast<uint32_t>(nTasks), std::memory_order_relaxed);
    m_done.store(0, std::memory_order_relaxed);
    m_claim.store(static_cast<uint64_t>(id) << 32, std::memory_order_release);
    // seq_cst pairs with the workers' m_sleepers increment: either we see a sleeper and wake it, or it sees the new
    // wake count before blocking.
    m_wake.fetch_add(1);
    if (m_sleepers.load() > 0)
        m_wake.notify_all();

    drain(0);

    // Only tasks that were claimed can be outstanding; wait for them.
    for (unsigned spins = 0; m_done.load(std::memory_order_acquire) != nTasks; ++spins) {
        if (spins < 2048)
            cpuRelax();
        else
            std::this_thread::yield(); // a worker holding a task may be waiting for this core
    }
}

void CpuThreadPool::workerLoop(unsigned thread)
{
    for (;;) {
        const uint32_t wake = m_wake.load();
        if (m_stop.load())
            return;
        if (drain(thread) > 0)
            continue;
        // Nothing to claim: spin a while for the next job, then sleep until one is published.
        const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
        bool woke = false;
        for (unsigned i = 0; !woke; ++i) {
            cpuRelax();
            woke = m_wake.load(std::memory_order_acquire) != wake;
            if ((i & 63) == 63 && std::chrono::steady_clock::now() > deadline)
                break;
        }
        if (!woke) {
            m_sleepers.fetch_add(1);
            m_wake.wait(wake);
            m_sleepers.fetch_sub(1);
        }
    }
}

} // namespace atrium::cpu
