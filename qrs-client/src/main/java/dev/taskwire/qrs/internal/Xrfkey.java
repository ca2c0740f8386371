package dev.taskwire.qrs.internal;

import java.security.SecureRandom;

/** Makes the 16-character key QRS demands in both the query and a header of every call. */
public final class Xrfkey {

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The key's length: {@value}. */
  public static final int LENGTH = 16;

  private Xrfkey() {}

  /** A fresh random key of {@value #LENGTH} characters from {@code [0-9A-Za-z]}. */
  public static String next() {
    char[] key = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(key);
  }
}
