// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The app's end-to-end steps. Each drives a controller the way a screen does and checks the controllers' state;
// none of them looks at QML items.

#include <QMetaEnum>
#include <QPointer>

#include "controllers/chat_controller.h"
#include "controllers/compare_controller.h"
#include "controllers/downloads_controller.h"
#include "controllers/library_controller.h"
#include "controllers/machine_info.h"
#include "controllers/model_page_controller.h"
#include "controllers/navigator.h"
#include "controllers/preferences.h"
#include "gui/e2e_driver.h"
#include "gui/gui_services.h"
#include "models/hub_search_model.h"

using namespace Qt::StringLiterals;

namespace
{

const QString &wait()
{
    return E2eDriver::kWait;
}

/// The local path of a downloaded file, from the library's list ("" when it is not there yet).
QString localPathOf(LibraryController *library, const QString &repoId, const QString &path)
{
    for (const LocalFileModel::Entry &e : library->files()->entries()) {
        if (e.repoId == repoId && e.path == path)
            return e.localPath;
    }
    return {};
}

ChatSession *sessionNamed(const GuiServices &s, const QString &name)
{
    if (name == "left"_L1)
        return s.compare->left();
    if (name == "right"_L1)
        return s.compare->right();
    return s.chat->session();
}

/// Counts streamed updates of a session's last reply, to check that text arrives piece by piece.
struct StreamCounter {
    int updates = 0;
};

} // namespace

void registerE2eSteps(E2eDriver &driver, const GuiServices &s)
{
    driver.addStep(u"page"_s, [s](const QStringList &args) {
        const QMetaEnum pages = QMetaEnum::fromType<Navigator::Page>();
        bool ok = false;
        const int value = pages.keyToValue(args.value(0).toLatin1().constData(), &ok);
        if (!ok)
            return u"no page named %1"_s.arg(args.value(0));
        s.navigator->setPage(static_cast<Navigator::Page>(value));
        return QString();
    });
    driver.addStep(u"theme"_s, [s](const QStringList &args) {
        s.preferences->setTheme(args.value(0));
        return s.preferences->theme() == args.value(0) ? QString() : u"unknown theme"_s;
    });
    driver.addStep(u"cpu-only"_s, [s](const QStringList &) {
        s.preferences->setDeviceIndex(-2);
        return QString();
    });
    driver.addStep(u"context"_s, [s](const QStringList &args) {
        s.preferences->setContextSize(args.value(0).toInt());
        return QString();
    });
    driver.addStep(u"first-run-done"_s, [s](const QStringList &) {
        s.preferences->setFirstRunDone(true);
        return QString();
    });

    // --- Discover ---
    driver.addStep(u"search"_s, [s](const QStringList &args) {
        s.search->setDebounceMs(0);
        s.search->setQuery(args.join(u' '));
        return QString();
    });
    driver.addStep(u"filter"_s, [s](const QStringList &args) {
        const QString name = args.value(0);
        const QString value = args.value(1) == "-"_L1 ? QString() : args.value(1);
        if (!s.search->setProperty(name.toLatin1().constData(), value))
            return u"no filter %1"_s.arg(name);
        return QString();
    });
    driver.addStep(u"wait-results"_s, [s](const QStringList &args) {
        if (s.search->loading() || s.search->count() < args.value(0).toInt())
            return !s.search->errorString().isEmpty() && !s.search->loading()
                ? u"search failed: %1"_s.arg(s.search->errorString())
                : wait();
        return QString();
    });
    driver.addStep(u"expect-result"_s, [s](const QStringList &args) {
        for (int i = 0; i < s.search->count(); ++i) {
            if (s.search->index(i).data(HubSearchModel::RepoIdRole).toString() == args.value(0))
                return QString();
        }
        return u"%1 is not among %2 results"_s.arg(args.value(0)).arg(s.search->count());
    });

    // --- Model page and downloads ---
    driver.addStep(u"open-model"_s, [s](const QStringList &args) {
        s.navigator->openModel(args.value(0));
        return QString();
    });
    driver.addStep(u"wait-files"_s, [s](const QStringList &args) {
        if (!s.modelPage->errorString().isEmpty() && !s.modelPage->loading())
            return u"model page failed: %1"_s.arg(s.modelPage->errorString());
        if (s.modelPage->loading() || s.modelPage->files()->count() < args.value(0).toInt())
            return wait();
        return QString();
    });
    driver.addStep(u"wait-card"_s, [s](const QStringList &args) {
        if (s.modelPage->cardLoading() || s.modelPage->cardHtml().isEmpty())
            return wait();
        return s.modelPage->cardHtml().contains(args.join(u' '), Qt::CaseInsensitive)
            ? QString()
            : u"the card does not mention '%1'"_s.arg(args.join(u' '));
    });
    driver.addStep(u"expect-fit"_s, [s](const QStringList &args) {
        const int row = s.modelPage->files()->rowOfPath(args.value(0));
        if (row < 0)
            return u"no file %1"_s.arg(args.value(0));
        const QString fit = s.modelPage->files()->index(row).data(ModelFileModel::FitRole).toString();
        return fit == args.value(1) ? QString() : u"fit is '%1', expected '%2'"_s.arg(fit, args.value(1));
    });
    driver.addStep(u"download"_s, [s](const QStringList &args) {
        const int row = s.modelPage->files()->rowOfPath(args.value(0));
        if (row < 0)
            return u"no file %1 on the model page"_s.arg(args.value(0));
        s.modelPage->download(row);
        return QString();
    });
    driver.addStep(u"wait-downloaded"_s, [s](const QStringList &args) {
        const QString repo = s.modelPage->repoId();
        const int row = s.modelPage->files()->rowOfPath(args.value(0));
        const QString state = s.modelPage->files()->index(row).data(ModelFileModel::StateRole).toString();
        if (state == "failed"_L1)
            return u"download failed: %1"_s.arg(
                s.modelPage->files()->index(row).data(ModelFileModel::StatusNoteRole).toString());
        if (state != "completed"_L1 || localPathOf(s.library, repo, args.value(0)).isEmpty())
            return wait();
        return QString();
    });

    // --- Chat ---
    auto counter = std::make_shared<StreamCounter>();
    QObject::connect(s.chat->session()->messages(),
        &QAbstractItemModel::dataChanged,
        s.chat,
        [counter, s](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
            if (s.chat->session()->generating() && roles.contains(MessageModel::ContentRole))
                ++counter->updates;
        });
    driver.addStep(u"chat-with"_s, [s](const QStringList &args) {
        const QString local = localPathOf(s.library, args.value(0), args.value(1));
        if (local.isEmpty())
            return u"%1 %2 is not in the library"_s.arg(args.value(0), args.value(1));
        s.chat->newChat();
        s.chat->selectModel(local);
        s.navigator->setPage(Navigator::Page::Chat);
        return QString();
    });
    driver.addStep(u"wait-model"_s, [s](const QStringList &args) {
        ChatSession *session = sessionNamed(s, args.value(0));
        if (session->modelStatus() == "error"_L1)
            return u"model failed to load: %1"_s.arg(session->errorString());
        return session->modelStatus() == "ready"_L1 ? QString() : wait();
    });
    driver.addStep(u"set"_s, [s](const QStringList &args) {
        if (!s.chat->setProperty(args.value(0).toLatin1().constData(), args.value(1)))
            return u"Chat has no setting %1"_s.arg(args.value(0));
        return QString();
    });
    driver.addStep(u"send"_s, [s, counter](const QStringList &args) {
        counter->updates = 0;
        return s.chat->send(args.join(u' ')) ? QString() : u"send refused: %1"_s.arg(s.chat->session()->errorString());
    });
    driver.addStep(u"wait-reply"_s, [s](const QStringList &) {
        ChatSession *session = s.chat->session();
        if (!session->errorString().isEmpty())
            return u"reply failed: %1"_s.arg(session->errorString());
        return session->generating() || session->finishedReplies() < 1 ? wait() : QString();
    });
    driver.addStep(u"expect-streamed"_s, [s, counter](const QStringList &args) {
        const MessageModel *messages = s.chat->session()->messages();
        const MessageModel::Message last = messages->at(messages->count() - 1);
        if (last.role != "assistant"_L1 || last.content.trimmed().isEmpty())
            return u"the reply is empty"_s;
        if (last.tokenCount <= 0 || last.tokensPerSecond <= 0 || last.ttftMs < 0)
            return u"the reply has no statistics (tokens %1, %2 tok/s, TTFT %3 ms)"_s.arg(last.tokenCount)
                .arg(last.tokensPerSecond)
                .arg(last.ttftMs);
        if (counter->updates < args.value(0).toInt())
            return u"the reply arrived in %1 pieces, expected at least %2"_s.arg(counter->updates).arg(args.value(0));
        return QString();
    });

    driver.addStep(u"wait-conversations"_s, [s](const QStringList &args) {
        return s.chat->conversations()->count() >= args.value(0).toInt() ? QString() : wait();
    });
    driver.addStep(u"open-latest-conversation"_s, [s](const QStringList &) {
        if (s.chat->conversations()->count() == 0)
            return u"no saved conversation"_s;
        const qint64 id =
            s.chat->conversations()->index(0).data(ConversationListModel::ConversationIdRole).toLongLong();
        s.navigator->setPage(Navigator::Page::Chat);
        s.chat->openConversation(id);
        return QString();
    });
    driver.addStep(u"wait-messages"_s, [s](const QStringList &args) {
        const MessageModel *messages = s.chat->session()->messages();
        if (messages->count() < args.value(0).toInt())
            return wait();
        const MessageModel::Message last = messages->at(messages->count() - 1);
        return last.tokenCount > 0 ? QString() : u"the saved reply lost its statistics"_s;
    });

    // --- Compare ---
    driver.addStep(u"compare"_s, [s](const QStringList &args) {
        const QString a = localPathOf(s.library, args.value(0), args.value(1));
        const QString b = localPathOf(s.library, args.value(2), args.value(3));
        if (a.isEmpty() || b.isEmpty())
            return u"both files must be in the library"_s;
        s.compare->setModelA(a);
        s.compare->setModelB(b);
        s.compare->setBlind(args.value(4) == "blind"_L1);
        s.compare->setMaxTokens(48);
        s.navigator->setPage(Navigator::Page::Compare);
        s.compare->start();
        return QString();
    });
    driver.addStep(u"compare-send"_s, [s](const QStringList &args) {
        return s.compare->send(args.join(u' ')) ? QString() : u"compare refused the prompt"_s;
    });
    driver.addStep(u"wait-compare"_s, [s](const QStringList &) {
        for (ChatSession *side : {s.compare->left(), s.compare->right()}) {
            if (!side->errorString().isEmpty())
                return u"a side failed: %1"_s.arg(side->errorString());
        }
        return s.compare->canVote() ? QString() : wait();
    });
    driver.addStep(u"expect-compare-stats"_s, [s](const QStringList &) {
        for (ChatSession *side : {s.compare->left(), s.compare->right()}) {
            if (side->tokenCount() <= 0 || side->ttftMs() < 0 || side->memoryBytes() <= 0)
                return u"a side has no statistics"_s;
        }
        return s.compare->leftTitle() == "Model A"_L1 || !s.compare->blind() ? QString() : u"blind mode shows names"_s;
    });
    driver.addStep(u"vote"_s, [s](const QStringList &args) {
        return s.compare->vote(args.value(0)) ? QString() : u"the vote was refused"_s;
    });
    driver.addStep(u"wait-leaderboard"_s, [s](const QStringList &args) {
        return s.compare->leaderboard()->count() >= args.value(0).toInt() ? QString() : wait();
    });
    driver.addStep(u"expect-revealed"_s, [s](const QStringList &) {
        return s.compare->revealed() && s.compare->leftTitle() != "Model A"_L1 ? QString() : u"names still hidden"_s;
    });
}
