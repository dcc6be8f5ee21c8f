package dev.confab.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * File sharing settings.
 *
 * @param maxFileBytes  the largest file an upload may carry (default 1 GiB)
 * @param uploadUrlTtl  how long an {@code upload_url} (and a pre-signed PUT) stays valid
 * @param abandonAfter  how old an upload that never completed gets before it is swept away
 * @param downloadUrlTtl how long a signed download URL (for browsers) stays valid
 * @param s3            where blobs go when on S3-compatible storage; null = the local disk under the data directory
 * @param sweepEvery    how often abandoned uploads are looked for
 */
public record FilesConfig(long maxFileBytes, Duration uploadUrlTtl, Duration abandonAfter, Duration downloadUrlTtl,
                          S3BlobStore.Settings s3, Duration sweepEvery) {
    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

    public FilesConfig {
        Objects.requireNonNull(uploadUrlTtl, "uploadUrlTtl");
        Objects.requireNonNull(abandonAfter, "abandonAfter");
        Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
        Objects.requireNonNull(sweepEvery, "sweepEvery");
        if (maxFileBytes < 1) throw new IllegalArgumentException("max file size must be positive, got " + maxFileBytes);
    }

    public static final FilesConfig DEFAULT = new FilesConfig(DEFAULT_MAX_FILE_BYTES, Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofMinutes(5), null, Duration.ofMinutes(1));

    /**
     * The defaults overridden by environment variables: {@code CONFAB_FILES_MAX_BYTES},
     * {@code CONFAB_FILES_ABANDON_SECONDS}, and for S3 {@code CONFAB_S3_BUCKET} (turns S3 on),
     * {@code CONFAB_S3_ENDPOINT}, {@code CONFAB_S3_REGION}, {@code CONFAB_S3_ACCESS_KEY},
     * {@code CONFAB_S3_SECRET_KEY}, {@code CONFAB_S3_PATH_STYLE}.
     */
    public static FilesConfig fromEnvironment(Map<String, String> env) {
        long max = Long.parseLong(env.getOrDefault("CONFAB_FILES_MAX_BYTES", String.valueOf(DEFAULT_MAX_FILE_BYTES)));
        Duration abandon = Duration.ofSeconds(Long.parseLong(env.getOrDefault("CONFAB_FILES_ABANDON_SECONDS", "3600")));
        S3BlobStore.Settings s3 = null;
        String bucket = env.get("CONFAB_S3_BUCKET");
        if (bucket != null && !bucket.isBlank()) {
            String endpoint = env.get("CONFAB_S3_ENDPOINT");
            s3 = new S3BlobStore.Settings(endpoint == null ? null : java.net.URI.create(endpoint),
                    env.getOrDefault("CONFAB_S3_REGION", "us-east-1"), bucket, env.get("CONFAB_S3_ACCESS_KEY"),
                    env.get("CONFAB_S3_SECRET_KEY"), Boolean.parseBoolean(env.getOrDefault("CONFAB_S3_PATH_STYLE", "true")));
        }
        return new FilesConfig(max, DEFAULT.uploadUrlTtl, abandon, DEFAULT.downloadUrlTtl, s3, DEFAULT.sweepEvery);
    }

    public FilesConfig withMaxFileBytes(long b) {
        return new FilesConfig(b, uploadUrlTtl, abandonAfter, downloadUrlTtl, s3, sweepEvery);
    }

    public FilesConfig withS3(S3BlobStore.Settings s) {
        return new FilesConfig(maxFileBytes, uploadUrlTtl, abandonAfter, downloadUrlTtl, s, sweepEvery);
    }

    /** Abandoned uploads older than {@code after}, looked for every {@code every}. */
    public FilesConfig withSweep(Duration after, Duration every) {
        return new FilesConfig(maxFileBytes, uploadUrlTtl, after, downloadUrlTtl, s3, every);
    }

    public FilesConfig withTtls(Duration upload, Duration download) {
        return new FilesConfig(maxFileBytes, upload, abandonAfter, download, s3, sweepEvery);
    }

    /** Opens the blob store these settings name; the local one lives in {@code dataDir/files}. */
    public BlobStore openBlobStore(Path dataDir) throws java.io.IOException {
        return s3 == null ? new LocalBlobStore(dataDir.resolve("files")) : new S3BlobStore(s3).ensureBucket();
    }
}
