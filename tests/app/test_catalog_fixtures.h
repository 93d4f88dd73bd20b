// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Small on-disk fixtures for the catalog tests: tiny GGUF files written with the engine's GgufWriter, and model
// stores laid out as the Hugging Face cache, LM Studio, GPT4All and Ollama lay them out.
#pragma once

#include <optional>
#include <vector>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "gguf/gguf_file.h"

namespace CatalogFixtures
{

struct TinyGguf {
    std::string architecture = "llama";
    uint32_t contextLength = 256;
    std::optional<uint32_t> fileType = 15; ///< general.file_type (15 = Q4_K_M); nullopt: leave it out
    bool chatTemplate = true;
    atrium::TensorType matrixType = atrium::TensorType::Q8_0;
    uint64_t rows = 4; ///< rows of the matrix (changes the size and parameter count)
};

/// token_embd.weight F32 [32 x rows] + blk.0.attn_q.weight matrixType [64 x rows] + a 1-D norm: the parameter
/// count is 32·rows + 64·rows + 32.
inline QByteArray tinyGguf(const TinyGguf &spec = {})
{
    atrium::GgufWriter writer;
    writer.setString("general.architecture", spec.architecture);
    writer.setString("general.name", "tiny");
    writer.setUint32(spec.architecture + ".context_length", spec.contextLength);
    if (spec.fileType)
        writer.setUint32("general.file_type", *spec.fileType);
    if (spec.chatTemplate)
        writer.setString("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
    std::vector<float> embd(32 * spec.rows, 0.25f);
    std::vector<float> q(64 * spec.rows, -0.5f);
    std::vector<float> norm(32, 1.0f);
    if (!writer.addTensorFromFloats("token_embd.weight", atrium::TensorType::F32, {32, spec.rows}, embd))
        return {};
    if (!writer.addTensorFromFloats("blk.0.attn_q.weight", spec.matrixType, {64, spec.rows}, q))
        return {};
    if (!writer.addTensorFromFloats("output_norm.weight", atrium::TensorType::F32, {32}, norm))
        return {};
    const std::vector<uint8_t> bytes = writer.toBytes();
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

/// The error message of a failed AppExpected, empty on success (QVERIFY2 evaluates its message either way).
template <typename Result>
QByteArray failureText(const Result &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

inline qint64 tinyParameterCount(const TinyGguf &spec = {})
{
    return qint64(32 * spec.rows + 64 * spec.rows + 32);
}

inline QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Lays out one snapshot of a repository in a Hugging Face cache: blobs/<sha256>, a relative link
/// snapshots/<commit>/<path> -> ../../blobs/<sha256> (deeper paths get more ../), and refs/main.
/// Returns the snapshot links, in the order of `files`.
inline QStringList addHfSnapshot(const QString &cache,
    const QString &repoId,
    const QString &commit,
    const QList<QPair<QString, QByteArray>> &files,
    bool writeRefsMain = true)
{
    const QString repoDir = QDir(cache).filePath(
        QStringLiteral("models--") + QString(repoId).replace(QLatin1Char('/'), QStringLiteral("--")));
    QStringList links;
    for (const auto &[path, bytes] : files) {
        const QString sha = sha256Hex(bytes);
        const QString blob = QDir(repoDir).filePath(QStringLiteral("blobs/") + sha);
        if (!QFileInfo::exists(blob))
            writeFile(blob, bytes);
        const QString link = QDir(repoDir).filePath(QStringLiteral("snapshots/%1/%2").arg(commit, path));
        QDir().mkpath(QFileInfo(link).path());
        const QString target = QFileInfo(link).dir().relativeFilePath(blob);
        QFile::link(target, link);
        links.append(link);
    }
    if (writeRefsMain)
        writeFile(QDir(repoDir).filePath(QStringLiteral("refs/main")), commit.toLatin1());
    return links;
}

/// Ollama's store: blobs/sha256-<hex> and manifests/registry.ollama.ai/<namespace>/<name>/<tag>. Returns the blob.
inline QString addOllamaModel(
    const QString &root, const QString &space, const QString &name, const QString &tag, const QByteArray &gguf)
{
    const QString hex = sha256Hex(gguf);
    const QString blob = QDir(root).filePath(QStringLiteral("blobs/sha256-") + hex);
    writeFile(blob, gguf);
    const QByteArray params = QByteArrayLiteral("{\"stop\":[\"</s>\"]}");
    writeFile(QDir(root).filePath(QStringLiteral("blobs/sha256-") + sha256Hex(params)), params);
    const QJsonObject manifest {
        {QStringLiteral("schemaVersion"), 2},
        {QStringLiteral("mediaType"), QStringLiteral("application/vnd.docker.distribution.manifest.v2+json")},
        {QStringLiteral("layers"),
            QJsonArray {
                QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.ollama.image.model")},
                    {QStringLiteral("digest"), QStringLiteral("sha256:") + hex},
                    {QStringLiteral("size"), gguf.size()}},
                QJsonObject {{QStringLiteral("mediaType"), QStringLiteral("application/vnd.ollama.image.params")},
                    {QStringLiteral("digest"), QStringLiteral("sha256:") + sha256Hex(params)},
                    {QStringLiteral("size"), params.size()}}}},
    };
    writeFile(QDir(root).filePath(QStringLiteral("manifests/registry.ollama.ai/%1/%2/%3").arg(space, name, tag)),
        QJsonDocument(manifest).toJson());
    return blob;
}

} // namespace CatalogFixtures
