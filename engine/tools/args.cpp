// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "args.h"

#include <charconv>
#include <cstdlib>

namespace atrium::cli
{

Args::Specs Args::join(std::initializer_list<Specs> groups)
{
    Specs all;
    for (const Specs &group : groups)
        all.insert(all.end(), group.begin(), group.end());
    return all;
}

Expected<Args> Args::parse(const std::vector<std::string> &argv, const Specs &specs)
{
    Args args;
    auto findSpec = [&](const std::string &arg) -> const Spec * {
        for (const Spec &s : specs) {
            if (arg == "--" + s.name || (s.shortName != 0 && arg.size() == 2 && arg[0] == '-' && arg[1] == s.shortName))
                return &s;
        }
        return nullptr;
    };
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string &arg = argv[i];
        if (arg.size() < 2 || arg[0] != '-' || arg == "--") {
            args.m_positionals.push_back(arg);
            continue;
        }
        std::string name = arg;
        std::optional<std::string> inlineValue;
        if (arg.rfind("--", 0) == 0) {
            if (auto eq = arg.find('='); eq != std::string::npos) {
                name = arg.substr(0, eq);
                inlineValue = arg.substr(eq + 1);
            }
        }
        const Spec *spec = findSpec(name);
        if (!spec)
            return fail(ErrorCode::InvalidArgument, "unknown option '" + name + "'");
        if (!spec->takesValue) {
            if (inlineValue)
                return fail(ErrorCode::InvalidArgument, "option '" + name + "' takes no value");
            args.m_flags.insert(spec->name);
            continue;
        }
        if (inlineValue) {
            args.m_values[spec->name].push_back(*inlineValue);
        } else {
            if (i + 1 >= argv.size())
                return fail(ErrorCode::InvalidArgument, "option '" + name + "' needs a value");
            args.m_values[spec->name].push_back(argv[++i]);
        }
    }
    return args;
}

bool Args::has(const std::string &name) const
{
    return m_flags.count(name) != 0 || m_values.count(name) != 0;
}

std::optional<std::string> Args::value(const std::string &name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::values(const std::string &name) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string> {} : it->second;
}

std::string Args::valueOr(const std::string &name, const std::string &fallback) const
{
    return value(name).value_or(fallback);
}

Expected<long long> Args::intOr(const std::string &name, long long fallback) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    long long out = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || ptr != v->data() + v->size())
        return fail(ErrorCode::InvalidArgument, "--" + name + ": '" + *v + "' is not an integer");
    return out;
}

Expected<double> Args::floatOr(const std::string &name, double fallback) const
{
    auto v = value(name);
    if (!v)
        return fallback;
    char *end = nullptr;
    double out = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size())
        return fail(ErrorCode::InvalidArgument, "--" + name + ": '" + *v + "' is not a number");
    return out;
}

} // namespace atrium::cli
