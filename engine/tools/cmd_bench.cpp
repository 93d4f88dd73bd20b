// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// `bench`: llama-bench's protocol on our engine (engine-notes §9.1). pp<N> evaluates one N-token prompt in one batch
// from an empty context; tg<N> runs N single-token steps from an empty context; each test runs once to warm up, then
// `-r` timed repetitions; rows report mean ± sample stddev of tokens/s. Tokens are random ids (seeded), as in
// llama-bench. Extras next to the contract's fields: weight bytes a decode step streams and the bandwidth that
// implies (tg), effective GFLOP/s (pp), the kernel level, per-repetition samples and the load average.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <random>
#include <sstream>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#endif

#include <nlohmann/json.hpp>

#include "args.h"
#include "atrium/model.h"
#include "atrium/session.h"
#include "commands.h"
#include "cpu/cpu_isa.h"
#include "gguf/gguf_file.h"

namespace atrium::cli
{

namespace
{

/// What the weights cost per token, from the tensor table.
struct WeightCost {
    uint64_t decodeBytes = 0; ///< bytes one decode step reads: every tensor, but only one row of the embedding table
    uint64_t matmulParams = 0; ///< elements of the matrices every token multiplies with (LM head excluded)
    uint64_t headParams = 0; ///< elements of the LM head (the output matrix, or the tied embedding table)
    std::string mainType; ///< the type holding most matrix bytes ("Q4_K")
};

Expected<WeightCost> weightCost(const std::string &path)
{
    ATRIUM_TRY(const GgufFile file, GgufFile::open(path));
    const bool tied = file.findTensor("output.weight") == nullptr;
    WeightCost cost;
    std::map<std::string, uint64_t> bytesByType;
    for (const GgufTensor &t : file.tensors()) {
        const bool embedding = t.name == "token_embd.weight";
        const bool head = t.name == "output.weight" || (embedding && tied);
        cost.decodeBytes += embedding && !tied ? t.nbytes / std::max<uint64_t>(t.rows(), 1) : t.nbytes;
        if (t.nDims >= 2) {
            if (head)
                cost.headParams += t.elements();
            else if (!embedding)
                cost.matmulParams += t.elements();
            bytesByType[tensorTypeName(static_cast<uint32_t>(t.type))] += t.nbytes;
        }
    }
    const auto top = std::max_element(
        bytesByType.begin(), bytesByType.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    cost.mainType = top == bytesByType.end() ? "?" : top->first;
    return cost;
}

struct Stats {
    double mean = 0;
    double stddev = 0;
    double best = 0; ///< the fastest repetition (robust on a busy machine)
};

Stats stats(const std::vector<double> &v)
{
    Stats s;
    if (v.empty())
        return s;
    for (const double x : v) {
        s.mean += x;
        s.best = std::max(s.best, x);
    }
    s.mean /= static_cast<double>(v.size());
    if (v.size() > 1) {
        double sq = 0;
        for (const double x : v)
            sq += (x - s.mean) * (x - s.mean);
        s.stddev = std::sqrt(sq / static_cast<double>(v.size() - 1));
    }
    return s;
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    if (!(in >> one >> five >> fifteen))
        return {};
    return one + " " + five + " " + fifteen;
}

std::string humanCount(double n)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(2);
    if (n >= 1e9)
        s << n / 1e9 << " B";
    else if (n >= 1e6)
        s << n / 1e6 << " M";
    else
        s << n / 1e3 << " K";
    return s.str();
}

std::string humanBytes(double b)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(2);
    if (b >= 1024.0 * 1024 * 1024)
        s << b / (1024.0 * 1024 * 1024) << " GiB";
    else
        s << b / (1024.0 * 1024) << " MiB";
    return s.str();
}

using Clock = std::chrono::steady_clock;

/// CPU seconds this process has used (all threads), or -1 where unknown. Compared with wall time it shows how much
/// of the machine the benchmark really had (other processes, spinning workers).
double processCpuSeconds()
{
#if defined(__unix__) || defined(__APPLE__)
    rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0) {
        const auto seconds = [](const timeval &t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
        return seconds(usage.ru_utime) + seconds(usage.ru_stime);
    }
#endif
    return -1;
}

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// One pp run: the whole prompt in one evaluate() from an empty context. Returns seconds.
Expected<double> runPrompt(Session &session, const std::vector<int32_t> &tokens)
{
    session.reset();
    const auto t0 = Clock::now();
    ATRIUM_TRY(const std::vector<float> logits, session.evaluate(tokens));
    (void)logits;
    return secondsSince(t0);
}

/// One tg run: n single-token steps from an empty context. Returns seconds.
Expected<double> runGeneration(Session &session, uint32_t n, uint32_t nVocab, std::mt19937 &rng)
{
    session.reset();
    const auto t0 = Clock::now();
    for (uint32_t i = 0; i < n; ++i) {
        const int32_t token = static_cast<int32_t>(rng() % nVocab);
        ATRIUM_TRY(const std::vector<float> logits, session.evaluate(std::span<const int32_t>(&token, 1)));
        (void)logits;
    }
    return secondsSince(t0);
}

struct Row {
    std::string test;
    uint32_t tokens = 0;
    bool prompt = false;
    std::vector<double> samples; ///< tokens/s per repetition
    double wallSeconds = 0; ///< timed repetitions only
    double cpuSeconds = 0; ///< process CPU time over the timed repetitions (-1: unknown)
};

} // namespace

int cmdBench(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv,
        {{"model", 'm', true},
            {"n-prompt", 'p', true},
            {"n-gen", 'n', true},
            {"repetitions", 'r', true},
            {"backend", 0, true},
            {"device", 0, true},
            {"threads", 't', true},
            {"kernels", 0, true},
            {"exact", 0, false},
            {"int-prompts", 0, false},
            {"kv-f32", 0, false},
            {"json", 0, false}});
    if (!args)
        return reportError(io, args.error().message);
    const auto path = args->value("model");
    if (!path)
        return reportError(io, "bench needs -m MODEL");
    auto nPrompt = args->intOr("n-prompt", 512);
    auto nGen = args->intOr("n-gen", 128);
    auto reps = args->intOr("repetitions", 5);
    auto device = args->intOr("device", -1);
    auto threads = args->intOr("threads", 0);
    for (const Error *e : {nPrompt ? nullptr : &nPrompt.error(),
             nGen ? nullptr : &nGen.error(),
             reps ? nullptr : &reps.error(),
             device ? nullptr : &device.error(),
             threads ? nullptr : &threads.error()}) {
        if (e)
            return reportError(io, e->message);
    }
    if (*nPrompt < 0 || *nGen < 0 || *nPrompt + *nGen == 0 || *nPrompt > (1 << 20) || *nGen > (1 << 20))
        return reportError(io, "-p and -n must be between 0 and 1048576, and not both 0");
    if (*reps < 1 || *reps > 1000)
        return reportError(io, "-r must be between 1 and 1000");
    if (*threads < 0 || *threads > 1024)
        return reportError(io, "--threads must be between 0 (all cores) and 1024");

    LoadOptions options;
    const std::string backend = args->valueOr("backend", "auto");
    if (backend == "cpu")
        options.backend = BackendKind::Cpu;
    else if (backend == "vulkan")
        options.backend = BackendKind::Vulkan;
    else if (backend == "reference")
        options.backend = BackendKind::Reference;
    else if (backend != "auto")
        return reportError(io, "--backend must be cpu, vulkan or reference, not '" + backend + "'");
    options.deviceIndex = static_cast<int>(*device);
    options.threads = static_cast<int>(*threads);
    options.exactActivations = args->has("exact");
    options.integerPrompts = args->has("int-prompts");
    options.f32KvCache = args->has("kv-f32");
    options.contextLength = static_cast<uint32_t>(std::max(*nPrompt, *nGen));

    // CPU kernel level: --kernels, else ATRIUM_CPU_KERNELS (e.g. "generic" to compare with baseline-ISA builds).
    std::string kernels = args->valueOr("kernels", "");
    if (kernels.empty()) {
        if (const char *env = std::getenv("ATRIUM_CPU_KERNELS"))
            kernels = env;
    }
    if (!kernels.empty()) {
        const auto isa = cpuIsaFromName(kernels);
        if (!isa)
            return reportError(io, "CPU kernels must be auto, generic, avx, avx2 or avx512, not '" + kernels + "'");
        forceCpuIsa(*isa);
    }

    auto cost = weightCost(*path);
    if (!cost)
        return reportError(io, cost.error().message);
    auto model = Model::load(*path, options);
    if (!model) {
        const std::string &message = model.error().message;
        return reportError(io, message.find(*path) == std::string::npos ? *path + ": " + message : message);
    }
    if (!(*model)->fallbackReason().empty())
        io.err << "note: using the CPU: " << (*model)->fallbackReason() << '\n';
    const ModelInfo &info = (*model)->info();
    const uint32_t nVocab = (*model)->vocabSize();
    Session session(*model);
    std::mt19937 rng(1234);

    std::vector<Row> rows;
    if (*nPrompt > 0)
        rows.push_back(Row {"pp" + std::to_string(*nPrompt), static_cast<uint32_t>(*nPrompt), true, {}});
    if (*nGen > 0)
        rows.push_back(Row {"tg" + std::to_string(*nGen), static_cast<uint32_t>(*nGen), false, {}});
    for (Row &row : rows) {
        std::vector<int32_t> prompt(row.tokens);
        for (int32_t &t : prompt)
            t = static_cast<int32_t>(rng() % nVocab);
        double cpuStart = 0;
        for (long long rep = 0; rep <= *reps; ++rep) { // rep 0 warms up (first-use allocations, caches)
            if (rep == 1)
                cpuStart = processCpuSeconds();
            auto seconds = row.prompt ? runPrompt(session, prompt) : runGeneration(session, row.tokens, nVocab, rng);
            if (!seconds)
                return reportError(io, seconds.error().message);
            if (rep > 0) {
                row.samples.push_back(row.tokens / *seconds);
                row.wallSeconds += *seconds;
            }
            io.err << "\r" << row.test << ": " << rep << "/" << *reps << std::flush;
        }
        const double cpuEnd = processCpuSeconds();
        row.cpuSeconds = cpuStart >= 0 && cpuEnd >= 0 ? cpuEnd - cpuStart : -1;
        io.err << '\n';
    }

    const std::string modelFile = std::filesystem::path(*path).filename().string();
    const std::string modelType =
        info.architecture + " " + humanCount(static_cast<double>(info.parameterCount)) + " " + cost->mainType;
    const std::string load = loadAverage();
    if (args->has("json")) {
        nlohmann::json out;
        out["rows"] = nlohmann::json::array();
        for (const Row &row : rows) {
            const Stats s = stats(row.samples);
            nlohmann::json j = {{"test", row.test},
                {"tokens_per_s", s.mean},
                {"stddev", s.stddev},
                {"best_tokens_per_s", s.best},
                {"backend", (*model)->backendName()},
                {"device", (*model)->deviceName()},
                {"model", modelFile},
                {"model_bytes", info.fileBytes},
                {"model_type", modelType},
                {"n_tokens", row.tokens},
                {"repetitions", row.samples.size()},
                {"samples", row.samples},
                {"weight_bytes_per_token", cost->decodeBytes}};
            if (row.prompt) {
                // Every token goes through the layers; the LM head runs for the last position only.
                const double flopsPerToken =
                    2.0 * static_cast<double>(cost->matmulParams) + 2.0 * cost->headParams / row.tokens;
                j["gflop_per_s"] = flopsPerToken * s.mean / 1e9;
            } else {
                j["weight_gb_per_s"] = static_cast<double>(cost->decodeBytes) * s.mean / 1e9;
            }
            if (!load.empty())
                j["load_average"] = load;
            j["wall_s"] = row.wallSeconds;
            if (row.cpuSeconds >= 0)
                j["process_cpu_s"] = row.cpuSeconds;
            out["rows"].push_back(j);
        }
        io.out << out.dump(2) << '\n';
        return 0;
    }

    io.out << "| model | size | params | backend | device | test | t/s | best t/s | weights GB/s |\n"
           << "| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |\n";
    for (const Row &row : rows) {
        const Stats s = stats(row.samples);
        std::ostringstream line;
        line << std::fixed << std::setprecision(2) << "| " << modelType << " | "
             << humanBytes(static_cast<double>(info.weightBytes)) << " | "
             << humanCount(static_cast<double>(info.parameterCount)) << " | " << (*model)->backendName() << " | "
             << (*model)->deviceName() << " | " << row.test << " | " << s.mean << " ± " << s.stddev << " | " << s.best
             << " | ";
        if (row.prompt)
            line << "- |";
        else
            line << static_cast<double>(cost->decodeBytes) * s.mean / 1e9 << " |";
        io.out << line.str() << '\n';
    }
    if (!load.empty())
        io.err << "load average: " << load << '\n';
    for (const Row &row : rows) {
        if (row.cpuSeconds >= 0)
            io.err << row.test << ": " << std::fixed << std::setprecision(2) << row.wallSeconds << " s wall, "
                   << row.cpuSeconds << " s process CPU\n";
    }
    return 0;
}

} // namespace atrium::cli
