// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

namespace atrium::cpu
{

/// A persistent fork-join pool for the CPU backend's ops: `size() - 1` worker threads plus the calling thread.
/// parallelFor() hands out task indices through one atomic counter (dynamic balancing, no allocation per call).
/// Idle workers spin briefly (a decode step issues hundreds of ops a few microseconds apart) and then sleep on a
/// futex-backed atomic wait, so an idle model costs no CPU.
class CpuThreadPool
{
public:
    /// threads: total threads including the caller (>= 1).
    explicit CpuThreadPool(unsigned threads);
    ~CpuThreadPool();
    CpuThreadPool(const CpuThreadPool &) = delete;
    CpuThreadPool &operator=(const CpuThreadPool &) = delete;

    unsigned size() const
    {
        return static_cast<unsigned>(m_workers.size()) + 1;
    }

    /// Runs fn(task, thread) for every task in [0, nTasks) and returns when all have finished. `thread` is in
    /// [0, size()): 0 is the caller; use it to index per-thread scratch. Not reentrant (no nested calls).
    template <class F>
    void parallelFor(size_t nTasks, F &&fn)
    {
        using Fn = std::remove_reference_t<F>;
        run(
            nTasks,
            [](void *ctx, size_t task, unsigned thread) { (*static_cast<Fn *>(ctx))(task, thread); },
            const_cast<void *>(static_cast<const void *>(&fn)));
    }

private:
    using Thunk = void (*)(void *ctx, size_t task, unsigned thread);

    void run(size_t nTasks, Thunk thunk, void *ctx);
    void workerLoop(unsigned thread);
    void drain(unsigned thread);

    std::vector<std::thread> m_workers;
    // The current job; written by the caller before m_generation is bumped, read by workers after they see it.
    Thunk m_thunk = nullptr;
    void *m_ctx = nullptr;
    size_t m_nTasks = 0;
    alignas(64) std::atomic<size_t> m_next {0}; ///< next task index to hand out
    alignas(64) std::atomic<uint32_t> m_generation {0}; ///< bumped once per job (and at shutdown)
    alignas(64) std::atomic<uint32_t> m_pending {0}; ///< workers still inside the current job
    std::atomic<uint32_t> m_sleepers {0}; ///< workers blocked in m_generation.wait()
    std::atomic<bool> m_stop {false};
};

} // namespace atrium::cpu
