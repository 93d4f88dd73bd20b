// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

/// Which screen is showing. Navigation state lives here, in C++, so every screen can be reached without a mouse
/// and tests can drive it; QML binds to `page` and calls the open*() methods.
class Navigator : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(Page page READ page WRITE setPage NOTIFY pageChanged FINAL)
    /// The sidebar entry that is highlighted: the model page belongs to the section it was opened from.
    Q_PROPERTY(Page section READ section NOTIFY pageChanged FINAL)
    /// The repository shown by the model page ("org/name").
    Q_PROPERTY(QString modelId READ modelId NOTIFY modelIdChanged FINAL)
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY pageChanged FINAL)

public:
    enum class Page {
        Welcome,
        Discover,
        Model,
        Library,
        Chat,
        Compare,
        Settings,
    };
    Q_ENUM(Page)

    explicit Navigator(QObject *parent);
    static Navigator *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    Page page() const;
    void setPage(Page page);
    Page section() const;
    QString modelId() const;
    bool canGoBack() const;

    /// Shows the model page for `repoId`, remembering where the user came from.
    Q_INVOKABLE void openModel(const QString &repoId);
    /// Returns from the model page (or from the welcome screen) to the page before it.
    Q_INVOKABLE void back();

Q_SIGNALS:
    void pageChanged();
    void modelIdChanged();

private:
    Page m_page = Page::Discover;
    Page m_previous = Page::Discover;
    QString m_modelId;
};
