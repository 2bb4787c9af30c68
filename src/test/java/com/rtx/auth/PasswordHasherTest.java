package com.rtx.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

  @Test
  void hashesWithArgon2idAndTheDocumentedParameters() {
    String hash = PasswordHasher.hashNow("correct horse battery staple");

    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = PasswordHasher.hashNow("s3cret-Pa55");

    assertThat(PasswordHasher.verifyNow("s3cret-Pa55", hash)).isTrue();
    assertThat(PasswordHasher.verifyNow("s3cret-Pa56", hash)).isFalse();
    assertThat(PasswordHasher.verifyNow("", hash)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(PasswordHasher.hashNow("same")).isNotEqualTo(PasswordHasher.hashNow("same"));
  }

  @Test
  void unknownUserOrUnsetPasswordNeverVerifies() {
    assertThat(PasswordHasher.verifyNow("anything", null)).isFalse();
    assertThat(PasswordHasher.verifyNow("anything", "not-a-hash")).isFalse();
  }
}
