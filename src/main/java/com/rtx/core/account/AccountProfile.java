package com.rtx.core.account;

import com.rtx.core.money.CurrencyDigits;

import java.util.Objects;

/**
 * The settings of one trading account (its money and positions are in
 * {@code com.rtx.core.dealing.AccountState}).
 *
 * @param accountId the account
 * @param currency deposit currency; every amount of the account is in it
 * @param leverage the account's leverage, e.g. 100 for 1:100; the group's is the ceiling
 * @param mode hedging or netting
 * @param status what the client may do
 * @param group name of the client group
 */
public record AccountProfile(long accountId, String currency, int leverage, AccountMode mode, AccountStatus status,
                             String group) {

  public AccountProfile {
    CurrencyDigits.checkCode(currency);
    if (leverage < 1) {
      throw new IllegalArgumentException("leverage must be >= 1, got " + leverage);
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(group, "group");
  }

  public AccountProfile withStatus(AccountStatus newStatus) {
    return new AccountProfile(accountId, currency, leverage, mode, newStatus, group);
  }
}
