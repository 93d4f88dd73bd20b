// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The local leaderboard's Elo: E_A = 1 / (1 + 10^((R_B - R_A) / 400)), R'_A = R_A + K (S_A - E_A), K = 32, start at
// 1000, votes applied in time order. Expected numbers below were worked out by hand from that formula.

#include <QTest>

#include "catalog/catalog_store.h"

namespace
{

ComparisonVote vote(const char *a, const char *b, VoteResult result)
{
    ComparisonVote v;
    v.modelA = QString::fromLatin1(a);
    v.modelB = QString::fromLatin1(b);
    v.result = result;
    return v;
}

const EloRating &ratingOf(const QList<EloRating> &ratings, const char *model)
{
    for (const EloRating &r : ratings) {
        if (r.modelRef == QLatin1String(model))
            return r;
    }
    qFatal("no rating for %s", model);
}

} // namespace

class TestCatalogElo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstWinMovesSixteenPoints()
    {
        const auto ratings = CatalogStore::computeElo({vote("a", "b", VoteResult::A)});
        QCOMPARE(ratings.size(), 2);
        QCOMPARE(ratings.at(0).modelRef, QStringLiteral("a")); // highest first
        QCOMPARE(ratings.at(0).rating, 1016.0);
        QCOMPARE(ratings.at(1).rating, 984.0);
        QCOMPARE(ratings.at(0).wins, 1);
        QCOMPARE(ratings.at(1).losses, 1);
        QCOMPARE(ratings.at(0).games(), 1);
    }

    void aSecondWinIsWorthLess()
    {
        // E_a = 1 / (1 + 10^(-32/400)) = 0.545922; gain 32 * 0.454078 = 14.5305.
        const auto ratings = CatalogStore::computeElo({vote("a", "b", VoteResult::A), vote("b", "a", VoteResult::B)});
        QVERIFY(qAbs(ratingOf(ratings, "a").rating - 1030.5305) < 1e-3);
        QVERIFY(qAbs(ratingOf(ratings, "b").rating - 969.4695) < 1e-3);
        QCOMPARE(ratingOf(ratings, "a").wins, 2);
    }

    void tiesPullTowardsEachOtherAndBothBadCountsAsATie()
    {
        const auto equal = CatalogStore::computeElo({vote("a", "b", VoteResult::Tie)});
        QCOMPARE(ratingOf(equal, "a").rating, 1000.0);
        QCOMPARE(ratingOf(equal, "b").rating, 1000.0);

        for (VoteResult drawn : {VoteResult::Tie, VoteResult::BothBad}) {
            const auto ratings = CatalogStore::computeElo({vote("a", "b", VoteResult::A), vote("a", "b", drawn)});
            QVERIFY(qAbs(ratingOf(ratings, "a").rating - 1014.5305) < 1e-3);
            QVERIFY(qAbs(ratingOf(ratings, "b").rating - 985.4695) < 1e-3);
            QCOMPARE(ratingOf(ratings, "a").ties, 1);
            QCOMPARE(ratingOf(ratings, "b").ties, 1);
        }
    }

    void orderMatters()
    {
        // a wins, then b wins: the upset is worth more than the first result, so b ends ahead.
        const auto ratings = CatalogStore::computeElo({vote("a", "b", VoteResult::A), vote("a", "b", VoteResult::B)});
        QVERIFY(qAbs(ratingOf(ratings, "a").rating - 998.5305) < 1e-3);
        QVERIFY(qAbs(ratingOf(ratings, "b").rating - 1001.4695) < 1e-3);
        QCOMPARE(ratings.first().modelRef, QStringLiteral("b"));
    }

    void ratingsAreZeroSumAcrossPlayers()
    {
        const QList<ComparisonVote> votes {vote("m1", "m2", VoteResult::A),
            vote("m2", "m3", VoteResult::A),
            vote("m3", "m1", VoteResult::A),
            vote("m1", "m3", VoteResult::Tie),
            vote("m2", "m1", VoteResult::BothBad)};
        const auto ratings = CatalogStore::computeElo(votes);
        QCOMPARE(ratings.size(), 3);
        double sum = 0;
        for (const EloRating &r : ratings)
            sum += r.rating;
        QVERIFY(qAbs(sum - 3000.0) < 1e-9);
        // The rock-paper-scissors cycle alone: m1 998.4969, m2 1000.7363, m3 1000.7668.
        const auto cycle = CatalogStore::computeElo(votes.mid(0, 3));
        QVERIFY(qAbs(ratingOf(cycle, "m1").rating - 998.4969) < 1e-3);
        QVERIFY(qAbs(ratingOf(cycle, "m2").rating - 1000.7363) < 1e-3);
        QVERIFY(qAbs(ratingOf(cycle, "m3").rating - 1000.7668) < 1e-3);
        QCOMPARE(cycle.first().modelRef, QStringLiteral("m3"));
    }

    void kAndTheStartingRatingAreParameters()
    {
        const auto ratings = CatalogStore::computeElo({vote("a", "b", VoteResult::A)}, 16.0, 1500.0);
        QCOMPARE(ratingOf(ratings, "a").rating, 1508.0);
        QCOMPARE(ratingOf(ratings, "b").rating, 1492.0);
        QVERIFY(CatalogStore::computeElo({}).isEmpty());
        QVERIFY(CatalogStore::computeElo({vote("a", "a", VoteResult::A)}).isEmpty()); // a model against itself
    }
};

QTEST_APPLESS_MAIN(TestCatalogElo)
#include "test_catalog_elo.moc"
