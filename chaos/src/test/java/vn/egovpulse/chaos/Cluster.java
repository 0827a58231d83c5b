package vn.egovpulse.chaos;

/** Scenario 5's three-broker KRaft cluster (see Chaos05ClusterIT). */
final class Cluster {
    private Cluster() {
    }

    static void stopAll() {
    }
}
