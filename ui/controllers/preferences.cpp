// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "preferences.h"

#include "common/qml_instance.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int kMinContext = 256;
constexpr int kMaxContext = 1 << 20;

QString normalisedTheme(const QString &theme)
{
    if (theme == "light"_L1 || theme == "dark"_L1)
        return theme;
    return u"system"_s;
}
} // namespace

Preferences::Preferences(const QString &settingsFile, QString dataFolder, QString hubCacheFolder, QObject *parent)
    : QObject(parent)
    , m_settings(settingsFile, QSettings::IniFormat)
    , m_dataFolder(std::move(dataFolder))
    , m_hubCacheFolder(std::move(hubCacheFolder))
{
    m_theme = normalisedTheme(m_settings.value(u"ui/theme"_s, u"system"_s).toString());
    m_language = m_settings.value(u"ui/language"_s).toString();
    m_contextSize =
        std::clamp(m_settings.value(u"engine/contextSize"_s, kDefaultContextSize).toInt(), kMinContext, kMaxContext);
    m_deviceIndex = m_settings.value(u"engine/deviceIndex"_s, -1).toInt();
    m_firstRunDone = m_settings.value(u"ui/firstRunDone"_s, false).toBool();
    m_offline = m_settings.value(u"hub/offline"_s, false).toBool();
    updateDark();
}

Preferences *Preferences::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<Preferences>::take(jsEngine);
}

QString Preferences::theme() const
{
    return m_theme;
}

void Preferences::setTheme(const QString &theme)
{
    const QString t = normalisedTheme(theme);
    if (t == m_theme)
        return;
    m_theme = t;
    m_settings.setValue(u"ui/theme"_s, m_theme);
    Q_EMIT themeChanged();
    updateDark();
}

bool Preferences::dark() const
{
    return m_dark;
}

void Preferences::setSystemDark(bool systemDark)
{
    m_systemDark = systemDark;
    updateDark();
}

void Preferences::updateDark()
{
    const bool d = m_theme == "dark"_L1 || (m_theme == "system"_L1 && m_systemDark);
    if (d == m_dark)
        return;
    m_dark = d;
    Q_EMIT darkChanged();
}

QString Preferences::language() const
{
    return m_language;
}

void Preferences::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    m_settings.setValue(u"ui/language"_s, m_language);
    Q_EMIT languageChanged();
}

int Preferences::contextSize() const
{
    return m_contextSize;
}

void Preferences::setContextSize(int contextSize)
{
    const int c = std::clamp(contextSize, kMinContext, kMaxContext);
    if (c == m_contextSize)
        return;
    m_contextSize = c;
    m_settings.setValue(u"engine/contextSize"_s, m_contextSize);
    Q_EMIT contextSizeChanged();
}

int Preferences::deviceIndex() const
{
    return m_deviceIndex;
}

void Preferences::setAutomaticDevice(int deviceIndex)
{
    m_automaticDevice = std::max(deviceIndex, -2);
}

int Preferences::engineDeviceIndex() const
{
    return m_deviceIndex == -1 ? m_automaticDevice : m_deviceIndex;
}

void Preferences::setDeviceIndex(int deviceIndex)
{
    const int d = std::max(deviceIndex, -2);
    if (d == m_deviceIndex)
        return;
    m_deviceIndex = d;
    m_settings.setValue(u"engine/deviceIndex"_s, m_deviceIndex);
    Q_EMIT deviceIndexChanged();
}

bool Preferences::firstRunDone() const
{
    return m_firstRunDone;
}

void Preferences::setFirstRunDone(bool done)
{
    if (done == m_firstRunDone)
        return;
    m_firstRunDone = done;
    m_settings.setValue(u"ui/firstRunDone"_s, m_firstRunDone);
    Q_EMIT firstRunDoneChanged();
}

bool Preferences::offline() const
{
    return m_offline;
}

void Preferences::setOffline(bool offline)
{
    if (offline == m_offline)
        return;
    m_offline = offline;
    m_settings.setValue(u"hub/offline"_s, m_offline);
    Q_EMIT offlineChanged();
}

QString Preferences::dataFolder() const
{
    return m_dataFolder;
}

QString Preferences::hubCacheFolder() const
{
    return m_hubCacheFolder;
}
