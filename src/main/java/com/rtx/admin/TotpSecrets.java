package com.rtx.admin;

import com.rtx.auth.SecretFiles;
import com.rtx.platform.config.RtxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Staff TOTP secrets at rest: AES-GCM with the key {@code admin.totp-key} (base64, 16 or 32 bytes,
 * from the Secret), stored as {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>} with the staff id as
 * associated data, so a sealed secret copied onto another staff row does not open. Without a
 * configured key a development key is generated once under {@code <data-dir>/keys/} — refused in
 * Kubernetes, where the key must come from the Secret. A value without the prefix is a plaintext
 * secret from before; {@link #open} still reads it and callers seal it at its next use.
 */
final class TotpSecrets {

  private static final Logger LOG = LoggerFactory.getLogger(TotpSecrets.class);
  static final String PREFIX = "v1:";
  private static final String DEV_KEY_FILE = "keys/totp-dev.key";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  TotpSecrets(byte[] key) {
    if (key.length != 16 && key.length != 32) {
      throw new IllegalArgumentException("admin.totp-key must be 16 or 32 bytes (base64), got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The configured key, or the development key. Blocking (file I/O): call from a worker. */
  static TotpSecrets load(RtxConfig config) {
    String configured = config.admin().totpKey();
    if (!configured.isBlank()) {
      return new TotpSecrets(Base64.getDecoder().decode(configured.trim()));
    }
    if (config.kubernetesNamespace().isPresent()) {
      throw new IllegalStateException("admin.totp-key (RTX_ADMIN_TOTP_KEY) is required in Kubernetes: "
        + "staff TOTP secrets are encrypted with it; put a random 32-byte base64 key in the Secret");
    }
    Path file = config.dataDir().resolve(DEV_KEY_FILE);
    SecretFiles.Result stored = SecretFiles.readOrCreate(file, () -> {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      return Base64.getEncoder().encodeToString(fresh);
    });
    LOG.info("no admin.totp-key configured: {} development TOTP encryption key in {} (configure admin.totp-key "
      + "in production)", stored.created() ? "generated" : "using", file.toAbsolutePath());
    return new TotpSecrets(Base64.getDecoder().decode(stored.content().trim()));
  }

  String seal(long staffId, String secret) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(staffId));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a TOTP secret", e);
    }
  }

  /** The secret; null for null. Fails for a sealed value that does not open with this key and staff id. */
  String open(long staffId, String stored) {
    if (stored == null || !isSealed(stored)) {
      return stored;
    }
    try {
      byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad(staffId));
      return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the TOTP secret of staff " + staffId + " does not open with admin.totp-key", e);
    }
  }

  static boolean isSealed(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  private static byte[] aad(long staffId) {
    return ("rtx-staff-totp:" + staffId).getBytes(StandardCharsets.US_ASCII);
  }
}
