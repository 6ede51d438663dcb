package org.tocsin.alertpage.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RenderedPageTest {

  private static final Instant AT = Instant.parse("2026-12-03T13:05:00Z");

  @Test
  void holdsTheBytesAndTheSameGzippedWithTagsPerRepresentation() throws Exception {
    RenderedPage page = RenderedPage.of("<p>Fumée toxique</p>".repeat(100), AT);

    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(page.gzipped()))) {
      assertThat(gzip.readAllBytes()).isEqualTo(page.body());
    }
    assertThat(page.gzipped().length).isLessThan(page.body().length / 4);
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).startsWith("<p>Fumée");
    assertThat(page.etag()).matches("\"[A-Za-z0-9_-]{24}\"");
    assertThat(page.gzipEtag()).isEqualTo(page.etag().replace("\"", "").transform(
        tag -> "\"" + tag + "-gz\""));
  }

  @Test
  void theTagChangesWithTheContentOnly() {
    assertThat(RenderedPage.of("a", AT).etag()).isEqualTo(RenderedPage.of("a", AT.plusSeconds(1))
        .etag()).isNotEqualTo(RenderedPage.of("b", AT).etag());
  }
}
