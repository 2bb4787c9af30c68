package com.rtx.admin;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.secret.DefaultSecretGenerator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * RFC 6238 time-based one-time passwords (dev.samstevens.totp): HMAC-SHA1, 6 digits, 30-second
 * steps, one step of drift accepted either way. Time comes from the engine's clock (tests move it).
 */
final class Totp {

  static final String ISSUER = "RTX";

  static final int PERIOD_S = 30;

  private final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
  private final Clock clock;

  Totp(Clock clock) {
    this.clock = clock;
  }

  /** A new Base32 secret (160 bits). */
  String newSecret() {
    return new DefaultSecretGenerator(32).generate();
  }

  /**
   * The time step (unix seconds / 30) whose code {@code code} is, within one step of drift either
   * way, or -1. The caller accepts it only when it is later than the last step accepted, so each
   * code works once.
   */
  long matchingStep(String secret, String code) {
    if (secret == null || code == null) {
      return -1;
    }
    long now = clock.instant().getEpochSecond() / PERIOD_S;
    byte[] given = code.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    long found = -1;
    for (long step = now - 1; step <= now + 1; step++) {
      try {
        byte[] expected = generator.generate(secret, step).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // Every candidate is compared, in constant time, so timing says nothing about which matched.
        if (java.security.MessageDigest.isEqual(expected, given) && found < 0) {
          found = step;
        }
      } catch (dev.samstevens.totp.exceptions.CodeGenerationException e) {
        return -1;
      }
    }
    return found;
  }

  /** The {@code otpauth://} URI authenticator apps read (usually from a QR code of it). */
  static String uri(String username, String secret) {
    String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=6&period=30";
  }
}
