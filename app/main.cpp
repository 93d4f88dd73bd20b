// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The GUI composition root: builds every service, hands them to the QML singletons, loads the UI.

#include "common/qml_instance.h"
#include "gui/e2e_driver.h"
#include "controllers/navigator.h"
#include "controllers/preferences.h"
#include "settings/app_paths.h"

#include <QDir>
#include <QGuiApplication>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QMetaEnum>
#include <QStyleHints>
#include <QUrl>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(AtriumPlugin)
Q_IMPORT_QML_PLUGIN(Atrium_UiPlugin)

using namespace Qt::StringLiterals;

namespace {

bool systemPrefersDark()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QGuiApplication::styleHints()->colorScheme() == Qt::ColorScheme::Dark;
#else
    // Qt 6.4 has no colour-scheme hint; the platform theme's palette tells us instead.
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"Atrium"_s);
    QGuiApplication::setOrganizationName(u"Atrium"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(ATRIUM_VERSION));
    QGuiApplication::setDesktopFileName(u"io.github.atrium.Atrium"_s);
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Material"_s);

    const QString home = AppPaths::atriumHome();
    QDir().mkpath(home);

    Preferences preferences(QDir(home).filePath(u"settings.ini"_s), home, AppPaths::hubCache());
    preferences.setSystemDark(systemPrefersDark());
    Navigator navigator(nullptr);
    if (!preferences.firstRunDone())
        navigator.setPage(Navigator::Page::Welcome);

    QmlInstance<Preferences>::expose(&preferences);
    QmlInstance<Navigator>::expose(&navigator);

    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
        Qt::QueuedConnection);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    engine.loadFromModule("Atrium", "Main");
#else
    // NOTE: Qt 6.4 places module files under qrc:/<URI>/ but its default import path lacks qrc:/ (6.5 adds
    // qrc:/qt/qml together with policy QTP0001, which ui/ and qml/ set when it exists). Without this line the
    // pages, which `import Atrium`, would not see their sibling components.
    engine.addImportPath(u"qrc:/"_s);
    engine.load(QUrl(u"qrc:/Atrium/Main.qml"_s));
#endif
    if (engine.rootObjects().isEmpty())
        return 1;

    if (const QString script = qEnvironmentVariable("ATRIUM_E2E_SCRIPT"); !script.isEmpty()) {
        E2eDriver *driver = E2eDriver::fromFile(script, &app);
        if (!driver)
            return 1;
        driver->setWindow(qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst()));
        driver->addStep(u"page"_s, [&navigator](const QStringList &args) {
            const QMetaEnum pages = QMetaEnum::fromType<Navigator::Page>();
            bool ok = false;
            const int value = pages.keyToValue(args.value(0).toLatin1().constData(), &ok);
            if (!ok)
                return u"no page named %1"_s.arg(args.value(0));
            navigator.setPage(static_cast<Navigator::Page>(value));
            return QString();
        });
        driver->addStep(u"theme"_s, [&preferences](const QStringList &args) {
            preferences.setTheme(args.value(0));
            return preferences.theme() == args.value(0) ? QString() : u"unknown theme"_s;
        });
        driver->start();
    }
    return QGuiApplication::exec();
}
