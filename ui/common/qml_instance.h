// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QJSEngine>
#include <QQmlEngine>

/// Hands a C++-owned object to QML as a singleton, the pattern of Qt's "Exposing an existing object as a singleton"
/// docs: the composition root calls expose() once before loading QML, and the type's static create() returns it.
/// Only create() reads the slot; nothing else in the program uses it as a global accessor.
///
/// NOTE: Qt 6.4 prefers a default constructor over create() (qqmlprivate.h constructionMode()), so a type exposed
/// this way must not be default-constructible: give its constructor a parent argument without a default.
template <typename T>
class QmlInstance
{
public:
    static void expose(T *object)
    {
        s_object = object;
    }

    /// For T::create(): the exposed object, owned by C++ (QML never deletes it).
    static T *take(QJSEngine *engine)
    {
        Q_ASSERT_X(s_object, "QmlInstance", "the composition root must expose this singleton before QML loads");
        if (s_object && engine)
            QJSEngine::setObjectOwnership(s_object, QJSEngine::CppOwnership);
        return s_object;
    }

private:
    static inline T *s_object = nullptr;
};
