package com.rtx.platform.config;

import java.math.BigDecimal;

/**
 * Staff (admin API) security settings that are infrastructure, not business data.
 *
 * @param lockoutFailures consecutive failed staff logins (password or TOTP) before the login is locked
 * @param lockoutS how long a locked staff login stays locked; also the failure-counting window
 * @param fourEyesAmount balance operations above this absolute amount (account currency) need a
 *                       second staff member's approval
 * @param fourEyesStaffDaily what one staff member may move without approval per UTC day, summed over
 *                           absolute amounts of deposits, withdrawals, credit and corrections, per currency
 * @param fourEyesAccountDaily the same sum per account per UTC day (all staff together)
 * @param loginMaxFailuresPerIp failed staff logins from one client address within {@code lockoutS}
 *                              before further staff logins from it are refused (429)
 * @param totpKey base64 AES key (16 or 32 bytes) encrypting staff TOTP secrets at rest (a secret);
 *                empty: a key generated once under the data directory, refused in Kubernetes
 * @param maxLeverage the highest leverage a client group may have (an account's ceiling is its group's)
 */
public record AdminConfig(int lockoutFailures, long lockoutS, BigDecimal fourEyesAmount, BigDecimal fourEyesStaffDaily,
                          BigDecimal fourEyesAccountDaily, int loginMaxFailuresPerIp, String totpKey, int maxLeverage) {
  @Override
  public String toString() {
    return "Admin[lockoutFailures=" + lockoutFailures + ", lockoutS=" + lockoutS + ", fourEyesAmount=" + fourEyesAmount
      + ", fourEyesStaffDaily=" + fourEyesStaffDaily + ", fourEyesAccountDaily=" + fourEyesAccountDaily
      + ", loginMaxFailuresPerIp=" + loginMaxFailuresPerIp + ", totpKey="
      + (totpKey.isEmpty() ? "generated" : SecretMasker.MASK) + ", maxLeverage=" + maxLeverage + "]";
  }

  static AdminConfig parse(ConfigReader in) {
    String totpKey = in.optionalString("admin.totp-key");
    return new AdminConfig(in.intValue("admin.lockout-failures", 1, 1000), in.longValue("admin.lockout-s", 1, 86_400 * 30),
      amount(in, "admin.four-eyes-amount"), amount(in, "admin.four-eyes-staff-daily"),
      amount(in, "admin.four-eyes-account-daily"), in.intValue("admin.login-max-failures-per-ip", 1, 1_000_000),
      totpKey == null ? "" : totpKey, in.intValue("admin.max-leverage", 1, 1000));
  }

  /** A non-negative decimal amount given as a string (money is never a double). */
  private static BigDecimal amount(ConfigReader in, String key) {
    String amount = in.string(key);
    try {
      BigDecimal value = new BigDecimal(amount == null ? "" : amount);
      if (value.signum() < 0) {
        in.problem(key, "must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      in.problem(key, "must be a decimal amount, got '" + amount + "'");
      return BigDecimal.ZERO;
    }
  }
}
