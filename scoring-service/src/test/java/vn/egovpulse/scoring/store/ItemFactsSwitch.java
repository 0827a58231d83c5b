package vn.egovpulse.scoring.store;

/** Lets the benchmark in ItemFactsTest time batches with and without the V7 rows in one run. */
public final class ItemFactsSwitch {
    private ItemFactsSwitch() {
    }

    public static void skip(boolean skip) {
        ItemFacts.skipForBenchmark = skip;
    }
}
