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
///
/// parallelFor() publishes a job and the caller starts on it at once; every thread claims task indices with a
/// compare-and-swap on one word holding (job id, next index). The caller then waits only for tasks that were
/// actually claimed, never for workers to show up: on a busy machine where a worker is not scheduled in time, the
/// caller simply runs the job alone instead of stalling every op on a sleeping thread. Idle workers spin briefly
/// (a decode step issues hundreds of ops a few microseconds apart), then sleep on a futex-backed atomic wait.
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

    /// Work (in multiply-adds or element operations) below which waking the workers costs more than it saves: a
    /// wake-up and join costs about a microsecond when the workers spin, tens when they sleep or the machine is busy.
    static constexpr size_t kParallelWork = size_t {128} << 10;

    /// Runs fn(task, thread) for every task in [0, nTasks) and returns when all have finished. `thread` is in
    /// [0, size()): 0 is the caller; use it to index per-thread scratch. Not reentrant (no nested calls).
    template <class F>
    void parallelFor(size_t nTasks, F &&fn)
    {
        parallelFor(nTasks, kParallelWork, fn);
    }

    /// As above, but runs the tasks on the caller alone when `work` (the job's total cost in the units of
    /// kParallelWork) is too small to be worth sharing.
    template <class F>
    void parallelFor(size_t nTasks, size_t work, F &&fn)
    {
        if (work < kParallelWork || m_workers.empty() || nTasks <= 1) {
            for (size_t task = 0; task < nTasks; ++task)
                fn(task, 0u);
            return;
        }
        using Fn = std::remove_reference_t<F>;
        run(
            nTasks,
            [](void *ctx, size_t task, unsigned thread) { (*static_cast<Fn *>(ctx))(task, thread); },
            const_cast<void *>(static_cast<const void *>(&fn)));
    }

private:
    using Thunk = void (*)(void *ctx, size_t task, unsigned thread);

    /// A published job. Two slots alternate by job id, so a thread that read a stale claim word never reads a slot
    /// the caller is rewriting and then acts on it: its claim fails first.
    struct Job {
        std::atomic<Thunk> thunk {nullptr};
        std::atomic<void *> ctx {nullptr};
        std::atomic<uint32_t> nTasks {0};
    };

    void run(size_t nTasks, Thunk thunk, void *ctx);
    void workerLoop(unsigned thread);
    /// Claims and runs tasks of the current job until none is left; returns how many it ran.
    unsigned drain(unsigned thread);

    std::vector<std::thread> m_workers;
    Job m_jobs[2];
    alignas(64) std::atomic<uint64_t> m_claim {0}; ///< (job id << 32) | next task index
    alignas(64) std::atomic<uint32_t> m_done {0}; ///< tasks of the current job finished
    alignas(64) std::atomic<uint32_t> m_wake {0}; ///< bumped per job; sleeping workers wait on it
    std::atomic<uint32_t> m_sleepers {0};
    std::atomic<bool> m_stop {false};
    uint32_t m_jobId = 0; ///< the caller's id of the current job
};

} // namespace atrium::cpu
