package org.tocsin.dispatcher.ledger;

import it.unimi.dsi.fastutil.HashCommon;
import java.nio.charset.StandardCharsets;

/**
 * 64-bit keys of subscriber and task ids, computed alike from a {@code String} and from the
 * UTF-8 bytes of a record, so that the ledger can be filled without decoding ids into strings.
 * FNV-1a over the UTF-8 bytes, then mixed; among ten million ids a collision is about one
 * chance in a hundred thousand.
 */
public final class LedgerKeys {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private LedgerKeys() {
  }

  public static long of(String id) {
    long hash = OFFSET;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 0x80) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return of(bytes, 0, bytes.length);
      }
      hash = (hash ^ c) * PRIME;
    }
    return HashCommon.mix(hash);
  }

  public static long of(byte[] utf8, int offset, int length) {
    long hash = OFFSET;
    for (int i = offset; i < offset + length; i++) {
      hash = (hash ^ (utf8[i] & 0xff)) * PRIME;
    }
    return HashCommon.mix(hash);
  }
}
