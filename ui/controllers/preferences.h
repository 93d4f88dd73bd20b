// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

/// The user's choices that outlive a run: theme, language, context size, GPU device, offline mode, first-run state.
/// Stored in an INI file under the Atrium data folder; QML sees it as the `Preferences` singleton.
class Preferences : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "system", "light" or "dark".
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged FINAL)
    /// Whether the UI should be dark now (theme, or the system's appearance when theme is "system").
    Q_PROPERTY(bool dark READ dark NOTIFY darkChanged FINAL)
    /// "" follows the system; otherwise a locale name such as "en" or "de".
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged FINAL)
    Q_PROPERTY(int contextSize READ contextSize WRITE setContextSize NOTIFY contextSizeChanged FINAL)
    /// -1 picks the best device automatically, -2 forces the CPU, n >= 0 is a Vulkan device index.
    Q_PROPERTY(int deviceIndex READ deviceIndex WRITE setDeviceIndex NOTIFY deviceIndexChanged FINAL)
    Q_PROPERTY(bool firstRunDone READ firstRunDone WRITE setFirstRunDone NOTIFY firstRunDoneChanged FINAL)
    Q_PROPERTY(bool offline READ offline WRITE setOffline NOTIFY offlineChanged FINAL)
    Q_PROPERTY(QString dataFolder READ dataFolder CONSTANT FINAL)
    Q_PROPERTY(QString hubCacheFolder READ hubCacheFolder CONSTANT FINAL)

public:
    static constexpr int kDefaultContextSize = 4096;

    /// Reads and writes `settingsFile`; dataFolder and hubCacheFolder are shown to the user as they are.
    Preferences(const QString &settingsFile, QString dataFolder, QString hubCacheFolder, QObject *parent = nullptr);

    static Preferences *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    QString theme() const;
    void setTheme(const QString &theme);
    bool dark() const;
    /// Called by the composition root when the platform's appearance changes.
    void setSystemDark(bool systemDark);

    QString language() const;
    void setLanguage(const QString &language);
    int contextSize() const;
    void setContextSize(int contextSize);
    int deviceIndex() const;
    void setDeviceIndex(int deviceIndex);
    /// What "automatic" means on this machine, once the device probe has answered: a GPU index, or -2 (the
    /// processor: no usable GPU, or listing them failed). Not saved; -1 until known.
    void setAutomaticDevice(int deviceIndex);
    /// The device to load models on: the choice in Settings, with "automatic" resolved when it is known (so a
    /// machine without a usable GPU never loads a GPU driver into the app).
    int engineDeviceIndex() const;
    bool firstRunDone() const;
    void setFirstRunDone(bool done);
    bool offline() const;
    void setOffline(bool offline);
    QString dataFolder() const;
    QString hubCacheFolder() const;

Q_SIGNALS:
    void themeChanged();
    void darkChanged();
    void languageChanged();
    void contextSizeChanged();
    void deviceIndexChanged();
    void firstRunDoneChanged();
    void offlineChanged();

private:
    void updateDark();

    QSettings m_settings;
    QString m_dataFolder;
    QString m_hubCacheFolder;
    QString m_theme;
    QString m_language;
    int m_contextSize = kDefaultContextSize;
    int m_deviceIndex = -1;
    int m_automaticDevice = -1;
    bool m_firstRunDone = false;
    bool m_offline = false;
    bool m_systemDark = false;
    bool m_dark = false;
};
