package org.ssal.learning.acquisition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * TypiClust (Hacohen, Dekel &amp; Weinshall 2022, "Active Learning on a Budget: Opposite
 * Strategies Suit High and Low Budgets"), the low-budget strategy: query typical samples of
 * uncovered regions. Pool and labeled embeddings are clustered together into |L| + k clusters
 * ("we cluster the data into |L|+B clusters") with seeded k-means; then, k times, the largest
 * cluster holding the fewest labeled or already chosen samples gives up its most typical
 * remaining pool sample, typicality being "the inverse of the average Euclidean distance to its
 * K nearest neighbors" with K = 20 ("we use K = 20"), among the cluster's pool samples not yet
 * chosen, K capped at half of them as in the authors' code.
 *
 * <p>Deviations: the cluster count is capped at {@link #MAX_CLUSTERS} as in the authors' code
 * (which switches to mini-batch k-means for many clusters; here it stays exact Lloyd), and small
 * clusters are not dropped, so that exactly min(k, pool size) samples come back. Equal
 * typicality goes to the smaller id, equal cluster priority to the lower cluster index.
 * Scores are the typicality of each pick.
 */
public final class TypiClustStrategy implements AcquisitionStrategy {
    public static final int NEIGHBOURS = 20;
    public static final int MAX_CLUSTERS = 500;
    /** Lloyd iterations at most; k-means usually settles far earlier, and each costs n·clusters·d. */
    public static final int KMEANS_ITERATIONS = 50;

    @Override
    public String name() {
        return "typiclust";
    }

    @Override
    public Set<Requirement> requires() {
        return EnumSet.of(Requirement.EMBEDDINGS);
    }

    @Override
    public Selection select(SelectionContext ctx, int k) {
        int take = ContextValidation.validate(ctx, k, requires());
        if (take == 0) {
            return new Selection(List.of(), new double[0]);
        }
        float[][] pool = ctx.poolEmbeddings();
        float[][] labeled = ctx.labeledEmbeddingsOrEmpty();
        float[][] all = new float[pool.length + labeled.length][];
        System.arraycopy(pool, 0, all, 0, pool.length);
        System.arraycopy(labeled, 0, all, pool.length, labeled.length);
        int clusters = Math.min(Math.min(labeled.length + take, MAX_CLUSTERS), all.length);
        int[] assignment = KMeans.fit(all, clusters, KMEANS_ITERATIONS, ctx.selectionStream());

        int[] size = new int[clusters];
        int[] covered = new int[clusters];
        List<List<Integer>> candidates = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            candidates.add(new ArrayList<>());
        }
        for (int i = 0; i < all.length; i++) {
            size[assignment[i]]++;
            if (i < pool.length) {
                candidates.get(assignment[i]).add(i);
            } else {
                covered[assignment[i]]++;
            }
        }
        int[] idRank = IdOrder.ranks(ctx.poolIds());
        List<String> ids = new ArrayList<>(take);
        double[] scores = new double[take];
        for (int pick = 0; pick < take; pick++) {
            int cluster = -1;
            for (int c = 0; c < clusters; c++) {
                if (candidates.get(c).isEmpty()) {
                    continue;
                }
                if (cluster < 0 || covered[c] < covered[cluster]
                        || (covered[c] == covered[cluster] && size[c] > size[cluster])) {
                    cluster = c;
                }
            }
            List<Integer> members = candidates.get(cluster);
            double[] typicality = typicality(pool, members);
            int best = 0;
            for (int m = 1; m < members.size(); m++) {
                if (typicality[m] > typicality[best]
                        || (typicality[m] == typicality[best] && idRank[members.get(m)] < idRank[members.get(best)])) {
                    best = m;
                }
            }
            ids.add(ctx.poolIds().get(members.get(best)));
            scores[pick] = typicality[best];
            members.remove(best);
            covered[cluster]++;
        }
        return new Selection(ids, scores);
    }

    /**
     * 1 / mean Euclidean distance to the K nearest other members, K = min(20, m / 2); a lone
     * member has typicality 0.
     */
    static double[] typicality(float[][] rows, List<Integer> members) {
        int m = members.size();
        double[] out = new double[m];
        int neighbours = Math.min(NEIGHBOURS, m / 2);
        if (neighbours == 0) {
            return out;
        }
        double[] dist = new double[m - 1];
        for (int a = 0; a < m; a++) {
            float[] row = rows[members.get(a)];
            int t = 0;
            for (int b = 0; b < m; b++) {
                if (b != a) {
                    dist[t++] = Math.sqrt(KCenterGreedy.squaredDistance(row, rows[members.get(b)]));
                }
            }
            Arrays.sort(dist);
            double sum = 0;
            for (int j = 0; j < neighbours; j++) {
                sum += dist[j];
            }
            out[a] = neighbours / sum;
        }
        return out;
    }
}
