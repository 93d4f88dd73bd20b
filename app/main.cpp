// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The GUI composition root: builds every service, hands them to the QML singletons, loads the UI.

#include <cstdio>
#include <cstring>

#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStyleHints>
#include <QThread>
#include <QUrl>
#include <QtQml/qqmlextensionplugin.h>

#include "catalog/catalog_store.h"
#include "common/qml_instance.h"
#include "controllers/account_controller.h"
#include "controllers/chat_controller.h"
#include "controllers/compare_controller.h"
#include "controllers/downloads_controller.h"
#include "controllers/formatter.h"
#include "controllers/library_controller.h"
#include "controllers/machine_info.h"
#include "controllers/model_page_controller.h"
#include "controllers/navigator.h"
#include "controllers/preferences.h"
#include "controllers/welcome_controller.h"
#include "download/download_manager.h"
#include "gui/e2e_driver.h"
#include "gui/gui_services.h"
#include "hub/hub_client.h"
#include "hub/token_store.h"
#include "inference/generation_types.h"
#include "inference/machine_probe.h"
#include "models/hub_search_model.h"
#include "settings/app_paths.h"

Q_IMPORT_QML_PLUGIN(AtriumPlugin)
Q_IMPORT_QML_PLUGIN(Atrium_UiPlugin)

using namespace Qt::StringLiterals;

namespace
{

/// Runs the device probe in this process and prints it as JSON (see MachineProbe::setHelper).
constexpr const char *kProbeDevicesFlag = "--probe-devices";

bool systemPrefersDark()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QGuiApplication::styleHints()->colorScheme() == Qt::ColorScheme::Dark;
#else
    // Qt 6.4 has no colour-scheme hint; the platform theme's palette tells us instead.
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
#endif
}

/// The catalog on its own thread (house-style §8, §9): opened there, joined when this goes out of scope, after
/// every controller that queues work on it is gone.
class CatalogThread
{
public:
    explicit CatalogThread(const QString &databasePath)
        : m_store(new CatalogStore(databasePath))
    {
        registerCatalogMetaTypes();
        m_thread.setObjectName(u"catalog"_s);
        m_store->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_store, &QObject::deleteLater);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_store,
            [store = m_store] {
                if (const auto opened = store->open(); !opened)
                    qWarning("atrium: catalog unavailable: %s", qPrintable(opened.error().message));
            },
            Qt::QueuedConnection);
    }
    ~CatalogThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    CatalogThread(const CatalogThread &) = delete;
    CatalogThread &operator=(const CatalogThread &) = delete;

    CatalogStore *store() const
    {
        return m_store;
    }

private:
    QThread m_thread;
    CatalogStore *m_store; ///< lives on m_thread, deleted there
};

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], kProbeDevicesFlag) == 0) {
        const QByteArray json = machineSnapshotToJson(probeMachine());
        return std::fwrite(json.constData(), 1, size_t(json.size()), stdout) == size_t(json.size()) ? 0 : 1;
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"Atrium"_s);
    QGuiApplication::setOrganizationName(u"Atrium"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(ATRIUM_VERSION));
    QGuiApplication::setDesktopFileName(u"io.github.atrium.Atrium"_s);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    QGuiApplication::setWindowIcon(QIcon(u":/qt/qml/Atrium/icons/io.github.atrium.Atrium.svg"_s));
#else
    QGuiApplication::setWindowIcon(QIcon(u":/Atrium/icons/io.github.atrium.Atrium.svg"_s));
#endif
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Material"_s);
    registerGenerationMetaTypes();

    const QString home = AppPaths::atriumHome();
    QDir().mkpath(home);

    // --- Services (app/) ---
    Preferences preferences(QDir(home).filePath(u"settings.ini"_s), home, AppPaths::hubCache(), nullptr);
    preferences.setSystemDark(systemPrefersDark());
    if (!preferences.language().isEmpty()) {
        // Numbers, dates and sizes follow the chosen language; right-to-left languages mirror the layout.
        const QLocale locale(preferences.language());
        QLocale::setDefault(locale);
        QGuiApplication::setLayoutDirection(locale.textDirection());
    }
    HubConfig hubConfig = HubConfig::fromEnvironment();
    hubConfig.offline = hubConfig.offline || preferences.offline();
    hubConfig.userAgent = u"atrium/%1"_s.arg(QStringLiteral(ATRIUM_VERSION));
    QNetworkAccessManager network;
    HubClient hub(hubConfig, &network);
    DownloadManager downloadManager(hubConfig, DownloadOptions::fromEnvironment(), &network);
    TokenStore tokens;
    CatalogThread catalogThread(AppPaths::catalogDatabase());
    const CatalogAccess catalog(catalogThread.store());

    // --- Controllers (ui/), exposed to QML as singletons ---
    Navigator navigator(nullptr);
    MachineInfo machine(&preferences, nullptr);
    HubSearchModel search(&hub, nullptr);
    DownloadsController downloads(&hub, &downloadManager, catalog, nullptr);
    LibraryController library(catalog, AppPaths::hubCache(), nullptr);
    ModelPageController modelPage(&hub, &downloads, &library, &machine, &preferences, nullptr);
    ChatController chat(&preferences, catalog, nullptr);
    CompareController compare(&preferences, catalog, nullptr);
    WelcomeController welcome(&preferences, &machine, &downloads, &library, &chat, &navigator, nullptr);
    AccountController account(&tokens, &hub, &downloadManager, nullptr);

    QObject::connect(
        &library, &LibraryController::modelsChanged, &search, [&] { search.setLocalModels(library.snapshot()); });
    QObject::connect(&machine, &MachineInfo::changed, &search, [&] { search.setMemoryBudget(machine.budget()); });
    QObject::connect(&navigator, &Navigator::modelIdChanged, &modelPage, [&] { modelPage.open(navigator.modelId()); });
    QObject::connect(&downloads, &DownloadsController::pullFinished, &library, &LibraryController::rescanHubCache);
    QObject::connect(&preferences, &Preferences::offlineChanged, &hub, [&] {
        hub.setOffline(hubConfig.offline || preferences.offline());
    });
    compare.setLabeler([&library](const QString &path) { return library.files()->labelOf(path); });
    if (!preferences.firstRunDone())
        navigator.setPage(Navigator::Page::Welcome);

    QmlInstance<Preferences>::expose(&preferences);
    QmlInstance<Navigator>::expose(&navigator);
    QmlInstance<MachineInfo>::expose(&machine);
    QmlInstance<HubSearchModel>::expose(&search);
    QmlInstance<DownloadsController>::expose(&downloads);
    QmlInstance<LibraryController>::expose(&library);
    QmlInstance<ModelPageController>::expose(&modelPage);
    QmlInstance<ChatController>::expose(&chat);
    QmlInstance<CompareController>::expose(&compare);
    QmlInstance<WelcomeController>::expose(&welcome);
    QmlInstance<AccountController>::expose(&account);

    QQmlApplicationEngine engine;
    QObject::connect(
        &engine,
        &QQmlApplicationEngine::objectCreationFailed,
        &app,
        [] { QCoreApplication::exit(1); },
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

    // Work that can wait until the window is up: none of it blocks the GUI thread.
    // GPU drivers are loaded only in a short-lived helper (this program with kProbeDevicesFlag), not here.
    machine.probe(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kProbeDevicesFlag)});
    account.load();
    library.reload();
    library.rescanQuietly();
    chat.reload();
    compare.reloadLeaderboard();
    downloads.restore();

    if (const QString script = qEnvironmentVariable("ATRIUM_E2E_SCRIPT"); !script.isEmpty()) {
        E2eDriver *driver = E2eDriver::fromFile(script, &app);
        if (!driver)
            return 1;
        driver->setWindow(qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst()));
        registerE2eSteps(*driver,
            GuiServices {&preferences,
                &navigator,
                &machine,
                &search,
                &modelPage,
                &downloads,
                &library,
                &chat,
                &compare,
                &welcome});
        driver->start();
    }
    return QGuiApplication::exec();
}
