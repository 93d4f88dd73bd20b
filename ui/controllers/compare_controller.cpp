// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "compare_controller.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include "common/qml_instance.h"
#include "preferences.h"

using namespace Qt::StringLiterals;

namespace
{
struct VoteOutcome {
    AppExpected<qint64> vote;
    AppExpected<QList<EloRating>> ratings;
};
} // namespace

CompareController::CompareController(Preferences *preferences, CatalogAccess catalog, QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
    , m_catalog(catalog)
    , m_shuffle([] { return QRandomGenerator::global()->bounded(2) == 1; })
{
    m_sampling.temperature = 0.7;
    for (ChatSession *side : {&m_left, &m_right}) {
        connect(side, &ChatSession::generatingChanged, this, &CompareController::runningChanged);
        connect(side, &ChatSession::generatingChanged, this, &CompareController::voteStateChanged);
        connect(side, &ChatSession::modelChanged, this, &CompareController::modelsChanged);
    }
    connect(&m_left, &ChatSession::replyFinished, this, [this] { onReplyFinished(); });
    connect(&m_right, &ChatSession::replyFinished, this, [this] { onReplyFinished(); });
}

CompareController *CompareController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<CompareController>::take(jsEngine);
}

ChatSession *CompareController::left()
{
    return &m_left;
}

ChatSession *CompareController::right()
{
    return &m_right;
}

LeaderboardModel *CompareController::leaderboard()
{
    return &m_leaderboard;
}

QString CompareController::modelA() const
{
    return m_modelA;
}

void CompareController::setModelA(const QString &path)
{
    if (path == m_modelA)
        return;
    m_modelA = path;
    m_started = false;
    Q_EMIT modelsChanged();
    Q_EMIT titlesChanged();
}

QString CompareController::modelB() const
{
    return m_modelB;
}

void CompareController::setModelB(const QString &path)
{
    if (path == m_modelB)
        return;
    m_modelB = path;
    m_started = false;
    Q_EMIT modelsChanged();
    Q_EMIT titlesChanged();
}

QString CompareController::pathOnLeft() const
{
    return m_swapped ? m_modelB : m_modelA;
}

QString CompareController::pathOnRight() const
{
    return m_swapped ? m_modelA : m_modelB;
}

QString CompareController::label(const QString &path) const
{
    if (path.isEmpty())
        return tr("No model chosen");
    return m_labeler ? m_labeler(path) : QFileInfo(path).completeBaseName();
}

QString CompareController::leftTitle() const
{
    return revealed() ? label(pathOnLeft()) : tr("Model A");
}

QString CompareController::rightTitle() const
{
    return revealed() ? label(pathOnRight()) : tr("Model B");
}

bool CompareController::blind() const
{
    return m_blind;
}

void CompareController::setBlind(bool blind)
{
    if (blind == m_blind)
        return;
    m_blind = blind;
    m_started = false; // a new round shuffles (or unshuffles) the sides
    Q_EMIT modeChanged();
    Q_EMIT titlesChanged();
}

bool CompareController::sequential() const
{
    return m_sequential;
}

void CompareController::setSequential(bool sequential)
{
    if (sequential == m_sequential)
        return;
    m_sequential = sequential;
    Q_EMIT modeChanged();
}

bool CompareController::running() const
{
    return m_left.generating() || m_right.generating() || !m_pendingRight.isEmpty();
}

bool CompareController::ready() const
{
    return !m_modelA.isEmpty() && !m_modelB.isEmpty();
}

bool CompareController::canVote() const
{
    if (!m_started || m_lastPrompt.isEmpty() || m_votedThisTurn || running())
        return false;
    for (const ChatSession *side : {&m_left, &m_right}) {
        const MessageModel *messages = const_cast<ChatSession *>(side)->messages();
        if (messages->count() == 0 || messages->at(messages->count() - 1).role != "assistant"_L1)
            return false;
    }
    return true;
}

bool CompareController::revealed() const
{
    return !m_blind || m_revealed;
}

int CompareController::votes() const
{
    return m_votes;
}

QString CompareController::systemPrompt() const
{
    return m_systemPrompt;
}

void CompareController::setSystemPrompt(const QString &prompt)
{
    if (prompt == m_systemPrompt)
        return;
    m_systemPrompt = prompt;
    Q_EMIT settingsChanged();
}

double CompareController::temperature() const
{
    return m_sampling.temperature;
}

void CompareController::setTemperature(double temperature)
{
    const double t = std::clamp(temperature, 0.0, 2.0);
    if (qFuzzyCompare(t + 1, m_sampling.temperature + 1))
        return;
    m_sampling.temperature = t;
    Q_EMIT settingsChanged();
}

int CompareController::maxTokens() const
{
    return m_sampling.maxTokens;
}

void CompareController::setMaxTokens(int maxTokens)
{
    const int m = std::clamp(maxTokens, 1, 32768);
    if (m == m_sampling.maxTokens)
        return;
    m_sampling.maxTokens = m;
    Q_EMIT settingsChanged();
}

QString CompareController::errorString() const
{
    return m_error;
}

void CompareController::setLabeler(Labeler labeler)
{
    m_labeler = labeler;
    m_leaderboard.setLabeler(std::move(labeler));
    Q_EMIT titlesChanged();
}

void CompareController::setShuffle(Shuffle shuffle)
{
    m_shuffle = std::move(shuffle);
}

SamplingSettings CompareController::sampling() const
{
    return m_sampling;
}

void CompareController::start()
{
    if (!ready()) {
        setError(tr("Choose two models to compare."));
        return;
    }
    setError({});
    stop();
    m_swapped = m_blind && m_shuffle && m_shuffle();
    m_revealed = false;
    m_votedThisTurn = false;
    m_lastPrompt.clear();
    const int context = m_preferences ? m_preferences->contextSize() : 4096;
    const int device = m_preferences ? m_preferences->engineDeviceIndex() : -1;
    const QString blindName = tr("Hidden model");
    for (auto [side, path] : {std::pair {&m_left, pathOnLeft()}, std::pair {&m_right, pathOnRight()}}) {
        side->clear();
        if (side->modelPath() != path || side->modelStatus() == "error"_L1)
            side->loadModel(path, context, device, m_blind ? blindName : label(path));
    }
    m_started = true;
    Q_EMIT titlesChanged();
    Q_EMIT voteStateChanged();
}

bool CompareController::send(const QString &prompt)
{
    if (prompt.trimmed().isEmpty() || running())
        return false;
    if (!m_started)
        start();
    if (!m_started)
        return false;
    m_lastPrompt = prompt;
    m_votedThisTurn = false;
    if (!m_left.send(prompt, m_systemPrompt, m_sampling))
        return false;
    if (m_sequential)
        m_pendingRight = prompt;
    else
        m_right.send(prompt, m_systemPrompt, m_sampling);
    Q_EMIT runningChanged();
    Q_EMIT voteStateChanged();
    return true;
}

void CompareController::stop()
{
    m_pendingRight.clear();
    m_left.stop();
    m_right.stop();
    Q_EMIT runningChanged();
}

void CompareController::onReplyFinished()
{
    if (!m_pendingRight.isEmpty() && !m_left.generating()) {
        const QString prompt = m_pendingRight;
        m_pendingRight.clear();
        m_right.send(prompt, m_systemPrompt, m_sampling);
    }
    Q_EMIT runningChanged();
    Q_EMIT voteStateChanged();
}

bool CompareController::vote(const QString &verdict)
{
    if (!canVote())
        return false;
    std::optional<VoteResult> result;
    if (verdict == "a"_L1 || verdict == "left"_L1)
        result = VoteResult::A;
    else if (verdict == "b"_L1 || verdict == "right"_L1)
        result = VoteResult::B;
    else
        result = voteResultFromName(verdict);
    if (!result)
        return false;
    Comparison comparison;
    comparison.modelA = pathOnLeft(); // A and B as the sides were shown
    comparison.modelB = pathOnRight();
    comparison.prompt = m_lastPrompt;
    comparison.createdAt = QDateTime::currentDateTimeUtc();
    const VoteResult r = *result;
    m_catalog.run(
        this,
        [comparison, r](CatalogStore &store) {
            VoteOutcome outcome {
                store.addComparison(comparison).and_then([&](qint64 id) { return store.addVote(id, r); }),
                store.leaderboard()};
            return outcome;
        },
        [this](const VoteOutcome &outcome) {
            if (!outcome.vote)
                setError(outcome.vote.error().message);
            if (outcome.ratings)
                m_leaderboard.setRatings(outcome.ratings.value());
        });
    m_votedThisTurn = true;
    m_revealed = true;
    ++m_votes;
    Q_EMIT voteStateChanged();
    Q_EMIT titlesChanged();
    Q_EMIT voted(voteResultName(r));
    return true;
}

void CompareController::reloadLeaderboard()
{
    m_catalog.run(
        this,
        [](CatalogStore &store) { return store.leaderboard(); },
        [this](const AppExpected<QList<EloRating>> &ratings) {
            if (ratings)
                m_leaderboard.setRatings(ratings.value());
        });
}

void CompareController::setError(const QString &message)
{
    if (message == m_error)
        return;
    m_error = message;
    Q_EMIT errorStringChanged();
}
