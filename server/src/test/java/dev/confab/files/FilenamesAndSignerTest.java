package dev.confab.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilenamesAndSignerTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "report.pdf              | report.pdf",
            "../../etc/passwd        | passwd",
            "C:\\\\Users\\\\x\\\\a.doc   | a.doc",
            ".htaccess               | htaccess",
            "say \"hi\".txt          | say _hi_.txt",
            "''                      | file",
            "../                     | file",
            "gnp.\u202Eexe           | gnp._exe",
    })
    void namesLoseEverythingThatCouldMislead(String given, String expected) {
        assertThat(Filenames.sanitize(given.strip().equals("''") ? "" : given.strip())).isEqualTo(expected.strip());
    }

    @Test
    void longNamesKeepTheirEnd() {
        assertThat(Filenames.sanitize("a".repeat(300) + ".png")).hasSize(255).endsWith(".png");
    }

    @Test
    void dispositionCarriesAnAsciiFallbackAndTheExactName() {
        assertThat(Filenames.disposition(true, "café menu.pdf"))
                .isEqualTo("attachment; filename=\"caf_ menu.pdf\"; filename*=UTF-8''caf%C3%A9%20menu.pdf");
    }

    @Test
    void aSignatureIsForOnePurposeFileVariantAndTime() {
        UrlSigner signer = new UrlSigner(new byte[32]);
        String sig = signer.sign("upload", "F1", "original", 1000);

        assertThat(signer.verify("upload", "F1", "original", "1000", sig, 999)).isTrue();
        assertThat(signer.verify("upload", "F1", "original", "1000", sig, 1001)).as("expired").isFalse();
        assertThat(signer.verify("get", "F1", "original", "1000", sig, 999)).as("other purpose").isFalse();
        assertThat(signer.verify("upload", "F2", "original", "1000", sig, 999)).as("other file").isFalse();
        assertThat(signer.verify("upload", "F1", "original", "2000", sig, 999)).as("moved expiry").isFalse();
        assertThat(signer.verify("upload", "F1", "original", "x", sig, 999)).isFalse();
        assertThat(new UrlSigner(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).verify("upload", "F1", "original", "1000", sig, 999))
                .as("other key").isFalse();
    }
}
