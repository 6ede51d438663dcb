package org.tocsin.alertpage.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A page ready to be served as it is: its UTF-8 bytes, the same gzip-compressed, and their
 * validators. Made once when the page changes, never per request.
 *
 * @param etag the strong entity tag of the identity bytes, quoted; the gzip bytes' tag is
 *     {@link #gzipEtag()}
 * @param lastModified when what the page shows last changed
 */
public record RenderedPage(byte[] body, byte[] gzipped, String etag, Instant lastModified) {

  public static RenderedPage of(String html, Instant lastModified) {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    return new RenderedPage(body, gzip(body), "\"" + digest(body) + "\"", lastModified);
  }

  /** The entity tag of the gzip bytes: a different representation has a different tag. */
  public String gzipEtag() {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RenderedPage page && etag.equals(page.etag)
        && lastModified.equals(page.lastModified);
  }

  @Override
  public int hashCode() {
    return etag.hashCode();
  }

  @Override
  public String toString() {
    return "RenderedPage[" + etag + ", " + body.length + " bytes]";
  }
}
