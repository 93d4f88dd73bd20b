// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "atrium/expected.h"

namespace atrium::cli
{

/// Command-line options of one command: `--name value`, `-n value`, `--flag`, positionals; repeated options keep
/// every value. Options are declared up front so a typo is an error, not a silently ignored flag.
class Args
{
public:
    struct Spec {
        std::string name; ///< long name without dashes ("model")
        char shortName; ///< 'm', or 0
        bool takesValue;
    };

    using Specs = std::vector<Spec>;

    static Expected<Args> parse(const std::vector<std::string> &argv, const Specs &specs);
    /// The option lists of several groups (e.g. the model and sampling options shared by commands) in one.
    static Specs join(std::initializer_list<Specs> groups);

    bool has(const std::string &name) const;
    std::optional<std::string> value(const std::string &name) const;
    std::vector<std::string> values(const std::string &name) const;
    std::string valueOr(const std::string &name, const std::string &fallback) const;
    /// Parsed numbers; an unparsable value is an InvalidArgument error naming the option.
    Expected<long long> intOr(const std::string &name, long long fallback) const;
    Expected<double> floatOr(const std::string &name, double fallback) const;
    const std::vector<std::string> &positionals() const
    {
        return m_positionals;
    }

private:
    std::map<std::string, std::vector<std::string>> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positionals;
};

} // namespace atrium::cli
