package dev.confab.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, S3Proxy …) through AWS SDK v2. A PUT of
 * an object is atomic on S3's side: the object appears whole or not at all. Hands out pre-signed
 * PUT and GET URLs so clients can move bytes to and from the bucket directly.
 */
public final class S3BlobStore implements BlobStore {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    /** Where the bucket is and how to sign; {@code endpoint} null means AWS itself. */
    public record Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                           boolean pathStyle) {}

    public S3BlobStore(Settings s) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKey(), s.secretKey()));
        var config = S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build();
        // Checksums only where S3 requires them: third-party stores do not all take the SDK's
        // default aws-chunked uploads with trailing checksums.
        var client = S3Client.builder().region(Region.of(s.region())).credentialsProvider(credentials)
                .serviceConfiguration(config).httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder().region(Region.of(s.region())).credentialsProvider(credentials)
                .serviceConfiguration(config);
        if (s.endpoint() != null) {
            client.endpointOverride(s.endpoint());
            presign.endpointOverride(s.endpoint());
        }
        this.s3 = client.build();
        this.presigner = presign.build();
        this.bucket = s.bucket();
    }

    /** Creates the bucket when it does not exist yet (first start against a fresh store). */
    public S3BlobStore ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
            s3.createBucket(b -> b.bucket(bucket));
        }
        return this;
    }

    @Override
    public void put(String key, Path source) throws IOException {
        long length = Files.size(source);
        try {
            s3.putObject(b -> b.bucket(bucket).key(BlobKeys.check(key)).contentLength(length),
                    RequestBody.fromFile(source));
        } catch (S3Exception e) {
            throw new IOException("S3 put of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length == 0) return InputStream.nullInputStream();
        try {
            return s3.getObject(b -> b.bucket(bucket).key(BlobKeys.check(key))
                    .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            throw new IOException("S3 get of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong size(String key) throws IOException {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(BlobKeys.check(key))).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return OptionalLong.empty();
            throw new IOException("S3 head of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(BlobKeys.check(key)));
        } catch (S3Exception e) {
            throw new IOException("S3 delete of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<URI> presignPut(String key, long length, Duration ttl) {
        var req = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(BlobKeys.check(key)).contentLength(length)));
        return Optional.of(toUri(req.url()));
    }

    @Override
    public Optional<URI> presignGet(String key, String contentType, String contentDisposition, Duration ttl) {
        var req = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(o -> o.bucket(bucket).key(BlobKeys.check(key))
                        .responseContentType(contentType).responseContentDisposition(contentDisposition)));
        return Optional.of(toUri(req.url()));
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
