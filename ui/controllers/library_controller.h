// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"
#include "common/catalog_access.h"
#include "library_model.h"
#include "local_file_model.h"

class QQmlEngine;
class QJSEngine;

/// The Library screen: what the catalog holds, scanning the places models live (the Hugging Face cache, other
/// apps' folders, folders the user added), adding and removing folders and deleting files. Every catalog call runs
/// on the catalog thread; the models get snapshots.
class LibraryController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Library)
    QML_SINGLETON
    Q_PROPERTY(LibraryModel *models READ models CONSTANT FINAL)
    Q_PROPERTY(LocalFileModel *files READ files CONSTANT FINAL)
    Q_PROPERTY(QStringList folders READ folders NOTIFY foldersChanged FINAL)
    Q_PROPERTY(double totalBytes READ totalBytes NOTIFY modelsChanged FINAL)
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanningChanged FINAL)
    Q_PROPERTY(bool available READ available CONSTANT FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(QString lastMessage READ lastMessage NOTIFY lastMessageChanged FINAL)

public:
    LibraryController(CatalogAccess catalog, QString hubCache, QObject *parent);
    static LibraryController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    LibraryModel *models();
    LocalFileModel *files();
    QStringList folders() const;
    double totalBytes() const;
    bool scanning() const;
    bool available() const;
    QString errorString() const;
    QString lastMessage() const;
    const QList<CatalogModel> &snapshot() const;

    /// Reads the catalog again.
    Q_INVOKABLE void reload();
    /// Indexes every known place again, then reloads, and says what it found.
    Q_INVOKABLE void rescan();
    /// The same without a message (the scan at startup).
    void rescanQuietly();
    /// Indexes the Hugging Face cache only (after a download), then reloads.
    Q_INVOKABLE void rescanHubCache();
    /// Adds a folder (a path or a file:// URL) and indexes it in place.
    Q_INVOKABLE void addFolder(const QString &pathOrUrl);
    Q_INVOKABLE void removeFolder(const QString &path);
    /// Deletes one file (or, with an empty path, every file of the model) from disk. Files other apps own need
    /// `confirmExternal`.
    Q_INVOKABLE void deleteFromDisk(const QString &repoId, const QString &path, bool confirmExternal);

Q_SIGNALS:
    void modelsChanged();
    void foldersChanged();
    void scanningChanged();
    void errorStringChanged();
    void lastMessageChanged();

private:
    void setScanning(bool scanning);
    void setError(const QString &message);
    void setMessage(const QString &message);
    void applyModels(const QList<CatalogModel> &models);
    void scanAll(bool report);

    CatalogAccess m_catalog;
    QString m_hubCache;
    LibraryModel m_models;
    LocalFileModel m_files;
    QList<UserFolder> m_folders;
    bool m_scanning = false;
    QString m_error;
    QString m_message;
};
