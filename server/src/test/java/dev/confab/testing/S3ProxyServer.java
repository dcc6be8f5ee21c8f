package dev.confab.testing;

import dev.confab.files.S3BlobStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API in this JVM: S3Proxy over jclouds' filesystem blob store in a temporary folder,
 * on a free loopback port, with AWS v4 signatures checked. Not a mock: the AWS SDK talks HTTP to it.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS = "confab-access";
    public static final String SECRET = "confab-secret-key";
    private final S3Proxy proxy;
    private final BlobStoreContext context;

    public S3ProxyServer(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        context = ContextBuilder.newBuilder("filesystem").credentials("local", "local").overrides(props)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3BlobStore.Settings settings(String bucket) {
        return new S3BlobStore.Settings(endpoint(), "us-east-1", bucket, ACCESS, SECRET, true);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
