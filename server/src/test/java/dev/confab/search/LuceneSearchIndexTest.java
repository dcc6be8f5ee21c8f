package dev.confab.search;

import dev.confab.search.lucene.LuceneSearchIndex;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchIndexTest extends SearchIndexContract {
    @TempDir
    Path dir;

    @Override
    protected SearchIndex open(boolean reopen) {
        if (reopen) index.close();
        return LuceneSearchIndex.open(dir.resolve("search"));
    }
}
