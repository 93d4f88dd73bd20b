// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QMetaType>
#include <QString>

#include "atrium/expected.h"

/// A failure in app/ as a value the UI can show: what happened, in plain words, and what fixes it.
struct AppError {
    enum class Kind {
        None,
        Network,
        Offline,
        NotFound,
        Unauthorized, ///< gated or private repository: accept the licence, then add a token
        RateLimited,
        Server,
        Integrity, ///< size or sha256 mismatch
        DiskFull,
        Io,
        Database,
        InvalidInput,
        Engine,
        Cancelled,
    };
    Kind kind = Kind::None;
    QString message; ///< one sentence for a person
    QString detail; ///< technical detail for logs (HTTP status, sqlite code, …)
    int code = 0; ///< HTTP status, sqlite extended result code, … where one applies

    bool isError() const
    {
        return kind != Kind::None;
    }
};
Q_DECLARE_METATYPE(AppError)

template <typename T>
using AppExpected = atrium::Expected<T, AppError>;

inline atrium::Unexpected<AppError> appFail(AppError::Kind kind, QString message, QString detail = {}, int code = 0)
{
    return atrium::Unexpected<AppError>(AppError {kind, std::move(message), std::move(detail), code});
}

namespace atrium
{
/// Lets ATRIUM_TRY / ATRIUM_TRY_VOID propagate an AppError out of a function returning AppExpected.
inline Unexpected<AppError> fail(AppError e)
{
    return Unexpected<AppError>(std::move(e));
}
} // namespace atrium
