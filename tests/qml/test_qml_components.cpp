// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Runs tests/qml/qml/tst_*.qml against the real Atrium and Atrium.Ui modules (linked statically). The singletons the
// components read (Preferences for the theme, Navigator) are exposed here the way the app's composition root does.

#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include "common/qml_instance.h"
#include "controllers/navigator.h"
#include "controllers/preferences.h"

Q_IMPORT_QML_PLUGIN(AtriumPlugin)
Q_IMPORT_QML_PLUGIN(Atrium_UiPlugin)

using namespace Qt::StringLiterals;

class Setup : public QObject
{
    Q_OBJECT

public:
    Setup()
    {
        QQuickStyle::setStyle(u"Material"_s);
    }

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
#if QT_VERSION < QT_VERSION_CHECK(6, 5, 0)
        engine->addImportPath(u"qrc:/"_s); // as in app/main.cpp: Qt 6.4 does not search qrc:/ for modules
#else
        Q_UNUSED(engine);
#endif
        m_preferences = std::make_unique<Preferences>(m_dir.filePath(u"settings.ini"_s), m_dir.path(), m_dir.path());
        m_navigator = std::make_unique<Navigator>(nullptr);
        QmlInstance<Preferences>::expose(m_preferences.get());
        QmlInstance<Navigator>::expose(m_navigator.get());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<Navigator> m_navigator;
};

QUICK_TEST_MAIN_WITH_SETUP(atrium_qml, Setup)

#include "test_qml_components.moc"
