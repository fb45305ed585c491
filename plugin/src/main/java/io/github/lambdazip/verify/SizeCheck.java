package io.github.lambdazip.verify;

import java.util.ArrayList;
import java.util.List;

/** Lambda's size limits: unzipped code and layers together, and zips uploaded directly. */
public final class SizeCheck {

    /** 250 MB, the unzipped limit for a function with all its layers. */
    public static final long MAX_UNZIPPED = 262_144_000L;
    /** 50 MB, the limit for a zip uploaded directly rather than through S3. */
    public static final long MAX_DIRECT_UPLOAD = 52_428_800L;

    public List<Finding> checkUnzipped(long uncompressedSize) {
        List<Finding> findings = new ArrayList<>();
        if (uncompressedSize > MAX_UNZIPPED) {
            findings.add(Finding.error(Rule.SIZE_UNZIPPED, null,
                    "the package (with its layers) unzips to " + uncompressedSize + " bytes, more than Lambda's limit of " + MAX_UNZIPPED
                            + " bytes (250 MB); the deploy would fail",
                    "exclude what the function does not need (tests, docs, large data) with <excludes>, move "
                            + "dependencies to a layer, or use a container image"));
        }
        return findings;
    }

    public List<Finding> checkZipped(long zipSize) {
        List<Finding> findings = new ArrayList<>();
        if (zipSize > MAX_DIRECT_UPLOAD) {
            findings.add(Finding.warning(Rule.SIZE_ZIPPED, null,
                    "the zip is " + zipSize + " bytes, more than the " + MAX_DIRECT_UPLOAD
                            + " bytes (50 MB) Lambda accepts in a direct upload",
                    "upload it to S3 and deploy from there (Terraform: s3_bucket/s3_key), or make it smaller"));
        }
        return findings;
    }
}
