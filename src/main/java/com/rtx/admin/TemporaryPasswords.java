package com.rtx.admin;

import java.security.SecureRandom;
import java.util.Base64;

/** One-time passwords handed out by a reset: 18 random bytes, URL-safe, shown once and never stored. */
final class TemporaryPasswords {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TemporaryPasswords() {
  }

  static String next() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
