// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

namespace tokenizertest
{

inline const QString kShared = QStringLiteral(ATRIUM_SHARED_DIR);
inline const QString kModels = kShared + QStringLiteral("/models");
inline const QString kReference = kShared + QStringLiteral("/reference/tokenizer");

/// Loads each vocabulary once per test executable (the Llama 3 vocabulary takes a while to index).
inline const atrium::Tokenizer *tokenizerFor(const QString &path, QString *error = nullptr)
{
    static std::map<QString, std::unique_ptr<atrium::Tokenizer>> cache;
    const auto it = cache.find(path);
    if (it != cache.end())
        return it->second.get();
    auto file = atrium::GgufFile::open(path.toStdString());
    if (!file) {
        if (error)
            *error = QString::fromStdString(file.error().message);
        return nullptr;
    }
    auto tokenizer = atrium::Tokenizer::fromGguf(*file);
    if (!tokenizer) {
        if (error)
            *error = QString::fromStdString(tokenizer.error().message);
        return nullptr;
    }
    auto &slot = cache[path];
    slot = std::make_unique<atrium::Tokenizer>(std::move(tokenizer).value());
    return slot.get();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline std::string toStd(const QByteArray &bytes)
{
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

inline QString idsToString(const std::vector<int32_t> &ids)
{
    QStringList parts;
    for (const int32_t id : ids)
        parts << QString::number(id);
    return u'[' + parts.join(u',') + u']';
}

} // namespace tokenizertest
