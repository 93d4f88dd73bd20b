// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QStringList>

/// atrium-cli's catalog commands on the catalog at AppPaths::catalogDatabase() (ATRIUM_HOME honoured):
///   list [--json]                    indexes the Hugging Face cache, LM Studio, GPT4All, Ollama and the user's
///                                    folders, then prints every model with its files
///   rm REPO[/PATH] [--yes] [--json]  deletes a model or one file; files Atrium did not download need --yes
/// `list --json`: {"models": [{"id", "source", "root", "revision", "size", "files": [{"path", "local_path", "size",
/// "sha256", "format", "quantization", "architecture", "parameters", "context_length", "chat_template", "revision",
/// "downloaded_by_atrium"}], …}], "total_size": n}
/// `rm --json`: {"repo", "removed": [{"path", "local_path", "size"}], "deleted_paths": [...], "freed_bytes": n}
namespace CatalogCommands
{
bool isCatalogCommand(const QString &command);
/// Runs one command with the arguments after its name; returns the exit code.
int run(const QString &command, const QStringList &args);
} // namespace CatalogCommands
