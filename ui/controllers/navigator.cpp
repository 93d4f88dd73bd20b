// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "navigator.h"

#include "common/qml_instance.h"

Navigator::Navigator(QObject *parent)
    : QObject(parent)
{
}

Navigator *Navigator::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<Navigator>::take(jsEngine);
}

Navigator::Page Navigator::page() const
{
    return m_page;
}

void Navigator::setPage(Page page)
{
    if (page == m_page)
        return;
    if (m_page != Page::Model && m_page != Page::Welcome)
        m_previous = m_page;
    m_page = page;
    Q_EMIT pageChanged();
}

Navigator::Page Navigator::section() const
{
    if (m_page == Page::Model)
        return m_previous == Page::Library ? Page::Library : Page::Discover;
    return m_page;
}

QString Navigator::modelId() const
{
    return m_modelId;
}

bool Navigator::canGoBack() const
{
    return m_page == Page::Model;
}

void Navigator::openModel(const QString &repoId)
{
    if (repoId != m_modelId) {
        m_modelId = repoId;
        Q_EMIT modelIdChanged();
    }
    setPage(Page::Model);
}

void Navigator::back()
{
    if (m_page == Page::Model || m_page == Page::Welcome)
        setPage(m_previous);
}
