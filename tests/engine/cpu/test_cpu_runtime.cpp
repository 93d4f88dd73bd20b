// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The fast CPU backend's plumbing: the persistent thread pool (every task runs exactly once, on every pool size,
// across many back-to-back jobs and after the workers went to sleep), kernel-level selection and its override.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <QtTest>

#include "cpu/cpu_backend.h"
#include "cpu/cpu_isa.h"
#include "cpu/cpu_kernels.h"
#include "cpu/cpu_thread_pool.h"

using namespace atrium;

class TestCpuRuntime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void poolRunsEveryTaskExactlyOnce()
    {
        for (const unsigned threads : {1u, 2u, 3u, 8u}) {
            cpu::CpuThreadPool pool(threads);
            QCOMPARE(pool.size(), threads);
            for (const size_t nTasks : {size_t {0}, size_t {1}, size_t {2}, size_t {7}, size_t {1000}}) {
                std::vector<std::atomic<int>> hits(nTasks);
                std::atomic<bool> badThread {false};
                pool.parallelFor(nTasks, [&](size_t task, unsigned thread) {
                    hits[task].fetch_add(1);
                    if (thread >= threads)
                        badThread = true;
                });
                for (const auto &h : hits)
                    QCOMPARE(h.load(), 1);
                QVERIFY(!badThread);
            }
        }
    }

    void poolSurvivesManyShortJobsAndSleep()
    {
        cpu::CpuThreadPool pool(3);
        std::atomic<long> total {0};
        for (int job = 0; job < 300; ++job)
            pool.parallelFor(5, [&](size_t task, unsigned) { total += static_cast<long>(task) + 1; });
        QCOMPARE(total.load(), 300L * 15);
        // Let the workers go past their spin phase and sleep, then wake them.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        pool.parallelFor(64, [&](size_t, unsigned) { total += 1; });
        QCOMPARE(total.load(), 300L * 15 + 64);
    }

    void isaNamesRoundTrip()
    {
        for (const CpuIsa isa : {CpuIsa::Auto, CpuIsa::Generic, CpuIsa::Avx, CpuIsa::Avx2, CpuIsa::Avx512})
            QCOMPARE(cpuIsaFromName(cpuIsaName(isa)), std::optional<CpuIsa>(isa));
        QVERIFY(!cpuIsaFromName("sse9").has_value());
    }

    void isaResolutionHonoursSupportAndOverride()
    {
        QCOMPARE(resolveCpuIsa(CpuIsa::Generic), CpuIsa::Generic);
        QCOMPARE(resolveCpuIsa(CpuIsa::Auto), detectCpuIsa());
        QVERIFY(cpuSupports(resolveCpuIsa(CpuIsa::Avx512)));
        forceCpuIsa(CpuIsa::Generic);
        QCOMPARE(resolveCpuIsa(CpuIsa::Auto), CpuIsa::Generic);
        QCOMPARE(cpu::kernelsFor(CpuIsa::Auto).isa, CpuIsa::Generic);
        forceCpuIsa(CpuIsa::Auto);
        QCOMPARE(resolveCpuIsa(CpuIsa::Auto), detectCpuIsa());
        QCOMPARE(cpu::kernelsFor(CpuIsa::Auto).isa, detectCpuIsa());
    }

    void backendNamesItsThreadsAndKernels()
    {
        CpuBackendOptions options;
        options.threads = 3;
        options.kernels = CpuIsa::Generic;
        auto backend = createCpuBackend(options);
        QVERIFY(backend.has_value());
        QCOMPARE((*backend)->name(), std::string("cpu"));
        QCOMPARE((*backend)->deviceName(), std::string("CPU (3 threads, generic)"));
        options.threads = -1;
        QVERIFY(!createCpuBackend(options).has_value());
    }
};

QTEST_GUILESS_MAIN(TestCpuRuntime)
#include "test_cpu_runtime.moc"
