// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "chat_session.h"
#include "common/catalog_access.h"
#include "leaderboard_model.h"

class Preferences;
class QQmlEngine;
class QJSEngine;

/// The Compare screen: two models (or two files of one model) side by side, each a ChatSession with its own worker.
/// One prompt feeds both, at once or one after the other (fair: each side has the machine to itself), over several
/// turns. In blind mode the sides are shuffled and named "A" and "B" until the user votes (A better, B better, tie,
/// both bad); votes go to the catalog and feed the local Elo leaderboard.
class CompareController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Compare)
    QML_SINGLETON
    Q_PROPERTY(ChatSession *left READ left CONSTANT FINAL)
    Q_PROPERTY(ChatSession *right READ right CONSTANT FINAL)
    Q_PROPERTY(LeaderboardModel *leaderboard READ leaderboard CONSTANT FINAL)
    /// The two files chosen, as the user chose them (A and B).
    Q_PROPERTY(QString modelA READ modelA WRITE setModelA NOTIFY modelsChanged FINAL)
    Q_PROPERTY(QString modelB READ modelB WRITE setModelB NOTIFY modelsChanged FINAL)
    /// Names to show over each side: the model names, or "Model A" / "Model B" while blind.
    Q_PROPERTY(QString leftTitle READ leftTitle NOTIFY titlesChanged FINAL)
    Q_PROPERTY(QString rightTitle READ rightTitle NOTIFY titlesChanged FINAL)
    Q_PROPERTY(bool blind READ blind WRITE setBlind NOTIFY modeChanged FINAL)
    /// One side after the other instead of both at once.
    Q_PROPERTY(bool sequential READ sequential WRITE setSequential NOTIFY modeChanged FINAL)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged FINAL)
    Q_PROPERTY(bool ready READ ready NOTIFY modelsChanged FINAL)
    /// Both replies to the latest prompt are in and it has no vote yet.
    Q_PROPERTY(bool canVote READ canVote NOTIFY voteStateChanged FINAL)
    /// The model names are shown (not blind, or voted).
    Q_PROPERTY(bool revealed READ revealed NOTIFY titlesChanged FINAL)
    Q_PROPERTY(int votes READ votes NOTIFY voteStateChanged FINAL)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY settingsChanged FINAL)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY settingsChanged FINAL)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY settingsChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)

public:
    using Labeler = std::function<QString(const QString &)>;
    /// Chooses whether the blind round swaps the sides; the default flips a coin.
    using Shuffle = std::function<bool()>;

    CompareController(Preferences *preferences, CatalogAccess catalog, QObject *parent);
    static CompareController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    ChatSession *left();
    ChatSession *right();
    LeaderboardModel *leaderboard();
    QString modelA() const;
    void setModelA(const QString &path);
    QString modelB() const;
    void setModelB(const QString &path);
    QString leftTitle() const;
    QString rightTitle() const;
    bool blind() const;
    void setBlind(bool blind);
    bool sequential() const;
    void setSequential(bool sequential);
    bool running() const;
    bool ready() const;
    bool canVote() const;
    bool revealed() const;
    int votes() const;
    QString systemPrompt() const;
    void setSystemPrompt(const QString &prompt);
    double temperature() const;
    void setTemperature(double temperature);
    int maxTokens() const;
    void setMaxTokens(int maxTokens);
    QString errorString() const;

    void setLabeler(Labeler labeler);
    void setShuffle(Shuffle shuffle);

    /// Loads both models on fresh sides (a new round: empty transcripts, new shuffle when blind).
    Q_INVOKABLE void start();
    /// Sends the prompt to both sides.
    Q_INVOKABLE bool send(const QString &prompt);
    Q_INVOKABLE void stop();
    /// "a" or "left", "b" or "right", "tie", "both-bad": about the sides as shown.
    Q_INVOKABLE bool vote(const QString &verdict);
    Q_INVOKABLE void reloadLeaderboard();

Q_SIGNALS:
    void modelsChanged();
    void titlesChanged();
    void modeChanged();
    void runningChanged();
    void voteStateChanged();
    void settingsChanged();
    void errorStringChanged();
    void voted(const QString &verdict);

private:
    QString pathOnLeft() const;
    QString pathOnRight() const;
    QString label(const QString &path) const;
    void onReplyFinished();
    void setError(const QString &message);
    SamplingSettings sampling() const;

    Preferences *m_preferences = nullptr;
    CatalogAccess m_catalog;
    ChatSession m_left;
    ChatSession m_right;
    LeaderboardModel m_leaderboard;
    Labeler m_labeler;
    Shuffle m_shuffle;
    QString m_modelA;
    QString m_modelB;
    bool m_swapped = false; ///< blind round: A is on the right
    bool m_blind = true;
    bool m_sequential = false;
    bool m_started = false;
    bool m_votedThisTurn = false;
    bool m_revealed = false;
    int m_votes = 0;
    QString m_lastPrompt;
    QString m_pendingRight; ///< sequential mode: the prompt the right side gets once the left is done
    QString m_systemPrompt;
    SamplingSettings m_sampling;
    QString m_error;
};
