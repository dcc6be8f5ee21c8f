package dev.confab.files;

import dev.confab.model.StoredFile;
import dev.confab.store.FileStore;
import dev.confab.wire.Json;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the 360 and 720 pixel thumbnails of uploaded images, off the request path, on one
 * background thread with a bounded queue (a burst of uploads waits or is skipped, it never grows
 * memory). Image dimensions are read from the header before decoding, so a small file that
 * claims to be a gigapixel image (a decompression bomb) is refused without allocating it.
 */
public final class Thumbnailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Thumbnailer.class);
    /** 40 megapixels: a 160 MB ARGB raster at most. */
    private static final long MAX_PIXELS = 40_000_000L;
    private static final long MAX_BYTES = 64L << 20;

    private final FileStore files;
    private final BlobStore blobs;
    private final Path spool;
    private final Consumer<String> ready;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), Thread.ofPlatform().name("confab-thumbnails").daemon(true).factory(),
            (task, pool) -> log.warn("thumbnail queue full; a file stays without thumbnails"));

    /** @param ready called with the file id once its thumbnails are stored */
    public Thumbnailer(FileStore files, BlobStore blobs, Path spool, Consumer<String> ready) {
        this.files = files;
        this.blobs = blobs;
        this.spool = spool;
        this.ready = ready;
    }

    public static String variant(int size) {
        return "thumb_" + size;
    }

    /** Queues an image for thumbnails; anything else is ignored. */
    public void submit(StoredFile f) {
        if (!f.isImage() || f.size() > MAX_BYTES) return;
        worker.execute(() -> {
            try {
                make(f);
            } catch (Exception e) {
                log.info("no thumbnails for {}: {}", f.id(), e.toString());
            }
        });
    }

    private void make(StoredFile f) throws IOException {
        BufferedImage image;
        try (InputStream in = blobs.open(f.blobKey(), 0, f.size()); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) return;
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) return;
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        }
        var thumbs = Json.object();
        thumbs.putObject("original").put("w", image.getWidth()).put("h", image.getHeight());
        for (int size : new int[] {360, 720}) {
            BufferedImage t = scale(image, size);
            Path tmp = Files.createTempFile(spool, "thumb-", ".png");
            try {
                ImageIO.write(t, "png", tmp.toFile());
                blobs.put(BlobKeys.of(f.teamId(), f.id(), variant(size)), tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
            thumbs.putObject(String.valueOf(size)).put("w", t.getWidth()).put("h", t.getHeight());
        }
        if (files.get(f.id()).isEmpty()) return; // deleted meanwhile
        files.setThumbs(f.id(), thumbs.toString());
        ready.accept(f.id());
    }

    /** Fits the image in a size × size box, never enlarging it. */
    private static BufferedImage scale(BufferedImage src, int box) {
        double k = Math.min(1.0, Math.min((double) box / src.getWidth(), (double) box / src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * k));
        int h = Math.max(1, (int) Math.round(src.getHeight() * k));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
