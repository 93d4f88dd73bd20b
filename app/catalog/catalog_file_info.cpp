// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// CatalogIndexer::describeFile(): what the catalog records about one file, GGUF header included.

#include <algorithm>
#include <map>

#include <QFile>
#include <QFileInfo>

#include "catalog/catalog_indexer.h"
#include "gguf/gguf_file.h"

namespace
{

/// llama.cpp's llama_ftype names for general.file_type.
// NOTE: values serialized to disk (GGUF general.file_type), do not change or reuse.
QString fileTypeName(uint64_t fileType)
{
    static const std::map<uint64_t, const char16_t *> kNames {
        {0, u"F32"},
        {1, u"F16"},
        {2, u"Q4_0"},
        {3, u"Q4_1"},
        {7, u"Q8_0"},
        {8, u"Q5_0"},
        {9, u"Q5_1"},
        {10, u"Q2_K"},
        {11, u"Q3_K_S"},
        {12, u"Q3_K_M"},
        {13, u"Q3_K_L"},
        {14, u"Q4_K_S"},
        {15, u"Q4_K_M"},
        {16, u"Q5_K_S"},
        {17, u"Q5_K_M"},
        {18, u"Q6_K"},
        {19, u"IQ2_XXS"},
        {20, u"IQ2_XS"},
        {21, u"Q2_K_S"},
        {22, u"IQ3_XS"},
        {23, u"IQ3_XXS"},
        {24, u"IQ1_S"},
        {25, u"IQ4_NL"},
        {26, u"IQ3_S"},
        {27, u"IQ3_M"},
        {28, u"IQ2_S"},
        {29, u"IQ2_M"},
        {30, u"IQ4_XS"},
        {31, u"IQ1_M"},
        {32, u"BF16"},
        {36, u"TQ1_0"},
        {37, u"TQ2_0"},
        {38, u"MXFP4_MOE"},
    };
    const auto it = kNames.find(fileType);
    return it == kNames.end() ? QString() : QString::fromUtf16(it->second);
}

/// The tensor type holding the most elements among matrices (nDims >= 2), e.g. "Q4_K".
QString majorityTensorType(const atrium::GgufFile &gguf)
{
    std::map<atrium::TensorType, uint64_t> elementsByType;
    for (const atrium::GgufTensor &tensor : gguf.tensors()) {
        if (tensor.nDims >= 2)
            elementsByType[tensor.type] += tensor.elements();
    }
    const auto best = std::max_element(
        elementsByType.begin(), elementsByType.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    if (best == elementsByType.end())
        return {};
    return QString::fromStdString(atrium::tensorTypeName(uint32_t(best->first)));
}

bool hasGgufMagic(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4) == QByteArrayLiteral("GGUF");
}

} // namespace

CatalogFile CatalogIndexer::describeFile(const QString &localPath, QString *warning)
{
    CatalogFile file;
    const QFileInfo info(localPath); // size and mtime follow symlinks: they describe the content
    file.localPath = localPath;
    file.sizeBytes = info.size();
    file.fileModified = info.lastModified().toUTC();
    file.blobPath = info.canonicalFilePath();
    const QString suffix = info.suffix().toLower();
    const bool gguf = suffix == QStringLiteral("gguf") || (suffix.isEmpty() && hasGgufMagic(localPath));
    file.format = gguf ? QStringLiteral("gguf") : suffix;
    if (!gguf)
        return file;

    auto opened = atrium::GgufFile::open(QFile::encodeName(localPath).toStdString());
    if (!opened) {
        if (warning)
            *warning = QStringLiteral("%1: %2").arg(localPath, QString::fromStdString(opened.error().message));
        return file;
    }
    const atrium::GgufFile &header = *opened;
    const std::string arch(header.getString("general.architecture").value_or(std::string_view()));
    file.architecture = QString::fromStdString(arch);
    file.contextLength = qint64(header.getUint(arch + ".context_length").value_or(0));
    file.hasChatTemplate = header.find("tokenizer.chat_template") != nullptr;
    uint64_t parameters = 0;
    for (const atrium::GgufTensor &tensor : header.tensors())
        parameters += tensor.elements();
    file.parameterCount = qint64(parameters);
    if (const auto fileType = header.getUint("general.file_type"))
        file.quantization = fileTypeName(*fileType);
    if (file.quantization.isEmpty())
        file.quantization = majorityTensorType(header);
    return file;
}
