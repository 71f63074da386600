package org.ssal.labeling.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ssal.events.CampaignCreated;
import org.ssal.labeling.LabelingException;
import org.ssal.labeling.LabelingException.Kind;
import org.ssal.learning.data.DatasetRoots;
import org.ssal.learning.data.DatasetSpec;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;
import org.ssal.service.SharedSettings;

/**
 * The pixels of the samples annotators are shown, from the campaign's own pool: the same dataset,
 * options, caps and data seed as the trainer and the oracle use ({@link DatasetSpec#forCampaign}),
 * so a sample id names the same image everywhere. Each pool is loaded once (on the first image
 * asked) and kept; campaigns with the same data share it.
 */
@ApplicationScoped
public class SampleImages {
    private final Map<DatasetSpec, ImageSet> pools = new ConcurrentHashMap<>();
    private volatile Path dataDir;
    private volatile boolean configured;

    /** The sample as a PNG at native size. */
    public byte[] png(CampaignCreated campaign, String sampleId) {
        ImageSet pool = poolOf(campaign);
        int index = pool.indexOf(sampleId);
        if (index < 0) {
            throw new LabelingException(Kind.NOT_FOUND, "sampleId", sampleId, "sample " + sampleId
                    + " is not in the pool of campaign " + campaign.getCampaignId() + " (" + campaign.getDataset() + ")");
        }
        return PngImage.encode(pool, index);
    }

    /** The pool of a campaign (train split, capped as the campaign says). */
    public ImageSet poolOf(CampaignCreated campaign) {
        DatasetSpec spec = specOf(campaign, dataDir());
        return pools.computeIfAbsent(spec, s -> {
            try {
                return Datasets.load(s).train();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the pool of campaign " + campaign.getCampaignId()
                        + " (" + campaign.getDataset() + "): " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new LabelingException(Kind.NOT_FOUND, "campaignId", campaign.getCampaignId(),
                        "cannot load the images of campaign " + campaign.getCampaignId() + ": " + e.getMessage());
            }
        });
    }

    /** What the trainer and the oracle load for a campaign; the gateway only uses its train split. */
    static DatasetSpec specOf(CampaignCreated campaign, Path dataDir) {
        return DatasetSpec.forCampaign(campaign.getDataset(), DatasetRoots.resolve(campaign.getDataset(), dataDir),
                campaign.getPoolSize(), campaign.getTestSize(), campaign.getDatasetOptions());
    }

    private Path dataDir() {
        if (!configured) {
            dataDir = SharedSettings.fromConfig().dataDir().orElse(null);
            configured = true;
        }
        return dataDir;
    }
}
