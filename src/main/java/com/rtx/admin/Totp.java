package com.rtx.admin;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
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

  private final CodeVerifier verifier;

  Totp(Clock clock) {
    DefaultCodeVerifier v = new DefaultCodeVerifier(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6),
      () -> clock.instant().getEpochSecond());
    v.setTimePeriod(30);
    v.setAllowedTimePeriodDiscrepancy(1);
    this.verifier = v;
  }

  /** A new Base32 secret (160 bits). */
  String newSecret() {
    return new DefaultSecretGenerator(32).generate();
  }

  boolean valid(String secret, String code) {
    return secret != null && code != null && verifier.isValidCode(secret, code);
  }

  /** The {@code otpauth://} URI authenticator apps read (usually from a QR code of it). */
  static String uri(String username, String secret) {
    String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=6&period=30";
  }
}
